import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp } from './support/smtp';
import { api, login, startTestStack } from './support/stack';

/**
 * Scheduled reports through the real local host (dynalite, demo company, handlers, croner scheduler)
 * and a real SMTP server in this process: what arrives is parsed with mailparser.
 */
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let stack: Awaited<ReturnType<typeof startTestStack>>;
const t: Record<string, string> = {};

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.PUBLIC_URL = 'http://reports.test';
  // A tenth of the demo company (≈ 3,000 customers, 24 months), ingested through the real upload path.
  const dataDir = await mkdtemp(join(tmpdir(), 'cxl-reports-'));
  const { generateToDir } = await import('../../local/src/generate');
  await generateToDir(join(dataDir, 'demo-company'), { seed: 42, scale: 0.1 });
  stack = await startTestStack({ DEMO: 'on', DATA_DIR: dataDir });
  for (const who of ['cx', 'cfo', 'cxo', 'finance', 'admin'])
    t[who] = await login(stack.url, `${who}@demo.local`);
  // The model-based views (CoPE, revenue at risk) follow the metric views in the background: wait.
  for (let i = 0; i < 600; i++) {
    const s = await api(stack.url, '/api/recompute/status', { token: t.admin });
    if (s.body.status === 'idle' && s.body.analyticsInputHash === s.body.inputHash) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const { setDeliveryBackoff } = await import('@cxl/functions/reports/run');
  setDeliveryBackoff(20);
}, 600_000);
afterAll(async () => {
  await stack?.close();
  await smtp?.close();
});

const cadence = { every: 'month', day: 31, time: '07:30', timeZone: 'Asia/Shanghai' };

