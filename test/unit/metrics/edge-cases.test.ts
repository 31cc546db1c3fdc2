/** The edge-case matrix of methods §1.9, one row per situation. */
import { describe, expect, it } from 'vitest';
import {
  aht,
  annotateRepeats,
  cesAgree,
  cesMean,
  clvFinite,
  clvInfinite,
  csatT2B,
  dataIncomplete,
  DAY_MS,
  fcr7d,
  frtStats,
  logoChurn,
  npsFromCounts,
  npsWeighted,
  repeatRate,
  revenueRetention,
  type MetricResult,
} from '../../../shared/src/metrics';
import { answered, censored, contact, fromCounts, ltrs, repeat } from './factories';

const handled = (n: number): { talkS: number; holdS: number; acwS: number }[] =>
  Array.from({ length: n }, (_, i) => ({ talkS: 200 + i, holdS: 10, acwS: 30 }));
const distinctContacts = (n: number, day = 0): ReturnType<typeof contact>[] =>
  Array.from({ length: n }, (_, i) => contact(`c${i}`, `k${i}`, `i${i}`, day));

describe('§1.9 no observations → NULL with a reason', () => {
  it.each<[string, () => MetricResult, string]>([
    ['NPS', () => npsFromCounts({ promoters: 0, passives: 0, detractors: 0 }), 'NO_RESPONSES'],
    ['CSAT', () => csatT2B([]), 'NO_RESPONSES'],
    ['CES', () => cesMean([]), 'NO_RESPONSES'],
    ['FRT median', () => frtStats([]).median, 'NO_ELIGIBLE_CONTACTS'],
    ['AHT', () => aht([]), 'NO_ELIGIBLE_CONTACTS'],
    ['FCR', () => fcr7d([]), 'NO_ELIGIBLE_CONTACTS'],
    ['RCR', () => repeatRate([], 30), 'NO_ELIGIBLE_CONTACTS'],
    ['churn', () => logoChurn({ startActive: 0, churned: 0 }), 'NO_ACTIVE_CUSTOMERS'],
    ['NRR', () => revenueRetention([]).nrr, 'NO_ACTIVE_CUSTOMERS'],
  ])('%s', (_metric, compute, reason) => {
    expect(compute()).toEqual({ value: null, low: null, high: null, n: 0, status: 'no-data', reason });
  });
});

describe('§1.9 n < 30', () => {
  it.each<[string, () => MetricResult]>([
    ['NPS', () => npsFromCounts({ promoters: 10, passives: 10, detractors: 9 })],
    ['CSAT', () => csatT2B(fromCounts({ 5: 20, 2: 9 }))],
    ['CES', () => cesMean(fromCounts({ 6: 20, 2: 9 }))],
  ])('suppresses survey metric %s but keeps n', (_metric, compute) => {
    expect(compute()).toEqual({
      value: null,
      low: null,
      high: null,
      n: 29,
      status: 'suppressed',
      reason: 'SUPPRESSED_SMALL_N',
    });
  });

  it.each<[string, () => MetricResult]>([
    ['FRT', () => frtStats(answered(...Array.from({ length: 29 }, (_, i) => 60 * (i + 1)))).median],
    ['AHT', () => aht(handled(29))],
    ['FCR', () => fcr7d(annotateRepeats(distinctContacts(29), 30 * DAY_MS))],
    ['churn', () => logoChurn({ startActive: 29, churned: 2 })],
    ['GRR', () => revenueRetention(repeat({ startMinor: 100, endMinor: 90 }, 29)).grr],
  ])('shows operational metric %s with a low-precision badge', (_metric, compute) => {
    const r = compute();
    expect(r.value).not.toBeNull();
    expect(r).toMatchObject({ status: 'ok', n: 29, badge: 'low-precision' });
  });
});

describe('§1.9 all observations in one category', () => {
  it.each<[string, () => MetricResult]>([
    ['NPS (adjusted Wald)', () => npsFromCounts({ promoters: 60, passives: 0, detractors: 0 })],
    ['CSAT (Wilson)', () => csatT2B(repeat(5, 60))],
    ['CES % agree (Wilson)', () => cesAgree(repeat(7, 60))],
    ['FCR (Wilson)', () => fcr7d(annotateRepeats(distinctContacts(60), 30 * DAY_MS))],
  ])('keeps a non-zero-width interval for %s', (_metric, compute) => {
    const r = compute();
    expect(r.low).not.toBeNull();
    expect(r.high).not.toBeNull();
    expect((r.high ?? 0) - (r.low ?? 0)).toBeGreaterThan(1);
  });
});

describe('§1.9 window not complete → provisional', () => {
  it.each<[string, () => MetricResult]>([
    ['FRT (KM with open tickets)', () => frtStats([...answered(...repeat(120, 40)), ...censored(30)]).median],
    [
      'FCR',
      () => fcr7d(annotateRepeats([...distinctContacts(40, 0), contact('late', 'z', 'z', 29)], 30 * DAY_MS)),
    ],
    ['churn', () => logoChurn({ startActive: 100, churned: 3 }, { provisional: true })],
  ])('marks %s provisional and still returns the value', (_metric, compute) => {
    const r = compute();
    expect(r.value).not.toBeNull();
    expect(r).toMatchObject({ status: 'provisional', reason: 'WINDOW_INCOMPLETE' });
  });
});

describe('§1.9 missing finance month', () => {
  it('is DATA_INCOMPLETE, never a zero', () => {
    expect(dataIncomplete()).toEqual({
      value: null,
      low: null,
      high: null,
      n: 0,
      status: 'incomplete',
      reason: 'DATA_INCOMPLETE',
    });
  });
});

describe('§1.9 retention r ≥ 1 + i', () => {
  it('is FORMULA_INVALID for the infinite horizon and falls back to a finite H', () => {
    const input = { margin: 100, retention: 1, discountRate: 0 };
    expect(clvInfinite(input).reason).toBe('FORMULA_INVALID');
    expect(clvFinite({ ...input, horizon: 60 })).toBe(6000);
  });
});

describe('§1.9 weights present → n_eff', () => {
  it('uses the Kish effective size in the NPS interval', () => {
    const answers = ltrs(90, 60, 50);
    const flat = npsWeighted(answers.map((ltr) => ({ ltr, weight: 1 })));
    const skewed = npsWeighted(answers.map((ltr, i) => ({ ltr, weight: i % 4 === 0 ? 5 : 1 })));
    expect((skewed.high ?? 0) - (skewed.low ?? 0)).toBeGreaterThan((flat.high ?? 0) - (flat.low ?? 0));
  });
});
