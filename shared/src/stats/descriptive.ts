/** Descriptive statistics over plain number arrays. */
import { tQuantile } from './distributions';

/** Arithmetic mean Σx/n; null for an empty array. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample variance Σ(x − x̄)²/(n − 1) (two-pass); null when n < 2. */
export function sampleVariance(values: readonly number[]): number | null {
  const n = values.length;
  const m = mean(values);
  if (m === null || n < 2) return null;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return ss / (n - 1);
}

/** Ascending numeric copy of `values` (does not mutate the input). */
export function sortedAscending(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

/** A confidence interval; either bound is null when it cannot be computed. */
export interface Interval {
  low: number | null;
  high: number | null;
}

/**
 * t interval for a mean: x̄ ± t(1 − α/2; n − 1) · s/√n. Both bounds null when n < 2 (no variance);
 * null bounds as well for an empty array.
 */
export function tMeanInterval(values: readonly number[], level = 0.95): Interval {
  const n = values.length;
  const m = mean(values);
  const v = sampleVariance(values);
  if (m === null || v === null) return { low: null, high: null };
  return tIntervalFromMoments(m, v, n, level);
}

/** t interval from a mean, sample variance and n: m ± t(1 − α/2; n − 1)·√(v/n); nulls when n < 2. */
export function tIntervalFromMoments(m: number, variance: number, n: number, level = 0.95): Interval {
  if (n < 2 || !Number.isFinite(variance) || variance < 0) return { low: null, high: null };
  const t = tQuantile(1 - (1 - level) / 2, n - 1);
  const half = t * Math.sqrt(variance / n);
  return { low: m - half, high: m + half };
}
