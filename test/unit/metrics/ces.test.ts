import { describe, expect, it } from 'vitest';
import { cesAgree, cesDisagree, cesMean, isHighEffort, tMeanInterval } from '../../../shared/src/metrics';
import { fromCounts } from './factories';

describe('cesMean', () => {
  it('uses mean ± t(n−1)·s/√n for n ≥ 50', () => {
    const scores = fromCounts({ 2: 10, 4: 10, 5: 20, 6: 20, 7: 10 });
    const r = cesMean(scores);
    const t = tMeanInterval(scores);
    expect(r.value).toBeCloseTo(350 / 70, 12);
    expect(r.low).toBe(t.low);
    expect(r.high).toBe(t.high);
    expect(r).toMatchObject({ status: 'ok', badge: 'low-precision', n: 70 });
  });

  it('uses a seeded percentile bootstrap for 30 ≤ n < 50', () => {
    const scores = fromCounts({ 1: 5, 3: 10, 5: 15, 7: 10 });
    const a = cesMean(scores, { seed: 11 });
    expect(cesMean(scores, { seed: 11 })).toEqual(a);
    expect(cesMean(scores, { seed: 12 })).not.toEqual(a);
    expect(a.value).toBeCloseTo(180 / 40, 12);
    expect(a.low ?? 9).toBeLessThan(a.value ?? 0);
    expect(a.high ?? 0).toBeGreaterThan(a.value ?? 9);
    const t = tMeanInterval(scores);
    expect(a.low).toBeCloseTo(t.low ?? NaN, 0);
    expect(a.high).toBeCloseTo(t.high ?? NaN, 0);
  });

  it('is deterministic without an explicit seed', () => {
    const scores = fromCounts({ 2: 10, 6: 25 });
    expect(cesMean(scores)).toEqual(cesMean(scores));
  });

  it.each([
    [[], 'no-data', 'NO_RESPONSES'],
    [fromCounts({ 6: 29 }), 'suppressed', 'SUPPRESSED_SMALL_N'],
  ] as const)('returns no value for small samples (%#)', (scores, status, reason) => {
    expect(cesMean(scores)).toMatchObject({ status, reason, value: null, low: null, high: null });
  });

  it('rejects CES 1.0 or out-of-range answers', () => {
    expect(() => cesMean([1, 8])).toThrow(RangeError);
    expect(() => cesMean([0])).toThrow(RangeError);
  });
});

describe('cesAgree and cesDisagree', () => {
  const scores = fromCounts({ 1: 5, 2: 5, 3: 10, 4: 20, 5: 20, 6: 25, 7: 15 });

  it.each([
    ['agree (5–7)', cesAgree, 60],
    ['disagree (1–3)', cesDisagree, 20],
  ] as const)('computes %% %s', (_label, f, value) => {
    const r = f(scores);
    expect(r.value).toBe(value);
    expect(r.low ?? 100).toBeLessThan(value);
    expect(r.high ?? 0).toBeGreaterThan(value);
    expect(r.badge).toBeUndefined();
  });

  it('keeps a Wilson interval when nobody disagrees', () => {
    const r = cesDisagree(fromCounts({ 6: 40 }));
    expect(r.value).toBe(0);
    expect(r.high ?? 0).toBeGreaterThan(0);
  });
});

describe('isHighEffort', () => {
  it.each([
    [1, true],
    [3, true],
    [4, false],
    [7, false],
  ])('flags %i → %s', (score, flag) => {
    expect(isHighEffort(score)).toBe(flag);
  });

  it('rejects values outside 1–7', () => {
    expect(() => isHighEffort(0)).toThrow(RangeError);
  });
});
