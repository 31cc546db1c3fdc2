/** Proportions with Wilson score intervals (methods §1.2). */
import { Z95 } from '../stats/distributions';
import { gated, SURVEY_GATE, withGate, type SmallNOptions } from './gating';
import { noData, type MetricResult, type ReasonCode } from './types';

/** An interval on the fraction scale [0, 1]. */
export interface FractionInterval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for k successes in n trials, as fractions:
 * centre = (p̂ + z²/2n)/(1 + z²/n), half = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
 * Never zero-width for n > 0 (k = 0 gives [0, ·], k = n gives [·, 1]). n = 0 returns the vacuous
 * [0, 1], which is also the limit of the formula as n → 0. k and n may be non-integer (weighted
 * counts with n = n_eff) but must satisfy 0 ≤ k ≤ n.
 */
export function wilsonInterval(k: number, n: number, z: number = Z95): FractionInterval {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`n must be a finite number ≥ 0: ${n}`);
  if (!Number.isFinite(k) || k < 0 || k > n) throw new RangeError(`k must be in [0, n]: ${k} of ${n}`);
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    low: k === 0 ? 0 : Math.max(0, centre - half),
    high: k === n ? 1 : Math.min(1, centre + half),
  };
}

/** Options of {@link proportionMetric}. */
export interface ProportionOptions extends SmallNOptions {
  /** Reason code when n = 0. Default `NO_RESPONSES`. */
  emptyReason?: ReasonCode;
  /** Critical value of the interval. Default {@link Z95}. */
  z?: number;
}

/**
 * Proportion metric in percent: value = 100·k/n with the Wilson interval ×100. n = 0 →
 * `noData(emptyReason)` (default `NO_RESPONSES`). Small-n rules default to the survey gate
 * (n < 30 suppressed, 30 ≤ n < 100 badged); pass `suppressBelowMinN: false, lowPrecisionN: 30` for
 * operational metrics (see `OPERATIONAL_GATE`).
 */
export function proportionMetric(k: number, n: number, opts: ProportionOptions = {}): MetricResult {
  if (n === 0) return noData(opts.emptyReason ?? 'NO_RESPONSES');
  const { low, high } = wilsonInterval(k, n, opts.z ?? Z95);
  return gated(n, (100 * k) / n, 100 * low, 100 * high, withGate(SURVEY_GATE, opts));
}
