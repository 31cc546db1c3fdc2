/**
 * Recompute bench: the compute of a recompute for the demo company (seed 42) at 1× and at 5× customers
 * (generator `scale`), from facts already in memory (the same parsed rows ingestion stores; no DynamoDB
 * I/O), each scale in a fresh Node process so one scale's heap does not slow the other.
 *
 * - phase 1: metric views (full build), linkage views (loyalty segments, drivers) and customer rollups;
 * - phase 1, incremental: the metric views after a one-BU-month revenue correction (fingerprints);
 * - phase 2: the model-based analytics (hazard model, revenue at risk, CoPE, what-if basis, impact);
 * - analytics kernel alone: the customer-month panel and the clustered hazard GLM fit;
 * - growth exponent log(t5/t1)/log(5) of phase 1 + 2 CPU time (CPU, not wall, so the shared machine's
 *   load does not skew the ratio). Target: demo < 30 s, growth ≤ n log n (exponent ≤ ~1.15).
 *
 * `npx tsx bench/recompute.ts` runs it standalone.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './figures';

export type { BenchResult };

const MARK = 'BENCH_RECOMPUTE_RESULT ';
const SEED = 42;
const SCALES = [1, 5] as const;
const DEMO_TARGET_S = 30;
const EXPONENT_TARGET = 1.15;

interface ScaleFigures {
  scale: number;
  customers: number;
  rows: number;
  /** wall and CPU seconds */
  phase1: { wall: number; cpu: number };
  phase1Incremental: { wall: number; cpu: number };
  phase2: { wall: number; cpu: number };
  kernel: { wall: number; cpu: number };
  peakRssMb: number;
}

