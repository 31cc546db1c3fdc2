import { z } from 'zod';
import { monthSchema } from './common';

/** NPS categories of the customer rollups (latest relationship response in the last 12 months). */
export const NPS_SEGMENTS = ['promoter', 'passive', 'detractor', 'not-surveyed'] as const;

export const DRILLDOWN_SORTS = ['revenue12m', 'mrr', 'customerId', 'churnMonth', 'lastLtr'] as const;

/**
 * `GET /api/drilldown`: the customers behind a chart element, from the customer rollups of the
 * current generation. Every filter is optional; `churnFrom`/`churnTo` imply `status=churned`.
 */
export const drilldownQuerySchema = z
  .object({
    bu: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a business unit id or ALL')
      .transform((s) => s.toUpperCase())
      .default('ALL'),
    nps: z.enum(NPS_SEGMENTS).optional().describe('Latest NPS category (not-surveyed: none in 12 months)'),
    segment: z.string().max(64).optional().describe('Customer segment as uploaded (exact, case-insensitive)'),
    status: z.enum(['active', 'churned']).optional(),
    churnFrom: monthSchema.optional().describe('Churned in or after this month (YYYY-MM)'),
    churnTo: monthSchema.optional().describe('Churned in or before this month (YYYY-MM)'),
    q: z.string().max(64).optional().describe('Part of the customer id'),
    sort: z.enum(DRILLDOWN_SORTS).default('revenue12m'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.churnFrom || !q.churnTo || q.churnFrom <= q.churnTo, {
    message: 'churnFrom must not be after churnTo',
    path: ['churnFrom'],
  })
  .refine((q) => q.status !== 'active' || (!q.churnFrom && !q.churnTo), {
    message: 'status=active cannot be combined with churnFrom/churnTo (active customers have not churned)',
    path: ['status'],
  });
export type DrilldownQuery = z.infer<typeof drilldownQuerySchema>;

export const drilldownCustomerSchema = z.object({
  customerId: z.string(),
  bu: z.string(),
  segment: z.string().nullable(),
  /** Revenue over the last 12 months of data, reporting currency (major units). */
  revenue12m: z.number(),
  /** Revenue of the last month with finance data (null: none). */
  mrr: z.number().nullable(),
  nps: z.enum(NPS_SEGMENTS),
  lastLtr: z.number().nullable(),
  lastLtrMonth: z.string().nullable(),
  lastCsat: z.number().nullable(),
  lastCes: z.number().nullable(),
  active: z.boolean(),
  churnMonth: z.string().nullable(),
});
export type DrilldownCustomer = z.infer<typeof drilldownCustomerSchema>;

export const drilldownResponseSchema = z.object({
  bu: z.string(),
  currency: z.string().nullable(),
  lastMonth: z.string().nullable(),
  dataAsOf: z.string().nullable(),
  definitionVersion: z.string().nullable(),
  inputHash: z.string().nullable(),
  computedAt: z.string().nullable(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Sum of revenue12m over every matching customer (not just this page). */
  totalRevenue12m: z.number(),
  customers: z.array(drilldownCustomerSchema),
});
export type DrilldownResponse = z.infer<typeof drilldownResponseSchema>;

/** Column headers of the CSV export (English ids; the web table writes its own translated CSV). */
export const DRILLDOWN_CSV_COLUMNS = [
  'customer_id',
  'bu',
  'segment',
  'revenue_12m',
  'last_month_revenue',
  'nps_category',
  'last_ltr',
  'last_ltr_month',
  'last_csat',
  'last_ces',
  'status',
  'churn_month',
] as const;
