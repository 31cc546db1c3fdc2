import { httpRoute } from '../lib/http';
import { listPeriodLocks } from '../repositories/periods';

/** GET /api/periods: months locked by finance. */
export const handler = httpRoute('get-periods', {}, async () => ({
  body: { locks: await listPeriodLocks() },
}));
