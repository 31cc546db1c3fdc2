import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareToBenchmarks,
  matchBenchmarks,
  periodShape,
  previousPeriodOf,
  targetFor,
  type OwnPoint,
  type TargetEntry,
} from '@cxl/shared/benchmarks/compare';
import { industryBenchmarks } from '@cxl/functions/benchmarks/industry';
import { INDUSTRY_BENCHMARKS_CSV } from '@cxl/functions/benchmarks/industry-data';

const rows = industryBenchmarks();
const pt = (
  value: number | null,
  n: number,
  low: number | null = null,
  high: number | null = null,
): OwnPoint => ({
  value,
  low,
  high,
  n,
  status: value === null ? 'no-data' : 'ok',
});
/** A point with a 95 % Wald interval from its standard error. */
const wald = (value: number, se: number, n: number) =>
  pt(value, n, value - 1.959964 * se, value + 1.959964 * se);

describe('industry benchmark dataset', () => {
  it('parses every row of the specification’s CSV with source, year and grade', () => {
    expect(rows).toHaveLength(128);
    const acsi = rows.find((r) => r.id === 'acsi_nat_2023q4');
    expect(acsi).toMatchObject({
      metric: 'ACSI national',
      value: 77.8,
      year: 2023,
      grade: 'A',
      source: 'ACSI',
    });
    expect(rows.find((r) => r.id === 'fcr_retail')).toMatchObject({ year: null, period: 'n.d.', value: 78 });
    expect(new Set(rows.map((r) => r.grade))).toEqual(new Set(['A', 'B', 'C', 'D']));
  });

  it('is byte-identical to shared/data/industry-benchmarks.csv of the specification', () => {
    const spec = '/work/shared/data/industry-benchmarks.csv';
    if (!existsSync(spec)) return; // the specification is not checked out on this machine
    expect(INDUSTRY_BENCHMARKS_CSV).toBe(readFileSync(spec, 'utf8'));
  });
});

describe('matching benchmarks to a metric', () => {
  it('never puts ACSI’s 0–100 index next to CSAT %, and labels top-1-box CSAT as indicative', () => {
    const m = matchBenchmarks(rows, 'csat', { months: 1 });
    expect(m.length).toBeGreaterThan(0);
    expect(m.every((r) => r.metric.startsWith('CSAT top box'))).toBe(true);
    expect(m[0]?.comparability).toBe('indicative');
    expect(m[0]?.caveat).toMatch(/top-1-box/i);
  });

  it('converts monthly churn to the period length (1 − (1 − b)^k) and annual retention likewise', () => {
    const q = matchBenchmarks(rows, 'churn', { months: 3, industry: 'B2B subscription' });
    const b2b = q.find((r) => r.id === 'churn_sub_b2b');
    expect(b2b?.comparableValue).toBeCloseTo(100 * (1 - (1 - 0.0491) ** 3), 2); // 14.02
    expect(b2b?.comparability).toBe('same');
    const y = matchBenchmarks(rows, 'retention', { months: 12, industry: 'banking' });
    expect(y.map((r) => r.comparableValue)).toEqual(y.map((r) => r.value));
    const m = matchBenchmarks(rows, 'retention', { months: 1, industry: 'banking' });
    expect(m[0]?.comparableValue).toBeCloseTo(100 * ((m[0]?.value ?? 0) / 100) ** (1 / 12), 2);
  });

  it('orders by grade, then the most recent year, marks C/D unverified, and filters by channel', () => {
    const nps = matchBenchmarks(rows, 'nps', { months: 1, industry: 'grocery' });
    expect(nps.map((r) => r.id)).toEqual(['nps_grocery_2023', 'nps_grocery_2022', 'nps_grocery_2021']);
    expect(matchBenchmarks(rows, 'nrr', { months: 1 }).every((r) => r.unverified)).toBe(true);
    const email = matchBenchmarks(rows, 'frt_median', { months: 1, channel: 'email' });
    expect(email.map((r) => r.id)).toEqual([expect.stringMatching(/email|mail/)]);
    expect(email[0]?.comparableValue).toBe((email[0]?.value ?? 0) * 3600);
    expect(matchBenchmarks(rows, 'revenue', { months: 1 })).toEqual([]);
  });
});

describe('targets', () => {
  const targets: TargetEntry[] = [
    { metric: 'churn', bu: 'ALL', value: 2 },
    { metric: 'churn', bu: 'ALL', grain: 'quarter', value: 5 },
    { metric: 'churn', bu: 'SMB', grain: 'quarter', value: 4 },
    { metric: 'aht', bu: 'ALL', channel: 'phone', value: 300 },
  ];
  it('picks the most specific entry: own BU over ALL, exact grain and channel over any', () => {
    expect(targetFor(targets, 'churn', 'SMB', 'quarter')?.value).toBe(4);
    expect(targetFor(targets, 'churn', 'ENT', 'quarter')?.value).toBe(5);
    expect(targetFor(targets, 'churn', 'ENT', 'month')?.value).toBe(2);
    expect(targetFor(targets, 'aht', 'ENT', 'month', 'phone')?.value).toBe(300);
    expect(targetFor(targets, 'aht', 'ENT', 'month', 'chat')).toBeNull();
    expect(targetFor(targets, 'nps', 'ENT', 'month')).toBeNull();
  });
});

