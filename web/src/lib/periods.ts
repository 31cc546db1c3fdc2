import { addMonths, isMonth, monthIndex, monthRange, type Month } from '@cxl/shared/month';
import type { Grain, ReadyMeta as Meta } from './api-types.ts';

export const GRAINS: readonly Grain[] = ['month', 'quarter', 'year'];

const GRAIN_MONTHS: Record<Grain, number> = { month: 1, quarter: 3, year: 12 };

export function isGrain(s: string | null): s is Grain {
  return s === 'month' || s === 'quarter' || s === 'year';
}

/** First month of the period (month, quarter or year) containing `m`. */
export function periodStart(grain: Grain, m: Month): Month {
  const i = monthIndex(m);
  const size = GRAIN_MONTHS[grain];
  return addMonths(m, -(i % size));
}

/** Last month of the period containing `m`. */
export function periodEnd(grain: Grain, m: Month): Month {
  return addMonths(periodStart(grain, m), GRAIN_MONTHS[grain] - 1);
}

/** The API's label of the period containing `m`: `2024-03`, `2024-Q1` or `2024`. */
export function periodLabel(grain: Grain, m: Month): string {
  if (grain === 'month') return m;
  const year = m.slice(0, 4);
  if (grain === 'year') return year;
  return `${year}-Q${Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Start month of the period before the one containing `m`. */
export function previousPeriodStart(grain: Grain, m: Month): Month {
  return addMonths(periodStart(grain, m), -GRAIN_MONTHS[grain]);
}

export interface Filters {
  bu: string;
  grain: Grain;
  from: Month;
  to: Month;
}

function clamp(m: Month, first: Month, last: Month): Month {
  if (monthIndex(m) < monthIndex(first)) return first;
  if (monthIndex(m) > monthIndex(last)) return last;
  return m;
}

/** The default view: all BUs, monthly, the last 12 months of data. */
export function defaultFilters(meta: Meta): Filters {
  return {
    bu: 'ALL',
    grain: 'month',
    from: clamp(addMonths(meta.lastMonth, -11), meta.firstMonth, meta.lastMonth),
    to: meta.lastMonth,
  };
}

/** Filters from the URL query, each invalid or missing one replaced by its default; from ≤ to. */
export function readFilters(params: { get(name: string): string | null }, meta: Meta): Filters {
  const d = defaultFilters(meta);
  const bu = params.get('bu');
  const grain = params.get('grain');
  const fromRaw = params.get('from');
  const toRaw = params.get('to');
  const known = bu === 'ALL' || meta.businessUnits.some((b) => b.id === bu);
  let from = fromRaw && isMonth(fromRaw) ? clamp(fromRaw, meta.firstMonth, meta.lastMonth) : d.from;
  const to = toRaw && isMonth(toRaw) ? clamp(toRaw, meta.firstMonth, meta.lastMonth) : d.to;
  if (monthIndex(from) > monthIndex(to)) from = to;
  return { bu: known && bu ? bu : d.bu, grain: isGrain(grain) ? grain : d.grain, from, to };
}

/** Filters after the grain changed: the range widened to whole periods of the new grain, within the data. */
export function withGrain(f: Filters, grain: Grain, meta: Meta): Filters {
  return {
    ...f,
    grain,
    from: clamp(periodStart(grain, f.from), meta.firstMonth, meta.lastMonth),
    to: clamp(periodEnd(grain, f.to), meta.firstMonth, meta.lastMonth),
  };
}

/** Every month with data, oldest first (the options of the from/to selects). */
export function availableMonths(meta: Meta): Month[] {
  return monthRange(meta.firstMonth, meta.lastMonth);
}
