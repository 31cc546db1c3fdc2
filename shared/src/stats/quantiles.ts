/** Order-statistic quantiles and their distribution-free intervals. */
import type { Interval } from './descriptive';

/**
 * Guards ⌈q·n⌉ against binary representation error (0.55 × 100 = 55.00000000000001 in floating
 * point, which would otherwise round up to rank 56).
 */
const RANK_EPS = 1e-9;

/** Nearest rank ⌈q·n⌉ (1-based, at least 1) for quantile q of n sorted values. */
export function nearestRank(q: number, n: number): number {
  return Math.max(1, Math.ceil(q * n - RANK_EPS));
}

/**
 * Nearest-rank percentile: the value at rank ⌈q·n⌉ of the ascending `sorted` array (q in [0, 1];
 * q = 0 gives the minimum). Null for an empty array. Chosen in methods §1.4 for auditability:
 * the result is always an observed value.
 */
export function nearestRankPercentile(sorted: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1]: ${q}`);
  if (sorted.length === 0) return null;
  return sorted[nearestRank(q, sorted.length) - 1] ?? null;
}

/**
 * Distribution-free interval [x₍ⱼ₎, x₍ₖ₎] for the q-quantile from order statistics. Coverage is
 * P(j ≤ B ≤ k − 1) with B ~ Binomial(n, q); with the normal approximation to B the ranks are
 * j = ⌊nq − z√(nq(1−q))⌋ and k = ⌈nq + z√(nq(1−q))⌉ + 1. A bound is null when its rank falls
 * outside 1…n (too few observations); both are null for an empty array.
 */
export function orderStatisticInterval(sorted: readonly number[], q: number, z: number): Interval {
  const n = sorted.length;
  if (n === 0) return { low: null, high: null };
  const centre = n * q;
  const half = z * Math.sqrt(n * q * (1 - q));
  const j = Math.floor(centre - half + RANK_EPS);
  const k = Math.ceil(centre + half - RANK_EPS) + 1;
  return {
    low: j >= 1 ? (sorted[j - 1] ?? null) : null,
    high: k <= n ? (sorted[k - 1] ?? null) : null,
  };
}
