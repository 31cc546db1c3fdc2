/**
 * Reports bench: the time to build one report with its charts (read the views, chart PNGs, HTML and
 * the PDF) per report type, and the time to fan out 100 subscriptions (one run each, every email
 * delivered to a real SMTP server in this process). Views are written into an in-memory dynalite in
 * the shape recompute materializes them (3 business units, 24 months), so the whole read → render →
 * send path runs; `npx tsx bench/reports.ts` runs it standalone.
 */
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { SMTPServer } from 'smtp-server';
import type { BenchResult } from './figures';

export type { BenchResult };

const BUILD_TARGET_MS = 2_000;
const FANOUT = Number(process.env.BENCH_REPORTS_FANOUT ?? 100);
const BUS = ['ENT', 'SMB', 'CON'] as const;
const HASH = 'bench-hash';

function months(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(`${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

/** Deterministic view items: meta, monthly metric series with intervals, CoPE, RaR, drivers. */
function viewItems(): Record<string, unknown>[] {
  const ms = months(24);
  const stamp = { inputHash: HASH, definitionVersion: 'bench', computedAt: '2025-01-01T00:00:00Z' };
  const items: Record<string, unknown>[] = [
    {
      pk: 'VIEW#meta',
      sk: 'META',
      businessUnits: BUS.map((b) => ({ id: b, name: b })),
      firstMonth: ms[0],
      lastMonth: ms[ms.length - 1],
      currency: 'USD',
      dataAsOf: '2024-12-31T23:00:00Z',
      ...stamp,
    },
  ];
  const defs = [
    ['nps', 'points', 20, 8],
    ['csat', 'percent', 78, 2],
    ['ces', 'score', 5.1, 0.1],
    ['fcr', 'percent', 71, 1.5],
    ['repeat_rate', 'percent', 14, 1],
    ['churn', 'percent', 2.1, 0.2],
    ['nrr', 'percent', 101, 0],
    ['grr', 'percent', 92, 0],
    ['revenue', 'currency', 2_500_000, 0],
    ['arpu', 'currency', 240, 0],
  ] as const;
  ['ALL', ...BUS].forEach((bu, b) => {
    for (const [metric, unit, base, hw] of defs) {
      items.push({
        pk: `VIEW#metrics#${bu}#month`,
        sk: metric,
        metric,
        bu,
        grain: 'month',
        unit,
        points: ms.map((period, i) => {
          const value = Number((base * (1 + 0.03 * Math.sin(i + b))).toFixed(2));
          return { period, value, low: value - hw, high: value + hw, n: 300 + 10 * i, status: 'ok' };
        }),
        ...stamp,
      });
    }
  });
  const money = (p50: number) => ({ p10: p50 * 0.85, p50, p90: p50 * 1.2 });
  for (const bu of BUS) {
    items.push({
      pk: `VIEW#cope#${bu}`,
      sk: 'trailing-12',
      result: {
        status: 'ok',
        reason: null,
        bu,
        period: { label: 'trailing-12', from: ms[12], to: ms[23] },
        currency: 'USD',
        total: money(1_000_000),
        components: ['churn', 'contraction', 'failure-demand', 'compensation'].map((component, i) => ({
          component,
          ...money(400_000 / (i + 1)),
        })),
        n: { customerMonths: 40_000, churners: 900 },
      },
      ...stamp,
    });
  }
  for (const bu of ['ALL', ...BUS])
    items.push({
      pk: `VIEW#revenue-at-risk#${bu}`,
      sk: 'LATEST',
      result: {
        status: 'ok',
        reason: null,
        customers: 20_000,
        total: money(40_000_000),
        cxAttributable: money(2_500_000),
        byBu: [],
      },
      ...stamp,
    });
  for (const bu of ['ALL', ...BUS])
    items.push({
      pk: `VIEW#drivers#${bu}`,
      sk: `${ms[12]}#${ms[23]}`,
      from: ms[12],
      to: ms[23],
      result: {
        status: 'ok',
        n: 4000,
        drivers: ['attr_response_time', 'attr_agent_knowledge', 'attr_billing_clarity'].map((driver, i) => ({
          driver,
          share: { value: 0.3 - i * 0.05, low: 0.25 - i * 0.05, high: 0.35 - i * 0.05 },
          performance: { value: 0.6, low: 0.58, high: 0.62, n: 4000 },
          quadrant: 'fix-first',
        })),
      },
      ...stamp,
    });
  items.push({
    pk: 'RECOMPUTE',
    sk: 'STATE',
    status: 'idle',
    inputHash: HASH,
    analyticsInputHash: HASH,
  });
  return items;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchReports(): Promise<BenchResult[]> {
  const dyn = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((r) => dyn.listen(0, '127.0.0.1', () => r()));
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 30 * 1024 * 1024,
    onData(stream, _s, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const dataDir = await mkdtemp(join(tmpdir(), 'cxl-bench-reports-'));
  Object.assign(process.env, {
    TABLE_NAME: 'cx-ledger-bench-reports',
    AWS_REGION: 'local',
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${(dyn.address() as AddressInfo).port}`,
    AUTH_MODE: 'local',
    LOCAL_JWT_PUBLIC_JWK: '{}',
    LOG_LEVEL: 'ERROR',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    REPORT_OUTBOX_DIR: join(dataDir, 'outbox'),
    PUBLIC_URL: 'http://bench.local',
  });
  const results: BenchResult[] = [];
  try {
    const { ddbClient, batchPut } = await import('@cxl/functions/adapters/dynamo');
    const { ensureTable } = await import('../local/src/table');
    await ensureTable(ddbClient, 'cx-ledger-bench-reports');
    await batchPut(viewItems() as never);
    const { buildReportContent } = await import('@cxl/functions/reports/build');
    const { setMailPort, smtpMail } = await import('@cxl/functions/reports/mail');
    const { putSubscription } = await import('@cxl/functions/repositories/reports');
    const { createManualRun, executeRun } = await import('@cxl/functions/reports/run');

    // Warm-up: font registration and module JIT happen once per Lambda container.
    await buildReportContent({
      reportType: 'bu-scorecard',
      bu: 'SMB',
      locale: 'zh-CN',
      every: 'month',
      format: 'both',
    });
    for (const reportType of ['executive-summary', 'benchmark', 'bu-scorecard'] as const) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const r = await buildReportContent({
          reportType,
          bu: reportType === 'bu-scorecard' ? 'SMB' : 'ALL',
          locale: i % 2 === 0 ? 'en' : 'zh-CN',
          every: 'month',
          format: 'both',
        });
        times.push(performance.now() - t0);
        if (r.charts.length < 2 || !r.pdf) throw new Error('bench report is missing charts or the PDF');
      }
      const ms = Math.round(median(times));
      results.push({
        name: `report build (${reportType}: views → charts, HTML, PDF), median of 5`,
        value: ms,
        unit: 'ms',
        target: `< ${BUILD_TARGET_MS} ms`,
        pass: ms < BUILD_TARGET_MS,
      });
    }

    setMailPort(smtpMail(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`));
    const now = new Date().toISOString();
    const runIds: string[] = [];
    for (let i = 0; i < FANOUT; i++) {
      const s = await putSubscription({
        id: `bench-${i}`,
        name: `Bench ${i}`,
        reportType: (['executive-summary', 'benchmark', 'bu-scorecard'] as const)[i % 3] ?? 'benchmark',
        bu: i % 3 === 2 ? 'SMB' : 'ALL',
        recipients: [`reader${i}@bench.local`],
        cadence: { every: 'month', day: 1, time: '08:00', timeZone: 'UTC' },
        locale: i % 2 === 0 ? 'en' : 'zh-CN',
        format: 'html',
        active: true,
        owner: 'bench',
        createdAt: now,
        updatedAt: now,
        nextRunAt: null,
        unsubscribed: [],
        lastRun: null,
      });
      runIds.push((await createManualRun(s, 'bench')).runId);
    }
    // Scheduler semantics: each subscription is its own worker invocation (up to 5 at a time in AWS).
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < runIds.length) {
        const id = runIds[next++];
        if (id) await executeRun(id);
      }
    };
    await Promise.all(Array.from({ length: 5 }, worker));
    const fanMs = performance.now() - t0;
    if (received !== FANOUT) throw new Error(`${received} of ${FANOUT} emails arrived`);
    results.push({
      name: `fan out ${FANOUT} subscriptions (build + send each, 5 concurrent)`,
      value: Math.round(fanMs / 100) / 10,
      unit: 's',
      target: '—',
      pass: true,
    });
    results.push({
      name: 'fan-out throughput',
      value: Math.round((FANOUT / (fanMs / 1000)) * 10) / 10,
      unit: 'reports/s',
      target: '—',
      pass: true,
    });
    setMailPort(null);
  } finally {
    await new Promise<void>((r) => smtp.close(() => r()));
    await new Promise<void>((r) => dyn.close(() => r()));
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchReports())
    console.log(`${r.pass ? 'ok  ' : 'FAIL'} ${r.name}: ${r.value} ${r.unit} (${r.target})`);
}
