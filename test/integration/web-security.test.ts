/**
 * Web security of the local host: CSP and security headers on every kind of response (SPA HTML, API
 * JSON, API errors, static assets, the blob receiver), XSS payloads in every user-editable field stored
 * and returned inert (JSON with nosniff, byte-for-byte what was sent, never HTML), the upload error
 * report's CSV escaped against formula injection, no raw-HTML rendering in the SPA, and the host's
 * binding rules (127.0.0.1 by default; any other address needs a configured demo password, which then
 * replaces the default one).
 */
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalOptions } from '../../local/src/options';
import { api, login, startTestStack } from './support/stack';

const INLINE = "window.__boot = 'x';";
const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '</script><script>alert(1)</script>',
];
const payload = (i: number) => `${XSS[i % XSS.length] ?? ''} #${i}`;

/** The environment before the in-process stack below adds its own settings (DEMO_PASSWORD among them). */
const CLEAN_ENV = { ...process.env };

let stack: Awaited<ReturnType<typeof startTestStack>>;
const tokens = {} as Record<'finance' | 'cx' | 'admin' | 'cfo', string>;

beforeAll(async () => {
  // A minimal built SPA: index.html with one inline script (its hash must reach the CSP) and an asset.
  const web = await mkdtemp(join(tmpdir(), 'cxl-web-'));
  await mkdir(join(web, '_app', 'immutable'), { recursive: true });
  await writeFile(
    join(web, 'index.html'),
    `<!doctype html><html><head><script>${INLINE}</script><script type="module" src="/_app/immutable/app.js"></script></head><body></body></html>`,
  );
  await writeFile(join(web, '_app', 'immutable', 'app.js'), 'export {};');
  await writeFile(join(web, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  stack = await startTestStack({ DEMO: 'off', WEB_DIR: web });
  for (const who of ['finance', 'cx', 'admin', 'cfo'] as const)
    tokens[who] = await login(stack.url, `${who}@demo.local`);
});
afterAll(async () => {
  await stack?.close();
});

function expectSecurityHeaders(h: Headers, what: string): void {
  const csp = h.get('content-security-policy') ?? '';
  expect(csp, `${what}: CSP`).toMatch(/default-src 'self'/);
  expect(csp, what).toMatch(/frame-ancestors 'none'/);
  expect(csp, what).toMatch(/base-uri 'self'/);
  expect(csp, what).toMatch(/object-src 'none'|default-src 'self'/);
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc, `${what}: script-src`).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:/);
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('x-frame-options'), what).toBe('DENY');
  expect(h.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
  expect(h.get('permissions-policy'), what).toMatch(/camera=\(\)/);
}

