import { z } from 'zod';
import { targetEntrySchema, targetsRegisterSchema } from '../benchmarks/compare';
import { METRICS } from '../views/metric-views';
import { CHANNELS } from './inputs';

export const benchmarksQuerySchema = z.object({
  metric: z.enum(METRICS).optional().describe('Product metric to compare (omit: every benchmark row)'),
  industry: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Industry filter, a case-insensitive part of the row’s industry (e.g. "B2B", "Retail")'),
  bu: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a business unit id or ALL')
    .transform((s) => s.toUpperCase())
    .optional()
    .describe('Only this business unit (or ALL) in the comparison; ranks still use every BU'),
  period: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'must be YYYY-MM, YYYY-Qn or YYYY')
    .optional()
    .describe('Period label; its form sets the grain (default: the last month of data)'),
  channel: z.enum(CHANNELS).optional().describe('Contact channel (required for frt_median, frt_p90, aht)'),
});

export const benchmarkRowSchema = z.object({
  id: z.string(),
  metric: z.string(),
  value: z.number(),
  unit: z.string(),
  industry: z.string(),
  geography: z.string(),
  period: z.string(),
  year: z.number().int().nullable(),
  source: z.string(),
  sourceId: z.string(),
  sourceUrl: z.string(),
  grade: z.enum(['A', 'B', 'C', 'D']),
  notes: z.string(),
  unverified: z.boolean().describe('Grade C or D: show as unverified (methods §3.2)'),
});

const versusSchema = z.object({
  reference: z.number(),
  gap: z.number(),
  clears: z.enum(['better', 'worse', 'inconclusive']),
  basis: z.enum(['interval', 'value']),
});

export const benchmarkComparisonSchema = z.object({
  metric: z.enum(METRICS),
  unit: z.string(),
  period: z.string(),
  grain: z.string(),
  channel: z.string().nullable(),
  direction: z.enum(['higher', 'lower']),
  benchmark: benchmarkRowSchema
    .extend({
      comparableValue: z.number(),
      comparability: z.enum(['same', 'indicative']),
      caveat: z.string().nullable(),
    })
    .nullable(),
  candidates: z.array(z.record(z.string(), z.unknown())),
  units: z.array(
    z.object({
      bu: z.string(),
      value: z.number().nullable(),
      low: z.number().nullable(),
      high: z.number().nullable(),
      n: z.number(),
      status: z.string(),
      reason: z.string().optional(),
      vsBenchmark: versusSchema.nullable(),
      vsTarget: versusSchema.extend({ target: targetEntrySchema }).nullable(),
      vsPrevious: z
        .object({
          period: z.string(),
          value: z.number(),
          change: z.number(),
          test: z.string().nullable(),
          z: z.number().nullable(),
          p: z.number().nullable(),
          pAdjusted: z.number().nullable(),
          significant: z.boolean().nullable(),
          discovery: z.boolean().nullable(),
        })
        .nullable(),
      rank: z.object({ position: z.number().int(), of: z.number().int() }).nullable(),
    }),
  ),
});

export const benchmarksResponseSchema = z.object({
  rows: z.array(benchmarkRowSchema),
  comparison: benchmarkComparisonSchema.nullable(),
  targetsVersion: z.number().int(),
  computedAt: z.string().nullable(),
  inputHash: z.string().nullable(),
  evidenceClass: z.literal('external-benchmark'),
});

export const targetsResponseSchema = z.object({
  current: targetsRegisterSchema,
  versions: z.array(targetsRegisterSchema.pick({ version: true, updatedBy: true, updatedAt: true })),
});
