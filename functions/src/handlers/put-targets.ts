import { targetsInputSchema } from '@cxl/shared/benchmarks/compare';
import { httpRoute } from '../lib/http';
import { saveTargets } from '../repositories/targets';

/** PUT /api/targets: a CX manager or admin saves a new version (409 when someone saved in between). */
export const handler = httpRoute('put-targets', { body: targetsInputSchema }, async ({ body, user }) => ({
  body: await saveTargets(body.targets, body.expectedVersion, user?.email ?? 'unknown'),
}));
