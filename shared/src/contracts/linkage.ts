import { z } from 'zod';
import { monthSchema } from './common';

const buParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a business unit id or ALL')
  .transform((s) => s.toUpperCase())
  .default('ALL');

export const linkageQuerySchema = z.object({
  bu: buParam,
  window: z.coerce
    .number()
    .int()
    .refine((w) => [3, 6, 12].includes(w), 'window must be 3, 6 or 12 months')
    .default(12),
  asOf: monthSchema.optional().describe('Only the latest as-of month is materialized; another one is a 422'),
});

export const driversQuerySchema = z.object({
  bu: buParam,
  from: monthSchema.optional(),
  to: monthSchema.optional(),
});

/** Materialized analytics carry their stamp so a figure can be reproduced. */
export const analyticsStampSchema = z.object({
  definitionVersion: z.string(),
  inputHash: z.string(),
  assumptionsVersion: z.number().int(),
  computedAt: z.string(),
  resamples: z.number().int(),
  seed: z.number().int(),
});

export const buOnlyQuerySchema = z.object({ bu: buParam, asOf: monthSchema.optional() });
export const copeQuerySchema = z.object({
  bu: buParam,
  from: monthSchema.optional(),
  to: monthSchema.optional(),
});

/** Allowed lever ranges of `POST /what-if` (a value outside is a 400 naming the field and range). */
export const WHAT_IF_LEVER_RANGES = {
  frtChangePct: { min: -90, max: 200, unit: '% change in first response time (−40 = 40 % faster)' },
  detractorToPassivePct: { min: 0, max: 100, unit: '% of current detractors who become passives' },
  fcrChangePts: { min: -30, max: 30, unit: 'percentage points of first-contact resolution' },
} as const;

const lever = (name: keyof typeof WHAT_IF_LEVER_RANGES) => {
  const r = WHAT_IF_LEVER_RANGES[name];
  const msg = `${name} must be a number from ${r.min} to ${r.max} (${r.unit})`;
  return z
    .number({ error: msg })
    .finite(msg)
    .min(r.min, msg)
    .max(r.max, msg)
    .optional()
    .describe(`${r.unit}; allowed ${r.min} … ${r.max}; omitted = 0`);
};

export const whatIfBodySchema = z.object({
  bu: buParam.describe('Business unit id, or ALL (default)'),
  levers: z
    .object({
      frtChangePct: lever('frtChangePct'),
      detractorToPassivePct: lever('detractorToPassivePct'),
      fcrChangePts: lever('fcrChangePts'),
    })
    .strict(),
});
export type WhatIfBody = z.infer<typeof whatIfBodySchema>;

/** A projected change: point estimate and the P10–P90 range (with P50) from coefficient draws. */
const rangeSchema = z.object({ point: z.number(), p10: z.number(), p50: z.number(), p90: z.number() });

export const whatIfResponseSchema = z.object({
  status: z.enum(['ok', 'insufficient-data']),
  reason: z.string().nullable().describe('Why there is no projection (status insufficient-data)'),
  bu: z.string(),
  levers: z.object({
    frtChangePct: z.number(),
    detractorToPassivePct: z.number(),
    fcrChangePts: z.number(),
  }),
  currency: z.string().describe('Reporting currency of the money figures (ISO 4217)'),
  customers: z.number().int().describe('Active customers the projection covers (n)'),
  baseline: z.object({
    expectedChurners12: z.number().describe('Expected churners over the next 12 months without changes'),
    churnRatePct: z.number().describe('Projected 12-month churn rate without changes, %'),
  }),
  churnersChange: rangeSchema.describe('Change in expected churners over 12 months (negative = fewer)'),
  churnRateChangePts: rangeSchema.describe('Change in the 12-month churn rate, percentage points'),
  revenue12Change: rangeSchema.describe(
    'Change in expected revenue over 12 months (positive = revenue kept)',
  ),
  copeChange: rangeSchema.describe(
    'Change in cost of poor experience over 12 months (negative = lower cost), reporting currency',
  ),
  relationships: z.array(z.string()).describe('The fitted relationships used, and any lever clamping'),
  evidenceClass: z.literal('model-based'),
  definitionVersion: z.string(),
  inputHash: z.string(),
  assumptionsVersion: z.number().int(),
  computedAt: z.string().describe('When the analytics behind the projection were materialized'),
  draws: z.number().int().describe('Coefficient draws behind P10–P90'),
  seed: z.number().int(),
});
export type WhatIfResponse = z.infer<typeof whatIfResponseSchema>;
