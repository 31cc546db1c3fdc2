import { describe, expect, it } from 'vitest';
import {
  csatBottom2,
  csatFromCounts,
  csatT2B,
  isValidScale,
  meanSatisfaction,
  partitionByScale,
} from '../../../shared/src/metrics';
import { fromCounts } from './factories';

describe('isValidScale', () => {
  it.each([
    [1, 1, 5, true],
    [5, 1, 5, true],
    [0, 1, 5, false],
    [6, 1, 5, false],
    [3.5, 1, 5, false],
    [Number.NaN, 1, 5, false],
    [7, 1, 7, true],
    [0, 0, 10, true],
  ])('%f in %i–%i → %s', (v, min, max, ok) => {
    expect(isValidScale(v, min, max)).toBe(ok);
  });

  it('partitions answers into valid and rejected', () => {
    expect(partitionByScale([1, 6, 4, 2.5, 5], 1, 5)).toEqual({ valid: [1, 4, 5], rejected: [6, 2.5] });
  });
});

describe('csatT2B', () => {
  it('reproduces the §1.2 example 42/50 → 84 % [71.5, 91.7]', () => {
    const r = csatT2B(fromCounts({ 5: 30, 4: 12, 3: 4, 2: 2, 1: 2 }));
    expect(r.value).toBeCloseTo(84, 10);
    expect(r.low).toBeCloseTo(71.5, 1);
    expect(r.high).toBeCloseTo(91.7, 1);
    expect(r).toMatchObject({ n: 50, badge: 'low-precision', status: 'ok' });
  });

  it('reproduces 170/200 → 85 % [79.4, 89.3] from counts', () => {
    const r = csatFromCounts({ satisfied: 170, total: 200 });
    expect(r.value).toBeCloseTo(85, 10);
    expect(r.low).toBeCloseTo(79.4, 1);
    expect(r.high).toBeCloseTo(89.3, 1);
    expect(r.badge).toBeUndefined();
  });

  it('counts only 4 and 5 as satisfied', () => {
    expect(csatT2B(fromCounts({ 3: 50, 4: 25, 5: 25 })).value).toBe(50);
  });

  it.each([
    [[], 'no-data', 'NO_RESPONSES'],
    [fromCounts({ 5: 29 }), 'suppressed', 'SUPPRESSED_SMALL_N'],
  ] as const)('handles n = %#', (scores, status, reason) => {
    expect(csatT2B(scores)).toMatchObject({ status, reason, value: null });
  });

  it('keeps a Wilson interval below 100 % when everyone is satisfied', () => {
    const r = csatT2B(fromCounts({ 5: 120 }));
    expect(r.value).toBe(100);
    expect(r.high).toBe(100);
    expect(r.low ?? 100).toBeLessThan(100);
  });

  it('rejects answers outside 1–5', () => {
    expect(() => csatT2B([5, 4, 7])).toThrow(RangeError);
  });
});

describe('csatBottom2 and meanSatisfaction', () => {
  const scores = fromCounts({ 1: 10, 2: 10, 3: 20, 4: 30, 5: 30 });

  it('computes the bottom-2-box rate', () => {
    expect(csatBottom2(scores).value).toBe(20);
  });

  it('labels the mean on the 1–5 scale with a t interval', () => {
    const r = meanSatisfaction(scores);
    expect(r.value).toBeCloseTo(3.6, 12);
    expect(r.low ?? 9).toBeLessThan(3.6);
    expect(r.high ?? 0).toBeGreaterThan(3.6);
    expect(r.high ?? 0).toBeLessThan(4);
  });

  it('returns NO_RESPONSES and suppression like CSAT %', () => {
    expect(meanSatisfaction([])).toMatchObject({ status: 'no-data', reason: 'NO_RESPONSES' });
    expect(meanSatisfaction([4, 5, 3])).toMatchObject({ status: 'suppressed', n: 3 });
  });
});
