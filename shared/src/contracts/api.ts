import { z } from 'zod';
import { ROLES } from '../auth';
import { monthSchema } from './common';
import { GRAINS, METRICS, type MetricId } from '../views/metric-views';
import { CHANNELS } from './inputs';
import {
  buOnlyQuerySchema,
  copeQuerySchema,
  driversQuerySchema,
  linkageQuerySchema,
  whatIfBodySchema,
  whatIfResponseSchema,
} from './linkage';
import { touchpointSchema } from '../linkage/touchpoints';
import { targetsInputSchema, targetsRegisterSchema } from '../benchmarks/compare';
import { benchmarksQuerySchema, benchmarksResponseSchema, targetsResponseSchema } from './benchmarks';
import { assumptionsSchema } from '../linkage/assumptions';
import {
  assumptionsInputSchema,
  assumptionsResponseSchema,
  initiativeInputSchema,
  initiativeSchema,
  initiativesResponseSchema,
  touchpointInputSchema,
  touchpointsResponseSchema,
} from './registers';
import {
  createUploadBodySchema,
  createUploadResponseSchema,
  ingestBatchBodySchema,
  ingestBatchResponseSchema,
  listUploadsQuerySchema,
  listUploadsResponseSchema,
  periodLockSchema,
  periodsResponseSchema,
  restoreResponseSchema,
  uploadErrorsQuerySchema,
  uploadErrorsResponseSchema,
  uploadSchema,
} from './uploads';
import {
  approvedRecipientInputSchema,
  approvedRecipientSchema,
  approvedRecipientsResponseSchema,
  outboxResponseSchema,
  reportPreviewBodySchema,
  reportRunsQuerySchema,
  reportRunsResponseSchema,
  reportSubscriptionInputSchema,
  reportSubscriptionSchema,
  reportSubscriptionsResponseSchema,
} from './reports';
import { drilldownQuerySchema, drilldownResponseSchema } from './drilldown';

/** Request and response schemas of the HTTP API (contracts.md); the OpenAPI document is built from these. */

export { monthSchema };

export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Machine-readable error code, e.g. validation_failed, forbidden'),
      message: z.string().describe('What went wrong and what to do'),
      details: z.unknown().optional(),
    }),
  })
  .describe('Error envelope');

export const loginBodySchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});
export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string().describe('ISO 8601'),
  user: z.object({ email: z.string(), roles: z.array(z.enum(ROLES)) }),
});
export const meResponseSchema = z.object({ email: z.string(), roles: z.array(z.enum(ROLES)) });

export const metaResponseSchema = z.object({
  businessUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  firstMonth: z.string().nullable(),
  lastMonth: z.string().nullable(),
  currency: z.string().nullable().describe('Reporting currency (ISO 4217)'),
  dataAsOf: z.string().nullable().describe('Newest event in the data (ISO 8601)'),
  definitionVersion: z.string().nullable(),
  inputHash: z.string().nullable(),
  computedAt: z.string().nullable().optional(),
});

