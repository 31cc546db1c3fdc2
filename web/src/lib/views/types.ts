/** Response shapes of the register and analysis endpoints used by the executive views. */
import type { z } from 'zod';
import type {
  assumptionsInputSchema,
  assumptionsResponseSchema,
  initiativeInputSchema,
  initiativeSchema,
} from '@cxl/shared/contracts/registers';
import type { InitiativeImpact } from '@cxl/shared/linkage/did';
import type { Touchpoint, TouchpointMatrix } from '@cxl/shared/linkage/touchpoints';

export type { Touchpoint, TouchpointMatrix, InitiativeImpact };
export type Initiative = z.infer<typeof initiativeSchema>;
export type InitiativeInput = z.input<typeof initiativeInputSchema>;
export type AssumptionsResponse = z.infer<typeof assumptionsResponseSchema>;
export type Assumptions = AssumptionsResponse['current'];
export type AssumptionsInput = z.input<typeof assumptionsInputSchema>;

/** `GET /api/initiatives/{id}/impact`: the impact with the initiative and the computation stamp. */
export type ImpactResponse = Omit<InitiativeImpact, 'initiative'> & {
  initiative: Initiative;
  computedAt?: string;
  definitionVersion?: string;
};

/** Bootstrap replicates behind an impact (those that succeeded). */
export function replicatesOf(impact: ImpactResponse): number {
  const b = impact.bootstrap as unknown;
  if (typeof b === 'number') return b;
  return (b as { replicates?: number } | undefined)?.replicates ?? 0;
}
