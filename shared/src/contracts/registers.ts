import { z } from 'zod';
import { assumptionsSchema } from '../linkage/assumptions';
import { touchpointSchema } from '../linkage/touchpoints';
import { monthSchema } from './common';

/** Registers owned by users: assumptions (finance), initiatives and touchpoints (CX managers). */

export const assumptionsInputSchema = assumptionsSchema
  .omit({ version: true, updatedBy: true, updatedAt: true })
  .extend({
    expectedVersion: z.number().int().min(0).describe('The version you edited; a newer one is a conflict'),
  })
  .strict();
export const assumptionsResponseSchema = z.object({
  current: assumptionsSchema,
  versions: z.array(assumptionsSchema.pick({ version: true, updatedBy: true, updatedAt: true })),
});

export const initiativeInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    bu: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .transform((s) => s.toUpperCase()),
    goLiveMonth: monthSchema,
    costOneOff: z
      .number()
      .min(0)
      .max(1e12, 'must be at most 1,000,000,000,000')
      .finite()
      .describe('Reporting currency'),
    costMonthly: z
      .number()
      .min(0)
      .max(1e12, 'must be at most 1,000,000,000,000')
      .finite()
      .describe('Reporting currency per month'),
    touchpointId: z.string().trim().min(1).max(64).optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .strict();
export const initiativeSchema = initiativeInputSchema.extend({
  id: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Initiative = z.infer<typeof initiativeSchema>;
export const initiativesResponseSchema = z.object({ initiatives: z.array(initiativeSchema) });

export const touchpointInputSchema = touchpointSchema.omit({ touchpointId: true }).strict();
export const touchpointsResponseSchema = z.object({ touchpoints: z.array(touchpointSchema) });