function timed<T>(fn: () => T): { result: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const c = process.cpuUsage(c0);
  return { result, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function child(scale: number): Promise<ScaleFigures> {
  const { companyFacts } = await import('../test/support/company');
  const { buildMetricViews } = await import('@cxl/shared/views/metric-views');
  const { buildCustomerRollups } = await import('@cxl/shared/views/customer-rollups');
  const { buildCustomerMonthPanel } = await import('@cxl/shared/linkage/panel');
  const { fitHazardModel } = await import('@cxl/shared/linkage/hazard');
  const { DEFAULT_ASSUMPTIONS } = await import('@cxl/shared/linkage/assumptions');
  const { addMonths } = await import('@cxl/shared/month');
  const { buildLinkageItems } = await import('@cxl/functions/recompute/linkage-views');
  const { buildModelItems } = await import('@cxl/functions/recompute/model-views');
  const { initiativeSchema } = await import('@cxl/shared/contracts/registers');

  const { facts, company } = companyFacts({ seed: SEED, scale });
  // The demo's initiative register, as the local seed stores it (its impact is part of phase 2).
  const initiatives = company.initiatives.map((i) =>
    initiativeSchema.parse({ ...i, id: `demo-${i.bu}`, createdBy: 'bench', createdAt: '', updatedAt: '' }),
  );
  const rows =
    facts.customers.length +
    facts.revenue.length +
    facts.contacts.length +
    facts.txnSurveys.length +
    facts.relSurveys.length +
    facts.churnEvents.length;
  const stamp = { definitionVersion: 'bench', inputHash: 'bench', computedAt: '', assumptionsVersion: 1 };

  const p1 = timed(() => {
    const built = buildMetricViews(facts);
    const range = { first: built.firstMonth ?? '', last: built.lastMonth ?? '' };
    const linkage = buildLinkageItems(facts, built.businessUnits, range, DEFAULT_ASSUMPTIONS, stamp);
    const rollups = buildCustomerRollups(facts, range.last);
    return { built, range, n: linkage.length + rollups.length };
  });
  const { built, range } = p1.result;

  // A finance correction of one BU-month, 13 months before the end (reaches GRR/NRR a year on).
  const bu = built.businessUnits[0] ?? '';
  const month = addMonths(range.last, -13);
  const corrected = {
    ...facts,
    revenue: facts.revenue.map((r) =>
      r.scopeBu === bu && r.month === month ? { ...r, amountMinor: r.amountMinor + 100 } : r,
    ),
  };
  const inc = timed(() => buildMetricViews(corrected, { previous: built.fingerprints }));
  if (!inc.result.partial) throw new Error('incremental build fell back to a full build');

  const p2 = timed(() =>
    buildModelItems(facts, built.businessUnits, range, DEFAULT_ASSUMPTIONS, initiatives, stamp),
  );
  const kernel = timed(() => fitHazardModel(buildCustomerMonthPanel(facts)));
  return {
    scale,
    customers: facts.customers.length,
    rows,
    phase1: { wall: p1.wall, cpu: p1.cpu },
    phase1Incremental: { wall: inc.wall, cpu: inc.cpu },
    phase2: { wall: p2.wall, cpu: p2.cpu },
    kernel: { wall: kernel.wall, cpu: kernel.cpu },
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function runChild(scale: number): Promise<ScaleFigures> {
  const self = fileURLToPath(import.meta.url);
  const proc = spawn(
    process.execPath,
    ['--max-old-space-size=12000', '--import', 'tsx', self, '--child', String(scale)],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
  );
  let out = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (d: string) => {
    out += d;
  });
  const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
  const line = out.split('\n').find((l) => l.startsWith(MARK));
  if (code !== 0 || !line)
    throw new Error(`recompute bench (scale ${scale}) failed (exit ${code}): ${out.slice(-2000)}`);
  return JSON.parse(line.slice(MARK.length)) as ScaleFigures;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Recompute figures at 1× and 5× the demo company, and the growth exponent between them. */
export async function benchRecompute(): Promise<BenchResult[]> {
  const figures: ScaleFigures[] = [];
  for (const s of SCALES) figures.push(await runChild(s));
  const [one, five] = figures as [ScaleFigures, ScaleFigures];
  const out: BenchResult[] = [];
  for (const f of figures) {
    const tag = `recompute ${f.scale}× (${f.customers.toLocaleString('en-US')} customers, ${f.rows.toLocaleString('en-US')} rows)`;
    const total = f.phase1.wall + f.phase2.wall;
    out.push(
      {
        name: `${tag}: phase 1 (metric + linkage views, rollups)`,
        value: r2(f.phase1.wall),
        unit: 's',
        target: '—',
        pass: true,
      },
      {
        name: `${tag}: phase 1 metric views, incremental after a 1-BU-month correction`,
        value: r2(f.phase1Incremental.wall),
        unit: 's',
        target: '—',
        pass: true,
      },
      {
        name: `${tag}: phase 2 (model analytics)`,
        value: r2(f.phase2.wall),
        unit: 's',
        target: '—',
        pass: true,
      },
      {
        name: `${tag}: analytics kernel alone (panel + hazard GLM)`,
        value: r2(f.kernel.wall),
        unit: 's',
        target: '—',
        pass: true,
      },
      {
        name: `${tag}: phase 1 + 2`,
        value: r2(total),
        unit: 's',
        target: f.scale === 1 ? `< ${DEMO_TARGET_S} s` : '—',
        pass: f.scale === 1 ? total < DEMO_TARGET_S : true,
      },
      {
        name: `${tag}: CPU, phase 1 + 2`,
        value: r2(f.phase1.cpu + f.phase2.cpu),
        unit: 's',
        target: '—',
        pass: true,
      },
      { name: `${tag}: peak RSS`, value: Math.round(f.peakRssMb), unit: 'MB', target: '—', pass: true },
    );
  }
  const exponent = (a: number, b: number) => Math.log(b / a) / Math.log(five.customers / one.customers);
  const e = exponent(one.phase1.cpu + one.phase2.cpu, five.phase1.cpu + five.phase2.cpu);
  out.push(
    {
      name: 'recompute growth exponent log(t5/t1)/log(5), phase 1 + 2 CPU',
      value: r2(e),
      unit: 'exp',
      target: `≤ ${EXPONENT_TARGET} (n log n)`,
      pass: e <= EXPONENT_TARGET,
    },
    {
      name: 'recompute growth exponent, phase 1 CPU',
      value: r2(exponent(one.phase1.cpu, five.phase1.cpu)),
      unit: 'exp',
      target: '—',
      pass: true,
    },
    {
      name: 'recompute growth exponent, phase 2 CPU',
      value: r2(exponent(one.phase2.cpu, five.phase2.cpu)),
      unit: 'exp',
      target: '—',
      pass: true,
    },
    {
      name: 'recompute growth exponent, analytics kernel CPU',
      value: r2(exponent(one.kernel.cpu, five.kernel.cpu)),
      unit: 'exp',
      target: '—',
      pass: true,
    },
  );
  return out;
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const figures = await child(Number(process.argv[childAt + 1] ?? 1));
  process.stdout.write(`${MARK}${JSON.stringify(figures)}\n`);
  process.exit(0);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await benchRecompute())
    console.log(
      `${r.name.padEnd(100)} ${r.value.toLocaleString('en-US').padStart(10)} ${r.unit.padEnd(4)} ${r.target.padEnd(16)} ${r.pass ? 'pass' : 'FALLS SHORT'}`,
    );
}