describe('security headers on every response', () => {
  it('serves CSP and the other headers on HTML, API, errors, static files and the blob receiver', async () => {
    const cases: [string, RequestInit & { path: string }][] = [
      ['SPA index', { path: '/' }],
      ['SPA deep link', { path: '/overview/anything' }],
      ['static asset', { path: '/_app/immutable/app.js' }],
      ['static text', { path: '/robots.txt' }],
      ['missing asset', { path: '/nope.png' }],
      ['API public', { path: '/api/health' }],
      ['API signed in', { path: '/api/me', headers: { authorization: `Bearer ${tokens.cfo}` } }],
      ['API 401', { path: '/api/meta' }],
      ['API 404', { path: '/api/nope' }],
      ['API 405', { path: '/api/meta', method: 'DELETE' }],
      ['API 400', { path: '/api/uploads/%E0%A4%A' }],
      ['API CSV', { path: '/api/templates/contacts', headers: { authorization: `Bearer ${tokens.cx}` } }],
      ['blob receiver refusal', { path: '/local/blob-upload', method: 'POST', body: 'x' }],
    ];
    for (const [what, { path, ...init }] of cases) {
      const res = await fetch(`${stack.url}${path}`, init);
      await res.arrayBuffer();
      expect(res.status, what).toBeLessThan(500);
      expectSecurityHeaders(res.headers, `${what} (${res.status})`);
    }
  });

  it('allows exactly the inline scripts of index.html, by hash', async () => {
    const res = await fetch(`${stack.url}/`);
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(res.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('never lets the browser cache API answers', async () => {
    const res = await fetch(`${stack.url}/api/me`, { headers: { authorization: `Bearer ${tokens.cfo}` } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

/** Asserts an API answer is JSON (nosniff) and carries `expected` at `get(body)` exactly. */
async function expectInertJson(path: string, token: string, find: (body: any) => unknown, expected: string) {
  const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const text = await res.text();
  // Stored and returned as the same text, inside a JSON string: no HTML decoding or double escaping.
  expect(find(JSON.parse(text)), path).toBe(expected);
  expect(text).toContain(JSON.stringify(expected).slice(1, -1));
}

describe('XSS payloads in user-editable fields stay inert', () => {
  it('initiative names and descriptions', async () => {
    const r = await api(stack.url, '/api/initiatives', {
      token: tokens.cx,
      body: {
        name: payload(0),
        bu: 'SMB',
        goLiveMonth: '2024-03',
        costOneOff: 1,
        costMonthly: 1,
        description: payload(1),
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.id as string;
    await expectInertJson(
      '/api/initiatives',
      tokens.cfo,
      (b) => b.initiatives.find((i: { id: string }) => i.id === id)?.name,
      payload(0),
    );
    await expectInertJson(
      '/api/initiatives',
      tokens.cfo,
      (b) => b.initiatives.find((i: { id: string }) => i.id === id)?.description,
      payload(1),
    );
  });

  it('touchpoint names, owners and evidence', async () => {
    const body = {
      touchpoint: payload(2),
      lifecycleStage: 'attract',
      operationalPurpose: 'identify prospect',
      cxRole: 'influence perception',
      owner: payload(3),
      impact: 4,
      opEfficiency: 7,
      cxEfficiency: 6,
      volumePerMonth: 10,
      pctPromotersCreated: 18,
      pctDetractorsCreated: 6,
      competitorGap: '0',
      evidenceSource: payload(4),
    };
    const r = await api(stack.url, '/api/touchpoints', { token: tokens.cx, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.touchpointId as string;
    const pick = (field: string) => (b: any) =>
      b.touchpoints.find((t: { touchpointId: string }) => t.touchpointId === id)?.[field];
    await expectInertJson('/api/touchpoints', tokens.cfo, pick('touchpoint'), payload(2));
    await expectInertJson('/api/touchpoints', tokens.cfo, pick('owner'), payload(3));
    await expectInertJson('/api/touchpoints', tokens.cfo, pick('evidenceSource'), payload(4));
  });

  it('assumption owners (the register’s free-text notes)', async () => {
    const current = (await api(stack.url, '/api/assumptions', { token: tokens.finance })).body.current;
    const { version, updatedAt: _a, updatedBy: _b, ...rest } = current;
    const r = await api(stack.url, '/api/assumptions', {
      method: 'PUT',
      token: tokens.finance,
      body: { ...rest, owners: { ...rest.owners, grossMargin: payload(5) }, expectedVersion: version },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await expectInertJson('/api/assumptions', tokens.cfo, (b) => b.current.owners.grossMargin, payload(5));
  });

  it('upload file names, and the error report CSV escaped against formula injection', async () => {
    const fileName = `${payload(1).replace(/[/\\]/g, '')}.csv`;
    const text =
      'contact_id,customer_id,channel,created_at\n' +
      'k1,c1,chat,"=HYPERLINK(""http://evil.example"",""x"")"\n' +
      'k2,c2,<script>alert(1)</script>,2024-13-40\n' +
      "k3,c3,chat,+cmd|' /C calc'!A0\n" +
      'k4,c4,chat,@SUM(1+1)\n' +
      'k5,c5,chat,-2+3\n';
    const bytes = new TextEncoder().encode(text);
    const created = await api(stack.url, '/api/uploads', {
      token: tokens.cx,
      body: { kind: 'contacts', fileName, size: bytes.length, contentType: 'text/csv' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { uploadId, upload } = created.body;
    const form = new FormData();
    for (const [k, v] of Object.entries(upload.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([bytes]), fileName);
    const posted = await fetch(new URL(upload.url as string, stack.url), { method: 'POST', body: form });
    expect(posted.status).toBe(204);
    expectSecurityHeaders(posted.headers, 'blob receiver success');
    let status = 'pending';
    for (let i = 0; i < 200 && ['pending', 'processing'].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await api(stack.url, `/api/uploads/${uploadId as string}`, { token: tokens.cx })).body.status;
    }
    expect(status).not.toMatch(/pending|processing/);
    await expectInertJson(`/api/uploads/${uploadId as string}`, tokens.cx, (b) => b.fileName, fileName);

    const res = await fetch(`${stack.url}/api/uploads/${uploadId as string}/errors?format=csv`, {
      headers: { authorization: `Bearer ${tokens.cx}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    // The download name keeps only safe characters: nothing of the payload reaches the header.
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+-errors\.csv"$/);
    const csv = (await res.text()).replace(/^\uFEFF/, '');
    const cells = csv
      .split(/\r\n/)
      .slice(1)
      .filter(Boolean)
      .flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [])
      .map((c) =>
        c
          .replace(/,$/, '')
          .replace(/^"(.*)"$/s, '$1')
          .replaceAll('""', '"'),
      );
    expect(cells.length).toBeGreaterThan(4);
    for (const c of cells) expect(c, `CSV cell ${c}`).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain(`'=HYPERLINK`);
  });

  it('report subscription names', async () => {
    const r = await api(stack.url, '/api/report-subscriptions', {
      token: tokens.admin,
      body: {
        name: payload(0),
        reportType: 'executive-summary',
        bu: 'ALL',
        recipients: ['cfo@demo.local'],
        cadence: { every: 'month', day: 1, time: '07:30', timeZone: 'UTC' },
        active: false,
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const id = r.body.id as string;
    await expectInertJson(
      '/api/report-subscriptions',
      tokens.admin,
      (b) => b.subscriptions.find((s: { id: string }) => s.id === id)?.name,
      payload(0),
    );
  });

  it('the SPA renders no raw HTML (no {@html}, innerHTML or document.write in web/src)', async () => {
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (/\.(svelte|ts|js)$/.test(e.name)) {
          const src = await readFile(p, 'utf8');
          if (/\{@html\b|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(src))
            offenders.push(p);
        }
      }
    };
    await walk(join(process.cwd(), 'web', 'src'));
    expect(offenders).toEqual([]);
  });
});

describe('where the local host listens and who may sign in', () => {
  it('binds 127.0.0.1 unless told otherwise', () => {
    const o = readLocalOptions({});
    expect(o.HOST).toBe('127.0.0.1');
    expect(o.loopback).toBe(true);
    expect(new URL(stack.url).hostname).toBe('127.0.0.1');
  });

  it('refuses to start on a non-loopback address without a configured demo password', () => {
    for (const HOST of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(() => readLocalOptions({ HOST }), HOST).toThrow(/not loopback: set DEMO_PASSWORD/);
    }
    expect(readLocalOptions({ HOST: '0.0.0.0', DEMO_PASSWORD: 'a-strong-password' }).loopback).toBe(false);
    expect(readLocalOptions({ HOST: '::1' }).loopback).toBe(true);
  });

  it('the host refuses to start on 0.0.0.0 without DEMO_PASSWORD', async () => {
    const host = await runHost({ HOST: '0.0.0.0' });
    const code = await Promise.race([
      host.exited,
      new Promise((r) => setTimeout(() => r('still running'), 30_000)),
    ]);
    if (code === 'still running') host.stop();
    expect(code).toBe(1);
    expect(host.output()).toMatch(/HOST=0\.0\.0\.0 is not loopback: set DEMO_PASSWORD/);
  });

  it('on 0.0.0.0 with DEMO_PASSWORD, only that password signs in (the default "demo" does not)', async () => {
    const password = 'correct horse battery staple';
    const host = await runHost({ HOST: '0.0.0.0', DEMO_PASSWORD: password });
    try {
      const url = await host.ready;
      expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      const base = url.replace('0.0.0.0', '127.0.0.1');
      const wrong = await api(base, '/api/auth/login', {
        body: { email: 'admin@demo.local', password: 'demo' },
      });
      expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });
      const ok = await api(base, '/api/auth/login', { body: { email: 'admin@demo.local', password } });
      expect(ok.status).toBe(200);
    } finally {
      host.stop();
      await host.exited;
    }
  });
});

/** The real local host (`local/src/main.ts`) in a child process with its own data dir. */
async function runHost(env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'cxl-host-'));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'local/src/main.ts'], {
    cwd: process.cwd(),
    env: { ...CLEAN_ENV, PORT: '0', DEMO: 'off', LOG_LEVEL: 'SILENT', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Dashboard:\s+(http:\/\/\S+?)\/\s/.exec(out);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`host exited: ${out}`));
    });
  });
  ready.catch(() => undefined);
  return { ready, exited, output: () => out, stop: () => proc.kill('SIGTERM') };
}
