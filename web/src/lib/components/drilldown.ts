import type { DrilldownQuery } from '@cxl/shared/contracts/drilldown';

/** The filters of a drill-down, as the chart element that raised it sets them. */
export type DrilldownFilter = Partial<
  Pick<DrilldownQuery, 'bu' | 'nps' | 'segment' | 'status' | 'churnFrom' | 'churnTo'>
>;

/** A drill-down request: a human label of the chart element and its filters. */
export interface DrilldownRequest {
  label: string;
  filter: DrilldownFilter;
}

/** Rows fetched per drill-down (the table pages through them; the CSV export has every match). */
export const DRILLDOWN_FETCH = 500;

/** The query string of a drill-down (undefined values left out). */
export function drilldownQuery(filter: DrilldownFilter, extra: Record<string, string | number> = {}) {
  const q: Record<string, string | number> = {};
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v !== undefined && v !== null) q[k] = v;
  return q;
}
