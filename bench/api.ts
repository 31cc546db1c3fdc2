/**
 * API read-latency bench: p50/p95/p99 of every GET route with a JWT in ROUTES, against the real local
 * host (HTTP server, handlers, dynalite) holding the synthetic company (seed 42) at 1× and 10× the
 * demo's customers (generator `scale`), and the 10×/1× ratio of the medians. Reads come from
 * materialized views, so the ratio should stay near 1.
 *
 * The host runs in a child process (`--serve <scale>`), so the client timing the requests does not
 * share its event loop; `startCompanyHost()` is also what bench/load.ts drives with autocannon. A
 * company's data dir is kept under the OS temp dir and reused by later runs (delete
 * `cxl-bench-company-*` to rebuild). `npx tsx bench/api.ts` runs the bench standalone.
 *
 * Env: BENCH_API_SCALES (default `1,10`), BENCH_API_SAMPLES (requests per endpoint, default 100).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './figures';

export type { BenchResult };

const SEED = 42;
const HOST_MARK = 'BENCH_HOST ';
const P95_TARGET_MS = 100;
const P99_TARGET_MS = 150;
const RATIO_TARGET = 1.5;

export interface CompanyHost {
  url: string;
  /** An admin's token (every permission). */
  token: string;
  scale: number;
  /** The prepared company's data dir (its generated files are under `company/`). */
  dataDir: string;
  /** Customers, fact rows and seconds it took to load the company (0 when reused). */
  customers: number;
  rows: number;
  loadSeconds: number;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// The child: a local host holding the company at one scale

async function serve(scale: number, scratch: boolean): Promise<void> {
  const prepared = join(tmpdir(), `cxl-bench-company-s${scale}-seed${SEED}`);
  let dataDir = prepared;
  if (scratch) {
    // A throwaway copy of a prepared company (its table and keys), for benches that write.
    if (!existsSync(join(prepared, 'bench-ready.json')))
      throw new Error(`no prepared company at ${prepared}: start a plain host for scale ${scale} first`);
    dataDir = await mkdtemp(join(tmpdir(), 'cxl-bench-scratch-'));
    for (const part of ['dynamo', 'keys', 'bench-ready.json'])
      await cp(join(prepared, part), join(dataDir, part), { recursive: true });
  }
  const marker = join(dataDir, 'bench-ready.json');
  const reuse = existsSync(marker);
  await mkdir(dataDir, { recursive: true });
  const { readLocalOptions } = await import('../local/src/options');
  const { startLocalStack } = await import('../local/src/stack');
  const o = readLocalOptions({ PORT: '0', LOG_LEVEL: 'SILENT', DATA_DIR: dataDir, DEMO: 'off' });
  const stack = await startLocalStack(o, () => undefined);
  let info = { customers: 0, rows: 0, loadSeconds: 0 };
  if (reuse) {
    info = { ...(JSON.parse(await readFile(marker, 'utf8')) as typeof info), loadSeconds: 0 };
  } else {
    const t0 = performance.now();
    const { generateToDir } = await import('../local/src/generate');
    const { ingestFile } = await import('../local/src/ingest-file');
    const { DEMO_FILES } = await import('../local/src/seed');
    const { putSettings } = await import('@cxl/functions/repositories/settings');
    const { putInitiative, putTouchpoint } = await import('@cxl/functions/repositories/registers');
    const { DEMO_TOUCHPOINTS } = await import('@cxl/shared/linkage/touchpoints');
    const companyDir = join(dataDir, 'company');
    await generateToDir(companyDir, { seed: SEED, scale });
    await putSettings({
      reportingCurrency: 'USD',
      timeZone: 'UTC',
      locale: 'en',
      businessUnitNames: { ENT: 'Enterprise', SMB: 'SMB', CON: 'Consumer' },
    });
    let rows = 0;
    let customers = 0;
    for (const [kind, file] of DEMO_FILES) {
      if (!existsSync(join(companyDir, file))) continue;
      const r = await ingestFile(dataDir, kind, join(companyDir, file), 'bench');
      if (r.status !== 'completed') throw new Error(`${kind}: ${r.status} ${r.message ?? ''}`);
      rows += r.rowsAccepted;
      if (kind === 'customers') customers = r.rowsAccepted;
    }
    type InitiativeInput = Parameters<typeof putInitiative>[0];
    const initiatives = JSON.parse(
      await readFile(join(companyDir, 'initiatives.json'), 'utf8'),
    ) as InitiativeInput[];
    for (const i of initiatives)
      await putInitiative(i, 'bench', `demo-${i.bu.toLowerCase()}-${i.goLiveMonth}`);
    for (const t of DEMO_TOUCHPOINTS) await putTouchpoint(t, false);
    const { runRecompute } = await import('@cxl/functions/recompute/run');
    await runRecompute({ force: true });
    info = { customers, rows, loadSeconds: (performance.now() - t0) / 1000 };
    await writeFile(marker, JSON.stringify(info));
  }
  const { localLogin } = await import('@cxl/functions/lib/auth');
  const { token } = await localLogin('admin@demo.local', 'demo');
  // Every view current before any request is timed (a reused dir may still be catching up).
  const { runRecompute } = await import('@cxl/functions/recompute/run');
  await runRecompute({ force: false });
  process.stdout.write(
    `${HOST_MARK}${JSON.stringify({ url: stack.url, token, scale, dataDir: prepared, ...info })}\n`,
  );
  await new Promise<void>((resolve) => {
    process.stdin.on('data', () => undefined).on('end', () => resolve());
  });
  await stack.close();
  if (scratch) await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
}