describe('compareToBenchmarks', () => {
  it('tests an NPS change with z = Δ / √(SE₁² + SE₂²): methods §1.1 example, z = 1.66, p = 0.096', () => {
    // 25.0 (n = 400: 180 P, 80 D) vs 15.8 (n = 380: 150 P, 90 D), Wald SEs.
    const se = (p: number, d: number, n: number) => 100 * Math.sqrt((p + d - (p - d) ** 2) / n);
    const cur = wald(25, se(180 / 400, 80 / 400, 400), 400);
    const prev = wald((100 * (150 - 90)) / 380, se(150 / 380, 90 / 380, 380), 380);
    const r = compareToBenchmarks({
      metric: 'nps',
      period: '2024-06',
      units: [{ bu: 'ENT', current: cur, previous: prev }],
      previousPeriod: '2024-05',
      benchmarks: rows,
      targets: [],
    });
    const v = r.units[0]?.vsPrevious;
    expect(v?.test).toBe('z (interval SEs)');
    expect(v?.change).toBeCloseTo(9.21, 2);
    expect(v?.z).toBeCloseTo(1.66, 2);
    expect(v?.p).toBeCloseTo(0.096, 3);
    expect(v?.significant).toBe(false);
    expect(v?.discovery).toBe(true); // one comparison: BH-adjusted p = p = 0.096 ≤ q = 0.10
  });

  it('tests a proportion change with the pooled two-proportion z and adjusts across BUs (BH, q = 0.10)', () => {
    const r = compareToBenchmarks({
      metric: 'csat',
      period: '2024-Q2',
      units: [
        { bu: 'A', current: pt(85, 200), previous: pt(84, 50) },
        { bu: 'B', current: pt(90, 2000), previous: pt(80, 2000) },
        { bu: 'C', current: pt(70, 100), previous: null },
      ],
      previousPeriod: '2024-Q1',
      benchmarks: rows,
      targets: [],
    });
    const [a, b, c] = r.units;
    // A: pooled p = 212/250, SE = √(p(1−p)(1/200 + 1/50)) → z = 0.01 / 0.05677 = 0.176
    expect(a?.vsPrevious?.z).toBeCloseTo(0.1762, 3);
    expect(a?.vsPrevious?.significant).toBe(false);
    expect(b?.vsPrevious?.significant).toBe(true);
    expect(b?.vsPrevious?.discovery).toBe(true);
    expect(a?.vsPrevious?.discovery).toBe(false);
    expect(b?.vsPrevious?.pAdjusted).toBeGreaterThanOrEqual(b?.vsPrevious?.p ?? 1);
    expect(c?.vsPrevious).toBeNull();
    expect(r.units.map((u) => u.rank)).toEqual([
      { position: 2, of: 3 },
      { position: 1, of: 3 },
      { position: 3, of: 3 },
    ]);
  });

  it('says whether the interval clears the benchmark and the target, in the metric’s better direction', () => {
    const r = compareToBenchmarks({
      metric: 'churn',
      period: '2024-Q3',
      units: [
        { bu: 'ALL', current: pt(6, 20000, 5.7, 6.3), previous: null },
        { bu: 'ENT', current: pt(2.5, 3000, 2.0, 3.1), previous: null },
        { bu: 'CON', current: pt(8.5, 10000, 8.0, 9.0), previous: null },
        { bu: 'SMB', current: pt(null, 0), previous: null },
      ],
      previousPeriod: null,
      benchmarks: rows,
      industry: 'B2C subscription',
      targets: [
        { metric: 'churn', bu: 'ALL', grain: 'quarter', value: 4.5 },
        { metric: 'churn', bu: 'ENT', value: 2.8 },
      ],
    });
    expect(r.direction).toBe('lower');
    expect(r.benchmark?.id).toBe('churn_sub_b2c_2019'); // grade B, most recent year
    const ref = r.benchmark?.comparableValue ?? 0;
    expect(ref).toBeCloseTo(100 * (1 - (1 - 0.0681) ** 3), 2);
    const [all, ent, con, smb] = r.units;
    expect(all?.vsBenchmark).toMatchObject({
      clears: 'better',
      basis: 'interval',
      gap: expect.closeTo(6 - ref, 2),
    });
    expect(all?.vsTarget).toMatchObject({ reference: 4.5, clears: 'worse', gap: 1.5 });
    expect(ent?.vsTarget).toMatchObject({ reference: 2.8, clears: 'inconclusive' });
    expect(con?.rank).toEqual({ position: 2, of: 2 });
    expect(all?.rank).toBeNull();
    expect(smb).toMatchObject({
      value: null,
      vsBenchmark: null,
      vsTarget: null,
      rank: null,
      status: 'no-data',
    });
  });

  it('has no test for metrics whose method gives none, and knows period shapes', () => {
    const r = compareToBenchmarks({
      metric: 'revenue',
      period: '2024',
      units: [{ bu: 'ENT', current: pt(1000, 10), previous: pt(900, 10) }],
      previousPeriod: '2023',
      benchmarks: rows,
      targets: [],
    });
    expect(r.benchmark).toBeNull();
    expect(r.units[0]?.vsPrevious).toMatchObject({
      change: 100,
      test: null,
      significant: null,
      discovery: null,
    });
    expect(periodShape('2024-Q1')).toEqual({ grain: 'quarter', months: 3 });
    expect(previousPeriodOf('2024-Q1')).toBe('2023-Q4');
    expect(previousPeriodOf('2024-01')).toBe('2023-12');
    expect(previousPeriodOf('2024')).toBe('2023');
    expect(() => periodShape('2024-13')).toThrow(RangeError);
  });
});
