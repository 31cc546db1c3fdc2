import { z } from 'zod';

/** Report subscriptions, runs and approved external recipients (contracts.md, scheduled reports). */

export const REPORT_TYPES = ['executive-summary', 'benchmark', 'bu-scorecard'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const REPORT_FORMATS = ['html', 'pdf', 'both'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const CADENCES = ['week', 'month', 'quarter'] as const;
export type CadenceEvery = (typeof CADENCES)[number];
export const REPORT_LOCALES = ['en', 'zh-CN'] as const;

/** True when `tz` is an IANA time zone this runtime knows (e.g. `Europe/Berlin`, `Asia/Shanghai`). */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .email('must be an email address such as name@example.com');

export const cadenceSchema = z
  .object({
    every: z.enum(CADENCES),
    day: z
      .number()
      .int()
      .min(1)
      .max(31)
      .describe(
        'week: ISO weekday 1 (Monday) … 7 (Sunday); month: day of month 1–31; quarter: day 1–31 of the quarter’s first month. Days past a month’s end fall on its last day.',
      ),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM, e.g. 07:30')
      .describe('Local wall-clock time HH:MM'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/London or Asia/Shanghai')
      .describe('IANA time zone'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.every === 'week' && c.day > 7)
      ctx.addIssue({
        code: 'custom',
        path: ['day'],
        message: 'for a weekly cadence day is the ISO weekday 1 (Monday) … 7 (Sunday)',
      });
  });
export type Cadence = z.infer<typeof cadenceSchema>;

export const reportSubscriptionInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    reportType: z.enum(REPORT_TYPES),
    bu: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a business unit id or ALL')
      .transform((s) => s.toUpperCase()),
    recipients: z
      .array(emailSchema)
      .min(1, 'add at least one recipient')
      .max(50, 'at most 50 recipients per subscription')
      .refine((a) => new Set(a).size === a.length, 'each recipient may appear only once'),
    cadence: cadenceSchema,
    locale: z.enum(REPORT_LOCALES).default('en'),
    format: z.enum(REPORT_FORMATS).default('html'),
    active: z.boolean().default(true),
  })
  .strict();
export type ReportSubscriptionInput = z.infer<typeof reportSubscriptionInputSchema>;

export const reportSubscriptionSchema = reportSubscriptionInputSchema.safeExtend({
  id: z.string(),
  owner: z.string().describe('Who created it; executives see and manage only their own'),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextRunAt: z.string().nullable().describe('Next scheduled send (ISO 8601, UTC); null when paused'),
  unsubscribed: z.array(z.string()).describe('Recipients who used their unsubscribe link'),
  lastRun: z.object({ runId: z.string(), status: z.string(), at: z.string() }).nullable().optional(),
});
export type ReportSubscription = z.infer<typeof reportSubscriptionSchema>;

export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const RUN_STATUSES = ['queued', 'running', 'sent', 'partial', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const deliverySchema = z.object({
  recipient: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  reason: z.string().optional(),
  messageId: z.string().optional(),
  sentAt: z.string().optional(),
  updatedAt: z.string(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const reportRunSchema = z.object({
  runId: z.string(),
  subscriptionId: z.string(),
  subscriptionName: z.string(),
  owner: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  scheduledFor: z.string().nullable(),
  requestedBy: z.string(),
  status: z.enum(RUN_STATUSES),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  subject: z.string().optional(),
  deliveries: z.array(deliverySchema),
});
export type ReportRun = z.infer<typeof reportRunSchema>;

export const reportRunsQuerySchema = z.object({
  subscriptionId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const reportRunsResponseSchema = z.object({ runs: z.array(reportRunSchema) });
export const reportSubscriptionsResponseSchema = z.object({
  subscriptions: z.array(reportSubscriptionSchema),
});

export const approvedRecipientSchema = z.object({
  email: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
  note: z.string().optional(),
});
export const approvedRecipientInputSchema = z
  .object({ email: emailSchema, note: z.string().trim().max(200).optional() })
  .strict();
export const approvedRecipientsResponseSchema = z.object({
  recipients: z.array(approvedRecipientSchema),
  internalDomains: z.array(z.string()).describe('Addresses on these domains need no approval'),
});

export const reportPreviewBodySchema = z
  .object({
    reportType: z.enum(REPORT_TYPES),
    bu: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a business unit id or ALL')
      .transform((s) => s.toUpperCase())
      .default('ALL'),
    locale: z.enum(REPORT_LOCALES).default('en'),
    cadence: z.object({ every: z.enum(CADENCES) }).default({ every: 'month' }),
  })
  .strict();

export const outboxEntrySchema = z.object({
  file: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  date: z.string(),
  size: z.number().int(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
});
export const outboxResponseSchema = z.object({
  enabled: z.boolean().describe('False when mail leaves through SMTP or SES (no local outbox)'),
  messages: z.array(outboxEntrySchema),
});
