import {
  DRILLDOWN_CSV_COLUMNS,
  drilldownQuerySchema,
  type DrilldownCustomer,
  type DrilldownQuery,
} from '@cxl/shared/contracts/drilldown';
import { csvDocument } from '@cxl/shared/csv';
import type { CustomerRollup } from '@cxl/shared/views/customer-rollups';
import { NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { getCustomerRollups } from '../repositories/rollups';
import { getMetaView } from '../repositories/views';

const major = (minor: number) => minor / 100;

function toCustomer(r: CustomerRollup): DrilldownCustomer {
  return {
    customerId: r.customerId,
    bu: r.bu,
    segment: r.segment,
    revenue12m: major(r.revenue12mMinor),
    mrr: r.mrrMinor === null ? null : major(r.mrrMinor),
    nps: r.segmentNps,
    lastLtr: r.lastLtr,
    lastLtrMonth: r.lastLtrMonth,
    lastCsat: r.lastCsat,
    lastCes: r.lastCes,
    active: r.active,
    churnMonth: r.churnMonth,
  };
}

function matches(r: CustomerRollup, q: DrilldownQuery): boolean {
  if (q.nps && r.segmentNps !== q.nps) return false;
  if (q.segment && (r.segment ?? '').toLowerCase() !== q.segment.toLowerCase()) return false;
  const churnFilter = q.churnFrom !== undefined || q.churnTo !== undefined;
  if ((q.status === 'churned' || churnFilter) && r.active) return false;
  if (q.status === 'active' && !r.active) return false;
  if (q.churnFrom && (r.churnMonth === null || r.churnMonth < q.churnFrom)) return false;
  if (q.churnTo && (r.churnMonth === null || r.churnMonth > q.churnTo)) return false;
  if (q.q && !r.customerId.toLowerCase().includes(q.q.toLowerCase())) return false;
  return true;
}

function sortValue(c: DrilldownCustomer, key: DrilldownQuery['sort']): string | number | null {
  switch (key) {
    case 'revenue12m':
      return c.revenue12m;
    case 'mrr':
      return c.mrr;
    case 'customerId':
      return c.customerId;
    case 'churnMonth':
      return c.churnMonth;
    case 'lastLtr':
      return c.lastLtr;
  }
}

/** Sorted by the key (nulls last either way), ties broken by customer id so pages are stable. */
function sortCustomers(rows: DrilldownCustomer[], key: DrilldownQuery['sort'], dir: 'asc' | 'desc') {
  const sign = dir === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
  });
}

/**
 * GET /api/drilldown: the customers behind a chart element (BU, NPS category, customer segment,
 * active/churned and churn month), with revenue and last scores, from the customer rollups of the
 * current generation; paginated, or every match as CSV (`format=csv`, formula-safe cells).
 */
export const handler = httpRoute('get-drilldown', { query: drilldownQuerySchema }, async ({ query }) => {
  const meta = await getMetaView();
  const businessUnits = meta?.businessUnits.map((b) => b.id) ?? [];
  if (query.bu !== 'ALL' && meta && !businessUnits.includes(query.bu)) {
    throw new NotFoundError(
      `No business unit ${query.bu}; use ALL or one of ${businessUnits.join(', ') || '(none yet)'}.`,
    );
  }
  const units = query.bu === 'ALL' ? businessUnits : [query.bu];
  const rollups = meta?.inputHash
    ? (await Promise.all(units.map((bu) => getCustomerRollups(bu, meta.inputHash as string)))).flat()
    : [];
  const matched = sortCustomers(
    rollups.filter((r) => matches(r, query)).map(toCustomer),
    query.sort,
    query.dir,
  );
  if (query.format === 'csv') {
    const body = csvDocument(
      DRILLDOWN_CSV_COLUMNS,
      matched.map((c) => [
        c.customerId,
        c.bu,
        c.segment,
        c.revenue12m,
        c.mrr,
        c.nps,
        c.lastLtr,
        c.lastLtrMonth,
        c.lastCsat,
        c.lastCes,
        c.active ? 'active' : 'churned',
        c.churnMonth,
      ]),
      { bom: true },
    );
    return {
      body,
      raw: true,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="customers-${query.bu.toLowerCase()}.csv"`,
      },
    };
  }
  const start = (query.page - 1) * query.pageSize;
  return {
    body: {
      bu: query.bu,
      currency: meta?.currency ?? null,
      lastMonth: meta?.lastMonth ?? null,
      dataAsOf: meta?.dataAsOf ?? null,
      definitionVersion: meta?.definitionVersion ?? null,
      inputHash: meta?.inputHash ?? null,
      computedAt: meta?.computedAt ?? null,
      total: matched.length,
      page: query.page,
      pageSize: query.pageSize,
      totalRevenue12m: Math.round(matched.reduce((s, c) => s + c.revenue12m, 0) * 100) / 100,
      customers: matched.slice(start, start + query.pageSize),
    },
  };
});
