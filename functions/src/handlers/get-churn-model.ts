import { NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { stampOf } from '../repositories/analytics-views';
import { modelViewItems } from '../repositories/model-views';

/** GET /api/churn-model: the discrete-time churn hazard model (odds ratios, marginal effects, validation, NPS vs CSAT vs CES). */
export const handler = httpRoute('get-churn-model', {}, async () => {
  const [item] = await modelViewItems('VIEW#churn-model');
  if (!item) throw new NotFoundError('No churn model yet: it is fitted after the first data upload.');
  return { body: { ...(item.result as object), ...stampOf(item) } };
});
