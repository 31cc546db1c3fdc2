/**
 * Benchmark comparison: one metric, one period, every business unit (and ALL) against
 *
 * 1. the **industry benchmark** (`../data/industry-benchmarks.csv`, methods §3): gap in the metric's
 *    unit and whether the unit's interval clears it,
 * 2. the **target** from the targets register (most specific entry for bu / grain / channel),
 * 3. the **previous period**: change, with a significance test where the metric's method gives one
 *    (NPS and CES: z from the two intervals' standard errors, methods §1.1; proportions — CSAT, FCR,
 *    repeat rate, churn, retention: pooled two-proportion z): `significant` at two-sided 5 % per unit,
 *    `discovery` by Benjamini–Hochberg across the units at q = 0.10 (methods §1.0); other metrics show
 *    the change without a test,
 * 4. the **other BUs**: rank, best first in the metric's better direction.
 *
 * Usage (API handler and email reports alike):
 *
 * ```ts
 * const result = compareToBenchmarks({
 *   metric: 'churn', period: '2024-06', channel: undefined,
 *   units: [{ bu: 'ENT', current: point, previous: prevPoint }, …],   // points of GET /api/metrics
 *   previousPeriod: '2024-05',
 *   benchmarks: rows,            // BenchmarkRow[] (functions/src/benchmarks/industry.ts parses the CSV)
 *   industry: 'B2B subscription', // optional filter (substring, case-insensitive)
 *   targets: register.targets,    // TargetEntry[]
 * });
 * ```
 *
 * Pure: no I/O. Benchmarks are context, not targets (methods §2.8 rule 5): every matched row carries its
 * source, year, grade (C/D → `unverified`) and a comparability note when its definition differs.
 */
import { z } from 'zod';
import { benjaminiHochberg } from '../metrics/multiple-comparisons';
import type { MetricStatus } from '../metrics/types';
import { twoSidedNormalP } from '../stats/distributions';
import { GRAINS, METRIC_UNITS, type Grain, type MetricId, type Unit } from '../views/metric-views';

/** One row of the industry benchmark dataset (methods §3.2). */
export interface BenchmarkRow {
  id: string;
  metric: string;
  value: number;
  unit: string;
  industry: string;
  geography: string;
  /** Study period as published (`2023`, `2024-Q1`, `2023-2024`, `n.d.`). */
  period: string;
  /** First four-digit year in `period`, or null (`n.d.`). */
  year: number | null;
  source: string;
  sourceId: string;
  sourceUrl: string;
  /** Evidence grade A–D; C and D are shown as unverified. */
  grade: 'A' | 'B' | 'C' | 'D';
  notes: string;
}

/** A target from the register: the value the company aims at, in the metric's unit. */
export const targetEntrySchema = z
  .object({
    metric: z.enum(Object.keys(METRIC_UNITS) as [MetricId, ...MetricId[]]),
    bu: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a business unit id or ALL')
      .transform((s) => s.toUpperCase())
      .describe('Business unit id, or ALL for the company-wide default'),
    grain: z.enum(GRAINS).optional().describe('Only for this grain (omit: any grain)'),
    channel: z.string().min(1).max(32).optional().describe('Only for this channel (per-channel metrics)'),
    value: z.number().finite(),
    note: z.string().max(500).optional(),
  })
  .strict();
export type TargetEntry = z.infer<typeof targetEntrySchema>;

