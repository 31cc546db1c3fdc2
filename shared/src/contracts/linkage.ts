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
