/** CSAT on the 1–5 scale (methods §1.2). Percentages are 0–100. */
import { tMeanInterval, mean } from '../stats/descriptive';
import { gated, SURVEY_GATE, withGate, type SmallNOptions } from './gating';
import { proportionMetric } from './proportion';
import { assertScaleValues, countBetween } from './scale';
import { noData, type MetricResult } from './types';

export { isValidScale } from './scale';

/** Options of the CSAT metrics: small-n rules (default survey gate) and interval settings. */
export interface CsatOptions extends SmallNOptions {
  /** Critical value of Wilson intervals. Default Z95. */
  z?: number;
  /** Confidence level of the t interval of {@link meanSatisfaction}. Default 0.95. */
  level?: number;
}

/** Aggregated CSAT counts: satisfied = answers 4 or 5, total = all valid answers. */
export interface CsatCounts {
  satisfied: number;
  total: number;
}

/**
 * CSAT % (top-2-box) = 100 × n(4 or 5)/n with a Wilson interval. n = 0 → no-data `NO_RESPONSES`;
 * n < 30 suppressed; 30 ≤ n < 100 badged. Throws on answers that are not integers in 1–5.
 */
export function csatT2B(scores: readonly number[], opts: CsatOptions = {}): MetricResult {
  assertScaleValues(scores, 1, 5, 'CSAT');
  return proportionMetric(countBetween(scores, 4, 5), scores.length, opts);
}

/** CSAT % from aggregated counts (re-aggregation from counts, §1.0); same rules as {@link csatT2B}. */
export function csatFromCounts(c: CsatCounts, opts: CsatOptions = {}): MetricResult {
  return proportionMetric(c.satisfied, c.total, opts);
}

/**
 * Bottom-2-box dissatisfaction % = 100 × n(1 or 2)/n with a Wilson interval; empty and small-n
 * rules as {@link csatT2B}.
 */
export function csatBottom2(scores: readonly number[], opts: CsatOptions = {}): MetricResult {
  assertScaleValues(scores, 1, 5, 'CSAT');
  return proportionMetric(countBetween(scores, 1, 2), scores.length, opts);
}

/**
 * "Mean satisfaction (1–5)" = Σ scores/n (not CSAT %), with x̄ ± t(n−1)·s/√n. n = 0 → no-data
 * `NO_RESPONSES`; n < 30 suppressed; 30 ≤ n < 100 badged.
 */
export function meanSatisfaction(scores: readonly number[], opts: CsatOptions = {}): MetricResult {
  assertScaleValues(scores, 1, 5, 'CSAT');
  const m = mean(scores);
  if (m === null) return noData('NO_RESPONSES');
  const { low, high } = tMeanInterval(scores, opts.level ?? 0.95);
  return gated(scores.length, m, low, high, withGate(SURVEY_GATE, opts));
}
