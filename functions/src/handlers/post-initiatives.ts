import { initiativeInputSchema } from '@cxl/shared/contracts/registers';
import { httpRoute } from '../lib/http';
import { requestRecompute } from '../recompute/trigger';
import { putInitiative } from '../repositories/registers';

/** POST /api/initiatives: registers a CX initiative (cost, BU, go-live month). */
export const handler = httpRoute(
  'post-initiatives',
  { body: initiativeInputSchema },
  async ({ body, user }) => {
    const created = await putInitiative(body, user?.email ?? 'unknown');
    await requestRecompute({ force: true });
    return { status: 201, body: created };
  },
);
