/** Customer Effort Score 2.0 on the 1–7 agreement scale (methods §1.3); higher = easier. */
import { bootstrapMeanInterval } from '../stats/bootstrap';
import { mean, tMeanInterval } from '../stats/descriptive';
import { gated, SURVEY_GATE, withGate, type SmallNOptions } from './gating';
import { proportionMetric } from './proportion';
import { assertScaleValues, countBetween, isValidScale } from './scale';
import { noData, type MetricResult } from './types';

/** Default bootstrap seed: any fixed value works; fixed so that intervals are reproducible. */
export const CES_DEFAULT_SEED = 0x5eed_c0de;

/** Options of {@link cesMean}. */
export interface CesMeanOptions extends SmallNOptions {
  /** Seed of the bootstrap stream. Default {@link CES_DEFAULT_SEED}. */
  seed?: number;
  /** Bootstrap resamples B. Default 2,000. */
  bootstrapB?: number;
  /** n at or above which the t interval is used instead of the bootstrap. Default 50. */
  tIntervalMinN?: number;
  /** Confidence level. Default 0.95. */
  level?: number;
}

/** Options of {@link cesAgree} and {@link cesDisagree}. */
export interface CesShareOptions extends SmallNOptions {
  /** Critical value of the Wilson interval. Default Z95. */
  z?: number;
}

/**
 * CES mean = Σ scores/n on 1–7. Interval: x̄ ± t(n−1)·s/√n when n ≥ 50; otherwise a seeded,
 * deterministic percentile bootstrap (B = 2,000, nearest-rank 2.5 %/97.5 % of resample means).
 * n = 0 → no-data `NO_RESPONSES`; n < 30 suppressed; 30 ≤ n < 100 badged. Throws on answers that
 * are not integers in 1–7 (never mix CES 1.0 and 2.0).
 */
export function cesMean(scores: readonly number[], opts: CesMeanOptions = {}): MetricResult {
  assertScaleValues(scores, 1, 7, 'CES');
  const m = mean(scores);
  if (m === null) return noData('NO_RESPONSES');
  const gate = withGate(SURVEY_GATE, opts);
  const n = scores.length;
  if (gate.suppressBelowMinN && n < gate.minN) return gated(n, m, null, null, gate);
  const level = opts.level ?? 0.95;
  const { low, high } =
    n >= (opts.tIntervalMinN ?? 50)
      ? tMeanInterval(scores, level)
      : bootstrapMeanInterval(scores, {
          seed: opts.seed ?? CES_DEFAULT_SEED,
          resamples: opts.bootstrapB ?? 2000,
          level,
        });
  return gated(n, m, low, high, gate);
}

/** % agree ("easy") = 100 × n(5, 6, 7)/n with a Wilson interval; empty/small-n as {@link cesMean}. */
export function cesAgree(scores: readonly number[], opts: CesShareOptions = {}): MetricResult {
  assertScaleValues(scores, 1, 7, 'CES');
  return proportionMetric(countBetween(scores, 5, 7), scores.length, opts);
}

/** % disagree ("difficult") = 100 × n(1, 2, 3)/n with a Wilson interval; empty/small-n as {@link cesMean}. */
export function cesDisagree(scores: readonly number[], opts: CesShareOptions = {}): MetricResult {
  assertScaleValues(scores, 1, 7, 'CES');
  return proportionMetric(countBetween(scores, 1, 3), scores.length, opts);
}

/** High-effort flag for churn models: CES ≤ 3 (the disagree band). Throws outside 1–7. */
export function isHighEffort(score: number): boolean {
  if (!isValidScale(score, 1, 7)) throw new RangeError(`CES must be an integer in 1–7: ${score}`);
  return score <= 3;
}
