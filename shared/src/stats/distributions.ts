/**
 * Quantiles and CDFs of the reference distributions, wrapping `@stdlib` so that no hand-written
 * numerics are needed elsewhere.
 */
import chiSquareCdfLib from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdfLib from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileLib from '@stdlib/stats-base-dists-normal-quantile';
import tCdfLib from '@stdlib/stats-base-dists-t-cdf';
import tQuantileLib from '@stdlib/stats-base-dists-t-quantile';

/** z(0.975): the two-sided 95 % standard-normal critical value. */
export const Z95 = 1.959963984540054;

/** Standard-normal quantile Φ⁻¹(p); NaN outside [0, 1], ±Infinity at 0 and 1. */
export function zQuantile(p: number): number {
  return normalQuantileLib(p, 0, 1);
}

/** Student-t quantile with `df` degrees of freedom; NaN for p outside [0, 1] or df ≤ 0. */
export function tQuantile(p: number, df: number): number {
  return tQuantileLib(p, df);
}

/** Standard-normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return normalCdfLib(x, 0, 1);
}

/** Student-t CDF with `df` degrees of freedom; NaN for df ≤ 0. */
export function tCdf(x: number, df: number): number {
  return tCdfLib(x, df);
}

/** Chi-square CDF with `k` degrees of freedom; 0 for x ≤ 0. */
export function chiSquareCdf(x: number, k: number): number {
  return chiSquareCdfLib(x, k);
}

/** Two-sided normal p-value 2·(1 − Φ(|z|)); NaN for NaN input. */
export function twoSidedNormalP(z: number): number {
  return 2 * (1 - normalCdf(Math.abs(z)));
}

/** Two-sided critical value z(1 − α/2) for a confidence `level` (e.g. 0.95 → 1.96). */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1): ${level}`);
  return zQuantile(1 - (1 - level) / 2);
}
