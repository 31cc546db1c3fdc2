import { touchpointInputSchema } from '@cxl/shared/contracts/registers';
import { httpRoute } from '../lib/http';
import { putTouchpoint } from '../repositories/registers';

/** PUT /api/touchpoints/{id}: edits a touchpoint (404 when unknown). */
export const handler = httpRoute(
  'put-touchpoint',
  { body: touchpointInputSchema },
  async ({ body, params }) => ({
    body: await putTouchpoint({ ...body, touchpointId: params.id ?? '' }, true),
  }),
);
