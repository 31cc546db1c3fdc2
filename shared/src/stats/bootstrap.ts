/** Deterministic nonparametric bootstrap. */
import type { Interval } from './descriptive';
import { createPrng, randomIndex } from './prng';
import { nearestRankPercentile } from './quantiles';

/** Options of {@link bootstrapMeanInterval}. */
export interface BootstrapOptions {
  /** Seed of the mulberry32 stream; the same seed gives the same interval. */
  seed: number;
  /** Number of resamples B. */
  resamples: number;
  /** Confidence level, default 0.95. */
  level?: number;
}

/**
 * Percentile bootstrap interval for the mean: draw B resamples of size n with replacement, take the
 * nearest-rank α/2 and 1 − α/2 percentiles of the B resample means. Nulls for an empty array.
 */
export function bootstrapMeanInterval(values: readonly number[], opts: BootstrapOptions): Interval {
  const n = values.length;
  if (n === 0) return { low: null, high: null };
  const b = opts.resamples;
  if (!Number.isInteger(b) || b < 1) throw new RangeError(`resamples must be a positive integer: ${b}`);
  const alpha = 1 - (opts.level ?? 0.95);
  const rng = createPrng(opts.seed);
  const means = new Float64Array(b);
  for (let r = 0; r < b; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[randomIndex(rng, n)] ?? 0;
    means[r] = sum / n;
  }
  const sorted = Array.from(means.sort());
  return {
    low: nearestRankPercentile(sorted, alpha / 2),
    high: nearestRankPercentile(sorted, 1 - alpha / 2),
  };
}
