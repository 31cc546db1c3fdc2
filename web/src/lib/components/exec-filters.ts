import type { ReadyMeta } from '#lib/api-types.ts';
import { isMonth, type Month } from '@cxl/shared/month';

/**
 * The filters of the executive views, kept in the URL (`?bu&from&to&window`) like the Overview's.
 * The model views are materialized for the trailing 12 months (no from/to) and each full calendar
 * year in the data (from = YYYY-01, to = YYYY-12), so the period is one of those.
 */
export interface ExecFilters {
  bu: string;
  from: Month | null;
  to: Month | null;
  /** Outcome window of the loyalty-segment economics, in months. */
  window: 3 | 6 | 12;
}

export const WINDOWS = [3, 6, 12] as const;

/** The calendar years fully inside the data range (the periods besides the trailing 12 months). */
export function calendarYears(meta: ReadyMeta): string[] {
  const years: string[] = [];
  for (let y = Number(meta.firstMonth.slice(0, 4)); y <= Number(meta.lastMonth.slice(0, 4)); y++) {
    if (`${y}-01` >= meta.firstMonth && `${y}-12` <= meta.lastMonth) years.push(String(y));
  }
  return years;
}

/** Filters from the URL; a missing or invalid one takes its default (all units, trailing 12 months, 12-month window). */
export function readExecFilters(params: { get(name: string): string | null }, meta: ReadyMeta): ExecFilters {
  const bu = params.get('bu');
  const known = bu === 'ALL' || meta.businessUnits.some((b) => b.id === bu);
  const f = params.get('from');
  const t = params.get('to');
  const year = f && isMonth(f) && t === `${f.slice(0, 4)}-12` && f.endsWith('-01') ? f.slice(0, 4) : null;
  const valid = year !== null && calendarYears(meta).includes(year);
  const w = Number(params.get('window'));
  return {
    bu: known && bu ? bu : 'ALL',
    from: valid ? `${year}-01` : null,
    to: valid ? `${year}-12` : null,
    window: (WINDOWS as readonly number[]).includes(w) ? (w as 3 | 6 | 12) : 12,
  };
}

/** The API query of a view: bu, and from/to when a calendar year is chosen. */
export function apiPeriod(f: ExecFilters): { bu: string; from?: string; to?: string } {
  return f.from && f.to ? { bu: f.bu, from: f.from, to: f.to } : { bu: f.bu };
}

/** The URL query string of `f` (what the views and the board pack link with). */
export function execQuery(f: ExecFilters): string {
  const q = new URLSearchParams({ bu: f.bu });
  if (f.from && f.to) {
    q.set('from', f.from);
    q.set('to', f.to);
  }
  if (f.window !== 12) q.set('window', String(f.window));
  return q.toString();
}
