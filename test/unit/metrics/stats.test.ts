import { describe, expect, it } from 'vitest';
import {
  bootstrapMeanInterval,
  chiSquareCdf,
  createPrng,
  kishEffectiveN,
  mean,
  nearestRank,
  nearestRankPercentile,
  normalCdf,
  orderStatisticInterval,
  randomIndex,
  sampleVariance,
  sortedAscending,
  tCdf,
  tMeanInterval,
  tQuantile,
  twoSidedNormalP,
  Z95,
  zForLevel,
  zQuantile,
} from '../../../shared/src/stats';

describe('distributions', () => {
  it.each([
    ['zQuantile(0.975)', () => zQuantile(0.975), 1.959963984540054],
    ['zQuantile(0.9)', () => zQuantile(0.9), 1.2815515655446004],
    ['tQuantile(0.975, 10)', () => tQuantile(0.975, 10), 2.2281388519649385],
    ['tQuantile(0.975, 29)', () => tQuantile(0.975, 29), 2.045229642132703],
    ['normalCdf(1.96)', () => normalCdf(1.96), 0.9750021048517795],
    ['tCdf(2.228138851986, 10)', () => tCdf(2.2281388519649385, 10), 0.975],
    ['chiSquareCdf(3.841458820694124, 1)', () => chiSquareCdf(3.841458820694124, 1), 0.95],
    ['chiSquareCdf(5.991464547107979, 2)', () => chiSquareCdf(5.991464547107979, 2), 0.95],
    ['twoSidedNormalP(1.96)', () => twoSidedNormalP(1.959963984540054), 0.05],
    ['zForLevel(0.8)', () => zForLevel(0.8), 1.2815515655446004],
  ])('evaluates %s', (_name, f, expected) => {
    expect(f()).toBeCloseTo(expected, 9);
  });

  it('matches Z95 to the 0.975 normal quantile', () => {
    expect(zQuantile(0.975)).toBeCloseTo(Z95, 12);
  });

  it('rejects a confidence level outside (0, 1)', () => {
    expect(() => zForLevel(1)).toThrow(RangeError);
  });
});

describe('createPrng', () => {
  it('repeats the same stream for the same seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
  });

  it('gives different streams for different seeds', () => {
    expect(createPrng(1)()).not.toBe(createPrng(2)());
  });

  it('draws uniformly in [0, 1)', () => {
    const rng = createPrng(7);
    const draws = Array.from({ length: 20_000 }, () => rng());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(mean(draws)).toBeCloseTo(0.5, 1);
    expect(draws.filter((x) => x < 0.25).length / draws.length).toBeCloseTo(0.25, 1);
  });

  it('draws indices inside [0, n)', () => {
    const rng = createPrng(3);
    const idx = Array.from({ length: 1000 }, () => randomIndex(rng, 7));
    expect(new Set(idx)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });
});

describe('descriptive statistics', () => {
  it('returns null mean and variance for empty data', () => {
    expect(mean([])).toBeNull();
    expect(sampleVariance([1])).toBeNull();
  });

  it('computes the sample variance with n − 1', () => {
    expect(sampleVariance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
  });

  it('builds the t interval x̄ ± t·s/√n', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    const half = tQuantile(0.975, 7) * Math.sqrt(32 / 7 / 8);
    expect(tMeanInterval(xs)).toEqual({ low: 5 - half, high: 5 + half });
    expect(tMeanInterval([3])).toEqual({ low: null, high: null });
  });

  it('sorts numerically without mutating', () => {
    const xs = [10, 9, 100, 1];
    expect(sortedAscending(xs)).toEqual([1, 9, 10, 100]);
    expect(xs).toEqual([10, 9, 100, 1]);
  });
});

describe('nearestRankPercentile', () => {
  it.each([
    [[15, 20, 35, 40, 50], 0.05, 15],
    [[15, 20, 35, 40, 50], 0.3, 20],
    [[15, 20, 35, 40, 50], 0.4, 20],
    [[15, 20, 35, 40, 50], 0.5, 35],
    [[15, 20, 35, 40, 50], 1, 50],
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 0.25, 7],
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 0.5, 8],
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 0.9, 16],
  ])('takes rank ⌈q·n⌉ of %j at q = %f → %f', (sorted, q, expected) => {
    expect(nearestRankPercentile(sorted, q)).toBe(expected);
  });

  it('returns null for no data', () => {
    expect(nearestRankPercentile([], 0.5)).toBeNull();
  });

  it('is not fooled by binary rounding of q·n (0.55 × 100)', () => {
    expect(0.55 * 100).toBeGreaterThan(55);
    expect(nearestRank(0.55, 100)).toBe(55);
  });
});

describe('orderStatisticInterval', () => {
  it('brackets the median of 1…100 with ranks n/2 ± z√n/2', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(orderStatisticInterval(xs, 0.5, Z95)).toEqual({ low: 40, high: 61 });
  });

  it('returns null bounds when the sample is too small', () => {
    expect(orderStatisticInterval([1, 2, 3], 0.5, Z95)).toEqual({ low: null, high: null });
  });
});

describe('kishEffectiveN', () => {
  it.each([
    [[1, 1, 1, 1], 4],
    [[2, 2, 2], 3],
    [[1, 3], 16 / 10],
    [[5, 0, 0], 1],
    [[], 0],
  ])('computes (Σw)²/Σw² for %j → %f', (w, expected) => {
    expect(kishEffectiveN(w)).toBeCloseTo(expected, 12);
  });

  it('rejects negative weights', () => {
    expect(() => kishEffectiveN([1, -1])).toThrow(RangeError);
  });
});

describe('bootstrapMeanInterval', () => {
  const xs = [1, 2, 2, 3, 3, 3, 4, 4, 5, 7, 1, 2, 6, 6, 5, 4, 3, 2, 2, 1, 7, 7, 5, 4, 3, 3, 2, 1, 6, 5];

  it('is deterministic for a seed', () => {
    const a = bootstrapMeanInterval(xs, { seed: 9, resamples: 500 });
    expect(bootstrapMeanInterval(xs, { seed: 9, resamples: 500 })).toEqual(a);
    expect(bootstrapMeanInterval(xs, { seed: 10, resamples: 500 })).not.toEqual(a);
  });

  it('lands close to the t interval for a moderate sample', () => {
    const boot = bootstrapMeanInterval(xs, { seed: 1, resamples: 4000 });
    const t = tMeanInterval(xs);
    expect(boot.low).toBeCloseTo(t.low ?? NaN, 0);
    expect(boot.high).toBeCloseTo(t.high ?? NaN, 0);
    expect(boot.low ?? Infinity).toBeLessThan(mean(xs) ?? -Infinity);
  });

  it('returns null bounds for no data', () => {
    expect(bootstrapMeanInterval([], { seed: 1, resamples: 10 })).toEqual({ low: null, high: null });
  });
});
