import { touchpointMatrix } from '@cxl/shared/linkage/touchpoints';
import { httpRoute } from '../lib/http';
import { listTouchpoints } from '../repositories/registers';

/** GET /api/touchpoints/matrix: the 2×2 (operational × CX efficiency, bubble = impact) and the action list. */
export const handler = httpRoute('get-touchpoints-matrix', {}, async () => ({
  body: touchpointMatrix(await listTouchpoints()),
}));
