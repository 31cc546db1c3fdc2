/** Small-n rules of methods §1.0 / §1.9 and constructors for {@link MetricResult}. */
import type { MetricResult, ReasonCode } from './types';

/** How a metric treats small samples. */
export interface SmallNOptions {
  /** Below this n the value is suppressed (survey) or badged (operational). Default 30. */
  minN?: number;
  /** Below this n (and not suppressed) the value carries the `low-precision` badge. Default 100. */
  lowPrecisionN?: number;
  /** true (default): n < minN suppresses the value; false: the value is shown with the badge. */
  suppressBelowMinN?: boolean;
}

/** Survey metrics (NPS, CSAT, CES): n < 30 suppressed, 30 ≤ n < 100 badged. */
export const SURVEY_GATE = { minN: 30, lowPrecisionN: 100, suppressBelowMinN: true } as const;

/** Operational metrics (FRT, AHT, FCR, churn): never suppressed; n < 30 badged. */
export const OPERATIONAL_GATE = { minN: 30, lowPrecisionN: 30, suppressBelowMinN: false } as const;

/** The small-n rules of `opts` with unset keys taken from `defaults` (`undefined` never overrides). */
export function withGate(
  defaults: Required<SmallNOptions>,
  opts: SmallNOptions = {},
): Required<SmallNOptions> {
  return {
    minN: opts.minN ?? defaults.minN,
    lowPrecisionN: opts.lowPrecisionN ?? defaults.lowPrecisionN,
    suppressBelowMinN: opts.suppressBelowMinN ?? defaults.suppressBelowMinN,
  };
}

/** A suppressed result: value and interval null, n kept, reason `SUPPRESSED_SMALL_N`. */
export function suppressed(n: number): MetricResult {
  return { value: null, low: null, high: null, n, status: 'suppressed', reason: 'SUPPRESSED_SMALL_N' };
}

/**
 * Applies the small-n rules to a computed value: `suppressed` when `suppressBelowMinN` and n < minN;
 * otherwise `ok`, with the `low-precision` badge when n < lowPrecisionN or n < minN.
 */
export function gated(
  n: number,
  value: number,
  low: number | null,
  high: number | null,
  opts: SmallNOptions = SURVEY_GATE,
): MetricResult {
  const minN = opts.minN ?? SURVEY_GATE.minN;
  const lowPrecisionN = opts.lowPrecisionN ?? SURVEY_GATE.lowPrecisionN;
  const suppress = opts.suppressBelowMinN ?? true;
  if (n < minN && suppress) return suppressed(n);
  const result: MetricResult = { value, low, high, n, status: 'ok' };
  if (n < lowPrecisionN || n < minN) result.badge = 'low-precision';
  return result;
}

/** Missing input data (e.g. no finance upload for a BU-month, §1.7): status `incomplete`, `DATA_INCOMPLETE`. */
export function dataIncomplete(n = 0): MetricResult {
  return { value: null, low: null, high: null, n, status: 'incomplete', reason: 'DATA_INCOMPLETE' };
}

/** Marks a result provisional (look-ahead window not yet elapsed) unless it is no-data/suppressed. */
export function markProvisional(
  result: MetricResult,
  reason: ReasonCode = 'WINDOW_INCOMPLETE',
): MetricResult {
  if (result.status === 'no-data' || result.status === 'suppressed') return result;
  return { ...result, status: 'provisional', reason };
}

/** Throws a RangeError unless `x` is a finite number ≥ 0. */
export function assertNonNegative(x: number, name: string): void {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`${name} must be a finite number ≥ 0: ${x}`);
}

/** Throws a RangeError unless `x` is an integer ≥ 0. */
export function assertCount(x: number, name: string): void {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`${name} must be an integer ≥ 0: ${x}`);
}
