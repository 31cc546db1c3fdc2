import { httpRoute } from '../lib/http';
import { listTouchpoints } from '../repositories/registers';

/** GET /api/touchpoints: the touchpoint inventory. */
export const handler = httpRoute('get-touchpoints', {}, async () => ({
  body: { touchpoints: await listTouchpoints() },
}));
