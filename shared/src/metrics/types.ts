/** Status of a metric point, as served by `GET /api/metrics` (contracts.md). */
export type MetricStatus = 'ok' | 'no-data' | 'suppressed' | 'incomplete' | 'provisional';

/** Reason codes of methods.md §1.0, plus the extra ones the product uses. */
export type ReasonCode =
  | 'NO_RESPONSES'
  | 'NO_ELIGIBLE_CONTACTS'
  | 'NO_ACTIVE_CUSTOMERS'
  | 'DATA_INCOMPLETE'
  | 'SUPPRESSED_SMALL_N'
  | 'LOW_PRECISION'
  | 'WINDOW_INCOMPLETE'
  | 'KM_NOT_REACHED'
  | 'FORMULA_INVALID'
  | 'INSUFFICIENT_HISTORY';

/**
 * One computed metric value with its interval and sample size. `value`, `low`, `high` are null
 * whenever the status is `no-data` or `suppressed` (never a misleading 0).
 */
export interface MetricResult {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  status: MetricStatus;
  reason?: ReasonCode;
  /** `low-precision` for 30 ≤ n < 100 survey metrics and small-denominator operational metrics. */
  badge?: 'low-precision';
}

/** An empty result: no observations → NULL with a reason code (methods §1.0). */
export function noData(reason: ReasonCode, n = 0): MetricResult {
  return { value: null, low: null, high: null, n, status: 'no-data', reason };
}