async function subscribe(body: Record<string, unknown>, token = t.cx): Promise<string> {
  const r = await api(stack.url, '/api/report-subscriptions', {
    token,
    body: { cadence, format: 'both', locale: 'en', ...body },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

async function settledRun(runId: string, timeoutMs = 90_000): Promise<any> {
  const t0 = Date.now();
  for (;;) {
    const r = await api(stack.url, '/api/report-runs?limit=50', { token: t.cx });
    const run = (r.body.runs as any[]).find((x) => x.runId === runId);
    if (run && ['sent', 'partial', 'failed'].includes(run.status)) return run;
    if (Date.now() - t0 > timeoutMs) throw new Error(`run ${runId} did not settle: ${JSON.stringify(run)}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** A header's raw value (mailparser turns List-* headers into objects), unfolded. */
const header = (
  m: { mail: { headerLines: readonly { key: string; line: string }[] } },
  name: string,
): string => {
  const line = m.mail.headerLines.find((h) => h.key === name)?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, '')
    .trim();
};
const to = (m: { mail: { to?: unknown } }) =>
  ((m.mail.to as { value: { address: string }[] }).value ?? []).map((v) => v.address);

describe('report delivery by email', () => {
  it('sends the English benchmark report to each recipient with inline PNG charts and a PDF', async () => {
    const id = await subscribe({
      name: 'Board benchmark',
      reportType: 'benchmark',
      bu: 'ALL',
      recipients: ['cfo@demo.local', 'cxo@demo.local'],
    });
    const before = smtp.messages.length;
    const sent = await api(stack.url, `/api/report-subscriptions/${id}/send-now`, {
      token: t.cx,
      method: 'POST',
    });
    expect(sent.status).toBe(202);
    const run = await settledRun(sent.body.runId);
    expect(run.status).toBe('sent');
    expect(run.deliveries.map((d: any) => [d.recipient, d.status, d.attempts])).toEqual([
      ['cfo@demo.local', 'sent', 1],
      ['cxo@demo.local', 'sent', 1],
    ]);
    const got = (await smtp.waitFor(before + 2)).slice(before);
    expect(got.map((m) => to(m)[0]).sort()).toEqual(['cfo@demo.local', 'cxo@demo.local']);
    for (const m of got) {
      expect(m.envelopeTo).toEqual(to(m));
      expect(m.mail.subject).toMatch(/^Benchmark report: All business units, \d{4}-\d{2}$/);
      const html = String(m.mail.html);
      expect(html).toContain('Headline metrics');
      expect(html).toMatch(/n = \d/);
      const images = m.mail.attachments.filter((a) => a.contentType === 'image/png');
      expect(images.length).toBeGreaterThanOrEqual(2);
      for (const img of images) {
        expect(img.content.subarray(0, 8).equals(PNG)).toBe(true);
        expect(img.cid).toBeTruthy();
        expect(html).toContain(`cid:${img.cid}`);
      }
      const pdf = m.mail.attachments.find((a) => a.contentType === 'application/pdf');
      expect(pdf?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf?.filename).toMatch(/^cx-ledger-benchmark-all-\d{4}-\d{2}\.pdf$/);
      const unsub = header(m, 'list-unsubscribe');
      expect(unsub).toMatch(/^<http:\/\/reports\.test\/api\/reports\/unsubscribe\?token=/);
      expect(html).toContain(to(m)[0]);
    }
    // Each recipient's unsubscribe link is their own.
    const links = got.map((m) => header(m, 'list-unsubscribe'));
    expect(new Set(links).size).toBe(2);
  });

  it('sends the Chinese BU scorecard as a PDF attachment with Chinese text in the body', async () => {
    const id = await subscribe({
      name: '中小企业记分卡',
      reportType: 'bu-scorecard',
      bu: 'SMB',
      recipients: ['cfo@demo.local'],
      locale: 'zh-CN',
      format: 'pdf',
    });
    const before = smtp.messages.length;
    const sent = await api(stack.url, `/api/report-subscriptions/${id}/send-now`, {
      token: t.cx,
      method: 'POST',
    });
    expect((await settledRun(sent.body.runId)).status).toBe('sent');
    const [m] = (await smtp.waitFor(before + 1)).slice(before);
    expect(m?.mail.subject).toMatch(/^业务单元记分卡：SMB，\d{4}-\d{2}$/);
    expect(String(m?.mail.html)).toContain('核心指标');
    expect(String(m?.mail.text)).toContain('净推荐值');
    const pdf = m?.mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The CJK font is embedded (as a subset) so the Chinese prints on any reader.
    expect(pdf?.content.toString('latin1')).toMatch(/NotoSansHans/);
  });

  it('never sends twice to a recipient when a run is retried after a failure mid-run', async () => {
    const { setMailPort, smtpMail } = await import('@cxl/functions/reports/mail');
    const { executeRun } = await import('@cxl/functions/reports/run');
    const real = smtpMail(smtp.url);
    let failFor: string | null = 'cxo@demo.local';
    let attemptsFailed = 0;
    setMailPort({
      kind: 'smtp',
      async send(m) {
        if (m.to === failFor) {
          attemptsFailed++;
          throw Object.assign(new Error('connection reset by the mail relay'), { code: 'ECONNRESET' });
        }
        return real.send(m);
      },
    });
    try {
      const id = await subscribe({
        name: 'Retry check',
        reportType: 'executive-summary',
        bu: 'ENT',
        recipients: ['cfo@demo.local', 'cxo@demo.local'],
        format: 'html',
      });
      const before = smtp.messages.length;
      const sent = await api(stack.url, `/api/report-subscriptions/${id}/send-now`, {
        token: t.cx,
        method: 'POST',
      });
      const first = await settledRun(sent.body.runId);
      expect(first.status).toBe('partial');
      const failed = first.deliveries.find((d: any) => d.recipient === 'cxo@demo.local');
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect(failed.reason).toMatch(/connection reset/);
      expect(attemptsFailed).toBe(3); // retried with backoff inside the attempt
      await smtp.waitFor(before + 1);

      // The worker is invoked again for the same run (Lambda's async retry): only the failed one goes out.
      failFor = null;
      const second = await executeRun(sent.body.runId);
      expect(second.status).toBe('sent');
      // And once more: nothing left to send.
      await executeRun(sent.body.runId);
      await new Promise((r) => setTimeout(r, 300));
      const mine = smtp.messages.slice(before);
      expect(mine.map((m) => to(m)[0]).sort()).toEqual(['cfo@demo.local', 'cxo@demo.local']);
      const runs = await api(stack.url, '/api/report-runs?limit=50', { token: t.cx });
      const log = runs.body.runs.find((r: any) => r.runId === sent.body.runId);
      expect(log.deliveries.map((d: any) => [d.recipient, d.status])).toEqual([
        ['cfo@demo.local', 'sent'],
        ['cxo@demo.local', 'sent'],
      ]);
    } finally {
      setMailPort(null);
    }
  });

  it('unsubscribes a recipient through the signed link, idempotently, and skips them afterwards', async () => {
    const id = await subscribe({
      name: 'Unsubscribe check',
      reportType: 'executive-summary',
      bu: 'CON',
      recipients: ['cfo@demo.local', 'cxo@demo.local'],
      format: 'html',
    });
    const before = smtp.messages.length;
    const s1 = await api(stack.url, `/api/report-subscriptions/${id}/send-now`, {
      token: t.cx,
      method: 'POST',
    });
    await settledRun(s1.body.runId);
    const got = (await smtp.waitFor(before + 2)).slice(before);
    const cxoMail = got.find((m) => to(m)[0] === 'cxo@demo.local');
    const link = /<(.+)>/.exec(cxoMail ? header(cxoMail, 'list-unsubscribe') : '')?.[1] ?? '';
    const local = link.replace('http://reports.test', stack.url);

    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Stop sending “Unsubscribe check” to cxo@demo.local?');
    const sub = await api(stack.url, '/api/report-subscriptions', { token: t.cx });
    expect(sub.body.subscriptions.find((s: any) => s.id === id).unsubscribed).toEqual([]); // GET changed nothing

    for (let i = 0; i < 2; i++) {
      const done = await fetch(local, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('cxo@demo.local will no longer receive');
    }
    const after = await api(stack.url, '/api/report-subscriptions', { token: t.cx });
    expect(after.body.subscriptions.find((s: any) => s.id === id).unsubscribed).toEqual(['cxo@demo.local']);

    const tampered = await fetch(local.replace(/token=([^&]{10})/, 'token=AAAAAAAAAA'), { method: 'POST' });
    expect(tampered.status).toBe(400);

    const n = smtp.messages.length;
    const s2 = await api(stack.url, `/api/report-subscriptions/${id}/send-now`, {
      token: t.cx,
      method: 'POST',
    });
    const run = await settledRun(s2.body.runId);
    expect(run.deliveries.map((d: any) => [d.recipient, d.status, d.reason ?? null])).toEqual([
      ['cfo@demo.local', 'sent', null],
      ['cxo@demo.local', 'skipped', 'unsubscribed'],
    ]);
    await smtp.waitFor(n + 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.slice(n).map((m) => to(m)[0])).toEqual(['cfo@demo.local']);
  });

  it('fires a schedule in the local host (croner) and sends the scheduled run once', async () => {
    const id = await subscribe({
      name: 'Scheduled',
      reportType: 'executive-summary',
      bu: 'ALL',
      recipients: ['cx@demo.local'],
      format: 'html',
    });
    const list = await api(stack.url, '/api/report-subscriptions', { token: t.cx });
    const saved = list.body.subscriptions.find((s: any) => s.id === id);
    // Next 31st (clamped) at 07:30 Shanghai = 23:30 UTC the day before.
    expect(saved.nextRunAt).toMatch(/T23:30:00\.000Z$/);
    const { schedulePort } = await import('@cxl/functions/reports/schedule-port');
    expect(schedulePort().kind).toBe('local');
    const before = smtp.messages.length;
    const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
    await schedulePort().upsert(id, at, true);
    await smtp.waitFor(before + 1, 60_000);
    const runs = await api(stack.url, `/api/report-runs?subscriptionId=${id}`, { token: t.cx });
    const scheduled = runs.body.runs.filter((r: any) => r.trigger === 'schedule');
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0].scheduledFor).toBe(at.toISOString());
    // The worker re-armed the subscription at its next cadence run.
    const again = await api(stack.url, '/api/report-subscriptions', { token: t.cx });
    expect(again.body.subscriptions.find((s: any) => s.id === id).nextRunAt).toMatch(/T23:30:00\.000Z$/);
    // A redelivered schedule event for the same occurrence does not send again.
    const { handler } = await import('@cxl/functions/handlers/report-worker');
    await handler({ subscriptionId: id, scheduledFor: at.toISOString() });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.length).toBe(before + 1);
  });
});
