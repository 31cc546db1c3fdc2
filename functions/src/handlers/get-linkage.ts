import { linkageQuerySchema } from '@cxl/shared/contracts/linkage';
import { DomainError, NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { currentViewItems, stampOf } from '../repositories/analytics-views';

/**
 * GET /api/linkage?bu&window&asOf: churn, NRR, GRR, ARPU growth and CLV by loyalty segment, the
 * promoter–detractor value gap (P10/P50/P90) and churn ratio (95 % CI), from the materialized view.
 */
export const handler = httpRoute('get-linkage', { query: linkageQuerySchema }, async ({ query }) => {
  const { items } = await currentViewItems(`VIEW#linkage#${query.bu}`);
  const item = items.find((i) => i.sk === `W#${String(query.window).padStart(2, '0')}`);
  if (!item)
    throw new NotFoundError(
      `No linkage analysis for ${query.bu}: check the business unit, or wait for the first recompute.`,
    );
  const result = item.result as { asOf: string | null };
  if (query.asOf && query.asOf !== result.asOf) {
    throw new DomainError(
      'unprocessable',
      `Only the latest as-of month (${result.asOf ?? 'none'}) is materialized; omit asOf or use it.`,
    );
  }
  return { body: { ...result, evidenceClass: 'model-based', ...stampOf(item) } };
});
