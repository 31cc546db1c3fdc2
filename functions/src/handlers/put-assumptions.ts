import { assumptionsInputSchema } from '@cxl/shared/contracts/registers';
import { httpRoute } from '../lib/http';
import { requestRecompute } from '../recompute/trigger';
import { saveAssumptions } from '../repositories/registers';

/** PUT /api/assumptions: finance saves a new version (409 when someone saved in between). */
export const handler = httpRoute(
  'put-assumptions',
  { body: assumptionsInputSchema },
  async ({ body, user }) => {
    const { expectedVersion, ...input } = body;
    const saved = await saveAssumptions(input, expectedVersion, user?.email ?? 'unknown');
    await requestRecompute({ force: true });
    return { body: saved };
  },
);