/** The targets register: immutable versions; version 0 (no targets) until one is saved. */
export const targetsRegisterSchema = z.object({
  version: z.number().int().min(0),
  targets: z.array(targetEntrySchema),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type TargetsRegister = z.infer<typeof targetsRegisterSchema>;
export const targetsInputSchema = z
  .object({
    expectedVersion: z.number().int().min(0).describe('The version you edited (optimistic concurrency)'),
    targets: z.array(targetEntrySchema).max(500),
  })
  .strict();

export interface OwnPoint {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  status: MetricStatus;
  reason?: string;
}

export interface CompareInput {
  metric: MetricId;
  /** `2024-03`, `2024-Q1` or `2024`. */
  period: string;
  channel?: string;
  units: readonly { bu: string; current: OwnPoint | null; previous: OwnPoint | null }[];
  previousPeriod: string | null;
  benchmarks: readonly BenchmarkRow[];
  industry?: string;
  targets: readonly TargetEntry[];
}

export type Direction = 'higher' | 'lower';
/** `better` / `worse`: the whole interval (or the value, without one) is on that side of the reference. */
export type Clears = 'better' | 'worse' | 'inconclusive';

export interface MatchedBenchmark extends BenchmarkRow {
  /** The benchmark in the metric's unit and period length (e.g. monthly churn → quarterly). */
  comparableValue: number;
  /** `same`: same definition; `indicative`: definition or method differs (see `caveat`). */
  comparability: 'same' | 'indicative';
  caveat: string | null;
  unverified: boolean;
}

export interface Versus {
  reference: number;
  /** Own value − reference, in the metric's unit. */
  gap: number;
  clears: Clears;
  /** What `clears` was judged on. */
  basis: 'interval' | 'value';
}

export interface PreviousComparison {
  period: string;
  value: number;
  change: number;
  test: 'z (interval SEs)' | 'two-proportion z' | null;
  z: number | null;
  p: number | null;
  /** BH-adjusted p across the compared units. */
  pAdjusted: number | null;
  /** Two-sided p < 0.05 for this unit alone (null: no test for this metric's method). */
  significant: boolean | null;
  /** A discovery when scanning every unit: BH at FDR q = 0.10 (methods §1.0). */
  discovery: boolean | null;
}

export interface UnitComparison extends OwnPoint {
  bu: string;
  vsBenchmark: Versus | null;
  vsTarget: (Versus & { target: TargetEntry }) | null;
  vsPrevious: PreviousComparison | null;
  /** Among the business units (ALL is not ranked); null without a value. */
  rank: { position: number; of: number } | null;
}

export interface BenchmarkComparison {
  metric: MetricId;
  unit: Unit;
  period: string;
  grain: Grain;
  channel: string | null;
  direction: Direction;
  /** The benchmark compared with (best grade, then most recent), or null when none matches. */
  benchmark: MatchedBenchmark | null;
  /** Every row that matches the metric (and industry filter), best first. */
  candidates: MatchedBenchmark[];
  units: UnitComparison[];
}

/** Which way is better for each metric. */
export const DIRECTION: Readonly<Record<MetricId, Direction>> = {
  nps: 'higher',
  csat: 'higher',
  ces: 'higher',
  frt_median: 'lower',
  frt_p90: 'lower',
  aht: 'lower',
  fcr: 'higher',
  repeat_rate: 'lower',
  churn: 'lower',
  retention: 'higher',
  grr: 'higher',
  nrr: 'higher',
  grr_1m: 'higher',
  nrr_1m: 'higher',
  revenue: 'higher',
  arpu: 'higher',
  customers: 'higher',
};

/** Grain and length in months of a period label. */
export function periodShape(period: string): { grain: Grain; months: number } {
  if (/^\d{4}-Q[1-4]$/.test(period)) return { grain: 'quarter', months: 3 };
  if (/^\d{4}$/.test(period)) return { grain: 'year', months: 12 };
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return { grain: 'month', months: 1 };
  throw new RangeError(`not a period label (YYYY-MM, YYYY-Qn or YYYY): ${period}`);
}

/** The period before `period` at its grain. */
export function previousPeriodOf(period: string): string {
  const { grain } = periodShape(period);
  if (grain === 'year') return String(Number(period) - 1);
  if (grain === 'quarter') {
    const y = Number(period.slice(0, 4));
    const q = Number(period.slice(6));
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

interface Mapping {
  /** Benchmark `metric` names this product metric is compared with. */
  names: readonly string[];
  channel?: string;
  caveat: string | null;
  convert: (row: BenchmarkRow, months: number) => number | null;
}

const asIs = (row: BenchmarkRow) => row.value;
/** A churn rate (percent) per `per` months over a period of `months` months: 1 − (1 − b)^(months/per). */
const churnOver = (b: number, per: number, months: number) => 100 * (1 - (1 - b / 100) ** (months / per));

const MAPPINGS: Partial<Record<MetricId, Mapping>> = {
  nps: {
    names: ['NPS industry average'],
    caveat:
      'Consumer-panel NPS of brands; your NPS is from your own customers — compare like with like (methods §3.1).',
    convert: asIs,
  },
  csat: {
    names: ['CSAT top box', 'CSAT top box world-class threshold'],
    caveat:
      'Top-1-box ("very satisfied"), not top-2-box: not directly comparable with CSAT T2B (methods §1.2).',
    convert: asIs,
  },
  fcr: {
    names: [
      'FCR',
      'FCR (post-call survey)',
      'One-contact resolution',
      'FCR good band lower bound',
      'FCR world-class threshold',
    ],
    caveat: 'Survey-based FCR; this FCR is measured from repeat contacts within 7 days.',
    convert: asIs,
  },
  churn: {
    names: [
      'Subscription churn monthly average',
      'Subscription churn monthly median',
      'Voluntary subscription churn monthly',
      'Postpaid phone churn',
      'Prepaid churn',
      'Annual customer churn',
    ],
    caveat: null,
    convert: (row, months) =>
      row.unit === 'percent_per_month'
        ? churnOver(row.value, 1, months)
        : row.unit === 'percent_per_year'
          ? churnOver(row.value, 12, months)
          : null,
  },
  retention: {
    names: ['Annual customer retention'],
    caveat: null,
    convert: (row, months) =>
      row.unit === 'percent_per_year' ? 100 * (row.value / 100) ** (months / 12) : null,
  },
  grr: { names: ['GRR median'], caveat: null, convert: asIs },
  nrr: { names: ['NRR median'], caveat: null, convert: asIs },
  aht: {
    names: ['Call handling time service call'],
    channel: 'phone',
    caveat: 'UK contact centres, service calls.',
    convert: asIs,
  },
  frt_median: {
    names: ['E-mail first response time (responders)', 'Live chat wait time', 'Average speed to answer'],
    caveat: 'Published averages; this is a median (Kaplan–Meier, unanswered contacts censored).',
    convert: (row) => (row.unit === 'hours' ? row.value * 3600 : row.unit === 'seconds' ? row.value : null),
  },
};
const CHANNEL_OF_ROW: Readonly<Record<string, string>> = {
  'E-mail first response time (responders)': 'email',
  'Live chat wait time': 'chat',
  'Average speed to answer': 'phone',
  'Call handling time service call': 'phone',
};
/** Rows whose definition is the product's own (no caveat even where the metric has one). */
const SAME_DEFINITION = new Set(['churn', 'retention', 'grr', 'nrr']);

const GRADE_ORDER = { A: 0, B: 1, C: 2, D: 3 } as const;

/** The benchmark rows a metric is compared with, converted to its unit and period length, best first. */
export function matchBenchmarks(
  rows: readonly BenchmarkRow[],
  metric: MetricId,
  opts: { months: number; industry?: string; channel?: string },
): MatchedBenchmark[] {
  const m = MAPPINGS[metric];
  if (!m) return [];
  const industry = opts.industry?.trim().toLowerCase();
  const out: MatchedBenchmark[] = [];
  for (const r of rows) {
    if (!m.names.includes(r.metric)) continue;
    if (industry && !r.industry.toLowerCase().includes(industry)) continue;
    const rowChannel = CHANNEL_OF_ROW[r.metric];
    if (opts.channel && rowChannel && rowChannel !== opts.channel) continue;
    const v = m.convert(r, opts.months);
    if (v === null || !Number.isFinite(v)) continue;
    out.push({
      ...r,
      comparableValue: Math.round(v * 100) / 100,
      comparability: SAME_DEFINITION.has(metric) ? 'same' : 'indicative',
      caveat: m.caveat,
      unverified: r.grade === 'C' || r.grade === 'D',
    });
  }
  return out.sort(
    (a, b) =>
      GRADE_ORDER[a.grade] - GRADE_ORDER[b.grade] ||
      (b.year ?? 0) - (a.year ?? 0) ||
      a.id.localeCompare(b.id),
  );
}

/** The most specific target for (metric, bu, grain, channel): own BU over ALL, exact grain/channel over any. */
export function targetFor(
  targets: readonly TargetEntry[],
  metric: MetricId,
  bu: string,
  grain: Grain,
  channel?: string,
): TargetEntry | null {
  let best: TargetEntry | null = null;
  let bestScore = -1;
  for (const t of targets) {
    if (t.metric !== metric) continue;
    if (t.bu !== bu && t.bu !== 'ALL') continue;
    if (t.grain !== undefined && t.grain !== grain) continue;
    if (t.channel !== undefined && t.channel !== channel) continue;
    const score = (t.bu === bu ? 4 : 0) + (t.grain !== undefined ? 2 : 0) + (t.channel !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

function versus(p: OwnPoint, reference: number, direction: Direction): Versus | null {
  if (p.value === null) return null;
  const gap = Math.round((p.value - reference) * 100) / 100;
  const sign = direction === 'higher' ? 1 : -1;
  const hasInterval = p.low !== null && p.high !== null;
  const lo = hasInterval ? (p.low as number) : p.value;
  const hi = hasInterval ? (p.high as number) : p.value;
  let clears: Clears = 'inconclusive';
  if (lo > reference) clears = sign > 0 ? 'better' : 'worse';
  else if (hi < reference) clears = sign > 0 ? 'worse' : 'better';
  return { reference, gap, clears, basis: hasInterval ? 'interval' : 'value' };
}

const PROPORTIONS: ReadonlySet<MetricId> = new Set(['csat', 'fcr', 'repeat_rate', 'churn', 'retention']);
const INTERVAL_SE: ReadonlySet<MetricId> = new Set(['nps', 'ces']);
const Z95 = 1.959963984540054;

/** z statistic of the change from `b` to `a` under the metric's method, or null when it has none. */
function changeZ(
  metric: MetricId,
  a: OwnPoint,
  b: OwnPoint,
): { z: number; test: PreviousComparison['test'] } | null {
  if (a.value === null || b.value === null || a.n <= 0 || b.n <= 0) return null;
  if (PROPORTIONS.has(metric)) {
    const p1 = a.value / 100;
    const p2 = b.value / 100;
    const pooled = (p1 * a.n + p2 * b.n) / (a.n + b.n);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
    return se > 0 ? { z: (p1 - p2) / se, test: 'two-proportion z' } : null;
  }
  if (INTERVAL_SE.has(metric)) {
    if (a.low === null || a.high === null || b.low === null || b.high === null) return null;
    const s1 = (a.high - a.low) / (2 * Z95);
    const s2 = (b.high - b.low) / (2 * Z95);
    const se = Math.sqrt(s1 * s1 + s2 * s2);
    return se > 0 ? { z: (a.value - b.value) / se, test: 'z (interval SEs)' } : null;
  }
  return null;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Compares one metric and period for every unit; see the module comment. */
export function compareToBenchmarks(input: CompareInput): BenchmarkComparison {
  const { grain, months } = periodShape(input.period);
  const direction = DIRECTION[input.metric];
  const candidates = matchBenchmarks(input.benchmarks, input.metric, {
    months,
    ...(input.industry ? { industry: input.industry } : {}),
    ...(input.channel ? { channel: input.channel } : {}),
  });
  const benchmark = candidates[0] ?? null;

  // Previous period: tests per unit, then BH across the units that have one.
  const tests = input.units.map((u) =>
    u.current && u.previous ? changeZ(input.metric, u.current, u.previous) : null,
  );
  const pValues = tests.flatMap((t) => (t ? [twoSidedNormalP(t.z)] : []));
  const bh = benjaminiHochberg(pValues, 0.1);
  let k = 0;

  // Rank among business units (ALL excluded), best first.
  const ranked = input.units
    .filter((u) => u.bu !== 'ALL' && u.current?.value !== null && u.current?.value !== undefined)
    .map((u) => ({ bu: u.bu, v: u.current?.value as number }))
    .sort((a, b) => (direction === 'higher' ? b.v - a.v : a.v - b.v));

  const units = input.units.map((u, i): UnitComparison => {
    const cur: OwnPoint = u.current ?? { value: null, low: null, high: null, n: 0, status: 'no-data' };
    const target = targetFor(input.targets, input.metric, u.bu, grain, input.channel);
    const t = tests[i];
    let vsPrevious: PreviousComparison | null = null;
    if (
      input.previousPeriod &&
      u.previous?.value !== null &&
      u.previous?.value !== undefined &&
      cur.value !== null
    ) {
      const p = t ? twoSidedNormalP(t.z) : null;
      const adj = t ? (bh.adjusted[k] ?? null) : null;
      const sig = t ? (bh.discoveries[k] ?? null) : null;
      if (t) k++;
      vsPrevious = {
        period: input.previousPeriod,
        value: u.previous.value,
        change: round(cur.value - u.previous.value, 2),
        test: t?.test ?? null,
        z: t ? round(t.z) : null,
        p: p === null ? null : round(p),
        pAdjusted: adj === null ? null : round(adj),
        significant: p === null ? null : p < 0.05,
        discovery: sig,
      };
    } else if (t) k++;
    const position = ranked.findIndex((r) => r.bu === u.bu);
    const vsTarget = target ? versus(cur, target.value, direction) : null;
    return {
      bu: u.bu,
      ...cur,
      vsBenchmark: benchmark ? versus(cur, benchmark.comparableValue, direction) : null,
      vsTarget: vsTarget && target ? { ...vsTarget, target } : null,
      vsPrevious,
      rank: position >= 0 ? { position: position + 1, of: ranked.length } : null,
    };
  });

  return {
    metric: input.metric,
    unit: METRIC_UNITS[input.metric],
    period: input.period,
    grain,
    channel: input.channel ?? null,
    direction,
    benchmark,
    candidates,
    units,
  };
}
