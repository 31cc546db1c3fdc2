import { buOnlyQuerySchema } from '@cxl/shared/contracts/linkage';
import { NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { stampOf } from '../repositories/analytics-views';
import { modelViewItems } from '../repositories/model-views';

/** GET /api/revenue-at-risk?bu: 12-month revenue at risk, total and CX-attributable (P10/P50/P90), top accounts. */
export const handler = httpRoute('get-revenue-at-risk', { query: buOnlyQuerySchema }, async ({ query }) => {
  const [item] = await modelViewItems(`VIEW#revenue-at-risk#${query.bu}`);
  if (!item) throw new NotFoundError(`No revenue-at-risk figures for ${query.bu}; check the business unit.`);
  return { body: { ...(item.result as object), ...stampOf(item), draws: item.draws } };
});
