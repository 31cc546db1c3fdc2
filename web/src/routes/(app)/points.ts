import type { MetricPoint } from '#lib/api-types.ts';
import type { IntervalPoint } from '@cxl/shared/charts/interval-line';
import { formatPeriod } from '#lib/format.ts';
import { t, type MessageId } from '#lib/i18n.ts';
import { hasValue } from '#lib/metrics.ts';

/** API points as chart points: no value unless the status carries one (never a 0 for null). */
export function toIntervalPoints(points: readonly MetricPoint[]): IntervalPoint[] {
  return points.map((p) => {
    const shown = hasValue(p);
    return {
      label: formatPeriod(p.period),
      value: shown ? p.value : null,
      low: shown ? p.low : null,
      high: shown ? p.high : null,
      provisional: p.status === 'provisional',
    };
  });
}

/** Human text of a reason code; a generic sentence for unknown or missing codes. */
export function reasonText(reason: string | undefined): string {
  const id = `reason.${reason ?? 'unknown'}`;
  const known: readonly string[] = [
    'reason.NO_RESPONSES',
    'reason.NO_ELIGIBLE_CONTACTS',
    'reason.NO_ACTIVE_CUSTOMERS',
    'reason.DATA_INCOMPLETE',
    'reason.SUPPRESSED_SMALL_N',
    'reason.LOW_PRECISION',
    'reason.WINDOW_INCOMPLETE',
    'reason.KM_NOT_REACHED',
    'reason.FORMULA_INVALID',
  ];
  return t((known.includes(id) ? id : 'reason.unknown') as MessageId);
}

/** Column headings of a chart's data table. */
export function tableColumns(): string[] {
  return [
    t('trend.period'),
    t('trend.value'),
    t('trend.low'),
    t('trend.high'),
    t('trend.n'),
    t('trend.status'),
  ];
}

/** One table row per point: period, value, bounds, n and status (or its reason). */
export function pointRows(
  points: readonly MetricPoint[],
  format: (v: number, p: MetricPoint) => string,
): string[][] {
  return points.map((p) => {
    const shown = hasValue(p);
    const status = t(`status.${p.status}` as MessageId);
    return [
      formatPeriod(p.period, 'long'),
      shown ? format(p.value, p) : '—',
      shown && p.low !== null ? format(p.low, p) : '—',
      shown && p.high !== null ? format(p.high, p) : '—',
      String(p.n),
      p.reason && !shown ? `${status}: ${reasonText(p.reason)}` : status,
    ];
  });
}