export const metricsQuerySchema = z.object({
  bu: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a business unit id or ALL')
    .transform((s) => s.toUpperCase())
    .default('ALL')
    .describe('Business unit id or ALL'),
  from: monthSchema.optional().describe('First month (inclusive)'),
  to: monthSchema.optional().describe('Last month (inclusive)'),
  grain: z.enum(GRAINS).default('month'),
  metric: z
    .string()
    .optional()
    .describe(`Comma-separated list of: ${METRICS.join(', ')} (default: all)`)
    .transform((s, ctx): MetricId[] => {
      if (s === undefined || s.trim() === '') return [...METRICS];
      const list = s.split(',').map((x) => x.trim().toLowerCase());
      const bad = list.filter((x) => !(METRICS as readonly string[]).includes(x));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown metric(s): ${bad.join(', ')}; known: ${METRICS.join(', ')}`,
        });
        return z.NEVER;
      }
      return list as MetricId[];
    }),
  channel: z
    .enum(CHANNELS)
    .optional()
    .describe('Only this contact channel for per-channel metrics (FRT, AHT)'),
});

export const metricPointSchema = z.object({
  period: z.string().describe('2024-03 (month), 2024-Q1 (quarter) or 2024 (year)'),
  value: z.number().nullable(),
  low: z.number().nullable().describe('Lower bound of the 95% interval'),
  high: z.number().nullable().describe('Upper bound of the 95% interval'),
  n: z.number().int().describe('Sample size behind the value'),
  status: z.enum(['ok', 'no-data', 'suppressed', 'incomplete', 'provisional']),
  reason: z.string().optional(),
  badge: z.literal('low-precision').optional(),
});
export const metricsResponseSchema = z.object({
  currency: z.string().nullable(),
  definitionVersion: z.string().nullable(),
  computedAt: z.string().nullable(),
  inputHash: z.string().nullable(),
  series: z.array(
    z.object({
      metric: z.enum(METRICS),
      bu: z.string(),
      channel: z.enum(CHANNELS).optional(),
      unit: z.enum(['points', 'percent', 'score', 'seconds', 'currency', 'count']),
      points: z.array(metricPointSchema),
    }),
  ),
});
export type MetricsResponse = z.infer<typeof metricsResponseSchema>;

export const recomputeStatusSchema = z.object({
  status: z.enum(['idle', 'running', 'failed']),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  durationMs: z.number().optional(),
  inputHash: z.string().optional(),
  error: z.string().optional(),
  upToDate: z.boolean(),
  currentInputHash: z.string(),
});

/** Schemas of each route by handler name (see functions/src/routes.ts). */
export const API_SCHEMAS: Record<
  string,
  { summary: string; query?: z.ZodType; body?: z.ZodType; response: z.ZodType; status?: number }
> = {
  'get-health': { summary: 'Liveness check', response: z.object({ status: z.literal('ok') }) },
  'post-auth-login': {
    summary: 'Sign in (local identity only)',
    body: loginBodySchema,
    response: loginResponseSchema,
  },
  'get-me': { summary: 'The signed-in user and roles', response: meResponseSchema },
  'get-meta': { summary: 'Business units, data range, currency and data date', response: metaResponseSchema },
  'get-metrics': {
    summary: 'Core metric series per BU and period, each point with interval, n and status',
    query: metricsQuerySchema,
    response: metricsResponseSchema,
  },
  'post-recompute': {
    summary: 'Start materialization now',
    response: z.object({ accepted: z.boolean() }),
    status: 202,
  },
  'get-recompute-status': { summary: 'State of materialization', response: recomputeStatusSchema },
  'get-openapi': { summary: 'This OpenAPI document', response: z.record(z.string(), z.unknown()) },
  'post-uploads': {
    summary: 'Register an upload and get the presigned POST for its file',
    body: createUploadBodySchema,
    response: createUploadResponseSchema,
    status: 201,
  },
  'get-uploads': {
    summary: 'Upload versions, newest first',
    query: listUploadsQuerySchema,
    response: listUploadsResponseSchema,
  },
  'get-upload': {
    summary: 'Status, counts, first row errors, scope and supersedes of an upload',
    response: uploadSchema,
  },
  'get-upload-errors': {
    summary: 'All row errors of an upload, paginated, or as a CSV report (format=csv)',
    query: uploadErrorsQuerySchema,
    response: uploadErrorsResponseSchema,
  },
  'post-upload-restore': {
    summary: 'Make an earlier upload current again for its scope',
    response: restoreResponseSchema,
  },
  'get-template': { summary: 'CSV template of an input kind', response: z.string() },
  'get-periods': { summary: 'Locked months', response: periodsResponseSchema },
  'post-period-lock': { summary: 'Lock a month against uploads', response: periodLockSchema },
  'delete-period-lock': {
    summary: 'Unlock a month',
    response: z.object({ month: z.string(), locked: z.literal(false) }),
  },
  'get-linkage': {
    summary:
      'Loyalty-segment economics: churn, NRR, GRR, ARPU growth, CLV per segment; value gap and churn ratio',
    query: linkageQuerySchema,
    response: z.record(z.string(), z.unknown()),
  },
  'get-drivers': {
    summary:
      'Key drivers of satisfaction: correlations with Fisher CIs (BH), LMG shares with bootstrap CIs, quadrants',
    query: driversQuerySchema,
    response: z.record(z.string(), z.unknown()),
  },
  'get-revenue-at-risk': {
    summary:
      'Revenue at risk over 12 months, total and CX-attributable (P10/P50/P90), with the counterfactual and top accounts',
    query: buOnlyQuerySchema,
    response: z.record(z.string(), z.unknown()),
  },
  'get-cope': {
    summary:
      'Cost of poor experience by component (churn, contraction, failure demand, compensation) with P10–P90',
    query: copeQuerySchema,
    response: z.record(z.string(), z.unknown()),
  },
  'get-drilldown': {
    summary:
      'Customers behind a chart element (BU, NPS category, segment, churn month) with revenue and last scores; paginated, or CSV (format=csv)',
    query: drilldownQuerySchema,
    response: drilldownResponseSchema,
  },
  'get-churn-model': {
    summary: 'Churn hazard model: odds ratios, marginal effects, temporal validation, NPS vs CSAT vs CES',
    response: z.record(z.string(), z.unknown()),
  },
  'get-initiative-impact': {
    summary: 'Measured impact and ROI of an initiative (DiD with event study and placebo; evidence class)',
    response: z.record(z.string(), z.unknown()),
  },
  'post-what-if': {
    summary:
      'What-if levers (FRT, detractors → passives, FCR) projected through the fitted churn model: 12-month churn, revenue and CoPE changes with P10–P90; 409 while the analytics are computed',
    body: whatIfBodySchema,
    response: whatIfResponseSchema,
  },
  'get-assumptions': {
    summary: 'The assumptions register and its versions',
    response: assumptionsResponseSchema,
  },
  'put-assumptions': {
    summary: 'Save a new assumptions version (finance); 409 when another version was saved meanwhile',
    body: assumptionsInputSchema,
    response: assumptionsSchema,
  },
  'get-benchmarks': {
    summary:
      'Industry benchmark rows (source, year, grade) and each BU’s value for a period vs benchmark, target, previous period and the other BUs',
    query: benchmarksQuerySchema,
    response: benchmarksResponseSchema,
  },
  'get-targets': { summary: 'The targets register and its versions', response: targetsResponseSchema },
  'put-targets': {
    summary: 'Save a new targets version (CX manager, admin); 409 when another version was saved meanwhile',
    body: targetsInputSchema,
    response: targetsRegisterSchema,
  },
  'get-initiatives': { summary: 'CX initiatives', response: initiativesResponseSchema },
  'post-initiatives': {
    summary: 'Register a CX initiative',
    body: initiativeInputSchema,
    response: initiativeSchema,
    status: 201,
  },
  'put-initiative': {
    summary: 'Edit a CX initiative',
    body: initiativeInputSchema,
    response: initiativeSchema,
  },
  'delete-initiative': {
    summary: 'Delete a CX initiative',
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
  },
  'get-touchpoints': { summary: 'Touchpoint inventory', response: touchpointsResponseSchema },
  'get-touchpoints-matrix': {
    summary: 'Operational × CX efficiency matrix (bubble = impact) and the ranked action list',
    response: z.record(z.string(), z.unknown()),
  },
  'post-touchpoints': {
    summary: 'Add a touchpoint',
    body: touchpointInputSchema,
    response: touchpointSchema,
    status: 201,
  },
  'put-touchpoint': { summary: 'Edit a touchpoint', body: touchpointInputSchema, response: touchpointSchema },
  'delete-touchpoint': {
    summary: 'Delete a touchpoint',
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
  },
  'post-ingest': {
    summary: 'Ingest up to 1,000 survey or contact records (Idempotency-Key header required)',
    body: ingestBatchBodySchema,
    response: ingestBatchResponseSchema,
    status: 201,
  },
  'get-report-subscriptions': {
    summary: 'Report subscriptions (all for admins and CX managers; executives see their own)',
    response: reportSubscriptionsResponseSchema,
  },
  'post-report-subscriptions': {
    summary: 'Create a report subscription and arm its schedule',
    body: reportSubscriptionInputSchema,
    response: reportSubscriptionSchema,
    status: 201,
  },
  'put-report-subscription': {
    summary: 'Replace a report subscription’s settings and re-arm its schedule',
    body: reportSubscriptionInputSchema,
    response: reportSubscriptionSchema,
  },
  'delete-report-subscription': {
    summary: 'Delete a report subscription and its schedule (the delivery log stays)',
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
  },
  'post-report-subscription-send-now': {
    summary: 'Send a subscription’s report now; the run appears in GET /api/report-runs',
    response: z.object({ runId: z.string() }),
    status: 202,
  },
  'get-report-subscription-preview': {
    summary: 'The subscription’s report as it would be sent now (HTML, images inline)',
    response: z.string(),
  },
  'post-report-preview': {
    summary: 'A report for unsaved settings (HTML, images inline)',
    body: reportPreviewBodySchema,
    response: z.string(),
  },
  'get-report-runs': {
    summary: 'Delivery log, newest first: run status and a status per recipient (queued/sent/failed/skipped)',
    query: reportRunsQuerySchema,
    response: reportRunsResponseSchema,
  },
  'get-report-recipients': {
    summary: 'Approved external report recipients and the internal domains',
    response: approvedRecipientsResponseSchema,
  },
  'post-report-recipients': {
    summary: 'Approve an external report recipient (admin)',
    body: approvedRecipientInputSchema,
    response: approvedRecipientSchema,
    status: 201,
  },
  'delete-report-recipient': {
    summary: 'Withdraw an external recipient’s approval (admin)',
    response: z.object({ email: z.string(), deleted: z.literal(true) }),
  },
  'get-report-unsubscribe': {
    summary: 'Unsubscribe confirmation page of a signed link (public, changes nothing)',
    query: z.object({ token: z.string() }),
    response: z.string(),
  },
  'post-report-unsubscribe': {
    summary: 'Unsubscribe the signed link’s recipient (public, idempotent, RFC 8058 one-click)',
    query: z.object({ token: z.string() }),
    response: z.string(),
  },
  'get-report-outbox': {
    summary: 'Local host: emails written to the outbox instead of being sent',
    response: outboxResponseSchema,
  },
  'get-report-outbox-message': {
    summary: 'Local host: one outbox email as HTML with its images inline',
    response: z.string(),
  },
};
