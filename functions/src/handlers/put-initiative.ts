import { initiativeInputSchema } from '@cxl/shared/contracts/registers';
import { httpRoute } from '../lib/http';
import { requestRecompute } from '../recompute/trigger';
import { getInitiative, putInitiative } from '../repositories/registers';

/** PUT /api/initiatives/{id}: edits an initiative (404 when unknown). */
export const handler = httpRoute(
  'put-initiative',
  { body: initiativeInputSchema },
  async ({ body, params, user }) => {
    await getInitiative(params.id ?? ''); // 404 for an unknown id: PUT edits, it does not create
    const updated = await putInitiative(body, user?.email ?? 'unknown', params.id ?? '');
    await requestRecompute({ force: true });
    return { body: updated };
  },
);
