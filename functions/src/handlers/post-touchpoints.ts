import { randomUUID } from 'node:crypto';
import { touchpointInputSchema } from '@cxl/shared/contracts/registers';
import { httpRoute } from '../lib/http';
import { putTouchpoint } from '../repositories/registers';

/** POST /api/touchpoints: adds a touchpoint to the inventory. */
export const handler = httpRoute('post-touchpoints', { body: touchpointInputSchema }, async ({ body }) => ({
  status: 201,
  body: await putTouchpoint({ ...body, touchpointId: `tp-${randomUUID().slice(0, 8)}` }, false),
}));