/**
 * Starts a local host with the company at `scale` in a child process; `stop()` ends it. `scratch`
 * serves a throwaway copy of the prepared company, for benches that write.
 */
export async function startCompanyHost(
  scale: number,
  opts: { scratch?: boolean } = {},
): Promise<CompanyHost> {
  const self = fileURLToPath(import.meta.url);
  const proc = spawn(
    process.execPath,
    [
      '--max-old-space-size=12000',
      '--import',
      'tsx',
      self,
      '--serve',
      String(scale),
      ...(opts.scratch ? ['--scratch'] : []),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'], env: process.env },
  );
  let out = '';
  proc.stdout.setEncoding('utf8');
  const info = await new Promise<Omit<CompanyHost, 'stop'>>((resolve, reject) => {
    proc.stdout.on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith(HOST_MARK));
      if (line) resolve(JSON.parse(line.slice(HOST_MARK.length)) as Omit<CompanyHost, 'stop'>);
    });
    proc.once('exit', (c) =>
      reject(new Error(`bench host (scale ${scale}) exited (${c}): ${out.slice(-2000)}`)),
    );
  });
  return {
    ...info,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.stdin.end();
      }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Read endpoints with their path parameters resolved from the company's own data

export interface ReadEndpoint {
  label: string;
  path: string;
}

