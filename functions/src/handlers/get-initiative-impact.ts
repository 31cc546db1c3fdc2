import { NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { stampOf } from '../repositories/analytics-views';
import { modelViewItems } from '../repositories/model-views';
import { getInitiative } from '../repositories/registers';

/**
 * GET /api/initiatives/{id}/impact: difference-in-differences against the other business units
 * (Poisson TWFE on churn, event study and placebo, linear TWFE on FRT/FCR/T2B), saved churners and
 * margin, ROI with P10/P50/P90, P(ROI > 0), payback and the evidence class.
 */
export const handler = httpRoute('get-initiative-impact', {}, async ({ params }) => {
  const initiative = await getInitiative(params.id ?? '');
  const [item] = await modelViewItems(`VIEW#impact#${initiative.id}`);
  if (!item)
    throw new NotFoundError(
      'The impact of this initiative has not been computed yet; it is after the next recompute.',
    );
  const result = item.result as { bootstrap?: object };
  // The result's bootstrap ({replicates, failed, seed}) stays; the replicates asked for are added to it.
  return {
    body: {
      initiative,
      ...result,
      ...stampOf(item),
      bootstrap: { ...result.bootstrap, requested: item.bootstrap },
    },
  };
});