async function getJson(host: CompanyHost, path: string): Promise<unknown> {
  const r = await fetch(`${host.url}${path}`, { headers: { authorization: `Bearer ${host.token}` } });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

/**
 * Every `GET` route with `jwt` auth, path parameters filled from the host's data. Returns the routes
 * that could not be resolved (e.g. no sent report in the outbox) separately, with the reason.
 */
export async function readEndpoints(
  host: CompanyHost,
): Promise<{ endpoints: ReadEndpoint[]; skipped: string[] }> {
  const { ROUTES } = await import('@cxl/functions/routes');
  const resolvers: Record<string, () => Promise<string | undefined>> = {
    uploadId: async () =>
      (
        (await getJson(host, '/api/uploads')) as { uploads: { uploadId: string; kind: string }[] }
      ).uploads.find((u) => u.kind === 'revenue')?.uploadId,
    kind: () => Promise.resolve('revenue'),
    id: () => Promise.resolve(undefined),
    file: async () =>
      ((await getJson(host, '/api/reports/outbox')) as { messages?: { file: string }[] }).messages?.[0]?.file,
  };
  const byPath: Record<string, () => Promise<string | undefined>> = {
    '/api/initiatives/{id}/impact': async () =>
      ((await getJson(host, '/api/initiatives')) as { initiatives: { id: string }[] }).initiatives[0]?.id,
    '/api/report-subscriptions/{id}/preview': async () => {
      const list = (await getJson(host, '/api/report-subscriptions')) as { subscriptions: { id: string }[] };
      if (list.subscriptions[0]) return list.subscriptions[0].id;
      const r = await fetch(`${host.url}/api/report-subscriptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Bench monthly summary',
          reportType: 'executive-summary',
          bu: 'ALL',
          recipients: ['cfo@demo.local'],
          cadence: { every: 'month', day: 1, time: '07:00', timeZone: 'UTC' },
          active: false,
        }),
      });
      return r.ok ? ((await r.json()) as { id: string }).id : undefined;
    },
  };
  const endpoints: ReadEndpoint[] = [];
  const skipped: string[] = [];
  for (const route of ROUTES) {
    if (route.method !== 'GET' || route.auth.kind !== 'jwt') continue;
    let path = route.path;
    let missing: string | null = null;
    for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
      const resolve = byPath[route.path] ?? resolvers[name ?? ''];
      const value = resolve ? await resolve().catch(() => undefined) : undefined;
      if (value === undefined) {
        missing = name ?? '?';
        break;
      }
      path = path.replace(`{${name}}`, encodeURIComponent(value));
    }
    if (missing) skipped.push(`GET ${route.path} (no ${missing} to read in this data)`);
    else endpoints.push({ label: `GET ${route.path}`, path });
  }
  return { endpoints, skipped };
}

export const percentile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};

async function latencies(host: CompanyHost, path: string, samples: number): Promise<number[]> {
  const once = async () => {
    const s = performance.now();
    const r = await fetch(`${host.url}${path}`, { headers: { authorization: `Bearer ${host.token}` } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return performance.now() - s;
  };
  for (let i = 0; i < 5; i++) await once();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) out.push(await once());
  return out;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** API read latency at each scale, and the ratio of the largest to the smallest scale. */
export async function benchApi(): Promise<BenchResult[]> {
  const scales = (process.env.BENCH_API_SCALES ?? '1,10').split(',').map(Number);
  const samples = Number(process.env.BENCH_API_SAMPLES ?? 100);
  const results: BenchResult[] = [];
  const p50 = new Map<string, Map<number, number>>();
  for (const scale of scales) {
    const host = await startCompanyHost(scale);
    try {
      const tag = `${scale}× (${host.customers.toLocaleString('en-US')} customers)`;
      if (host.loadSeconds > 0)
        results.push({
          name: `api bench: load company ${tag}, ${host.rows.toLocaleString('en-US')} rows (ingest + recompute)`,
          value: r2(host.loadSeconds),
          unit: 's',
          target: '—',
          pass: true,
        });
      const { endpoints, skipped } = await readEndpoints(host);
      for (const s of skipped) console.log(`api bench ${scale}×: skipped ${s}`);
      for (const e of endpoints) {
        const lat = await latencies(host, e.path, samples);
        const [a, b, c] = [percentile(lat, 0.5), percentile(lat, 0.95), percentile(lat, 0.99)];
        results.push(
          { name: `${e.label} ${scale}× p50`, value: r2(a), unit: 'ms', target: '—', pass: true },
          {
            name: `${e.label} ${scale}× p95`,
            value: r2(b),
            unit: 'ms',
            target: `≤ ${P95_TARGET_MS} ms`,
            pass: b <= P95_TARGET_MS,
          },
          {
            name: `${e.label} ${scale}× p99`,
            value: r2(c),
            unit: 'ms',
            target: `≤ ${P99_TARGET_MS} ms`,
            pass: c <= P99_TARGET_MS,
          },
        );
        const m = p50.get(e.label) ?? new Map<number, number>();
        m.set(scale, a);
        p50.set(e.label, m);
      }
    } finally {
      await host.stop();
    }
  }
  const lo = Math.min(...scales);
  const hi = Math.max(...scales);
  if (hi > lo) {
    for (const [label, m] of p50) {
      const a = m.get(lo);
      const b = m.get(hi);
      if (a === undefined || b === undefined) continue;
      results.push({
        name: `${label} p50 ${hi}×/${lo}×`,
        value: r2(b / a),
        unit: 'ratio',
        target: `≤ ${RATIO_TARGET}`,
        pass: b / a <= RATIO_TARGET,
      });
    }
  }
  return results;
}

if (process.argv.includes('--serve')) {
  await serve(
    Number(process.argv[process.argv.indexOf('--serve') + 1] ?? 1),
    process.argv.includes('--scratch'),
  );
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await benchApi()) console.log(JSON.stringify(r));
}
