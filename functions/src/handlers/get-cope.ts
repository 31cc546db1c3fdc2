import { copeQuerySchema } from '@cxl/shared/contracts/linkage';
import { DomainError, NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { stampOf } from '../repositories/analytics-views';
import { modelViewItems } from '../repositories/model-views';

interface CopeView {
  bu: string;
  period: { label: string; from: string; to: string };
}

/**
 * GET /api/cope?bu&from&to: cost of poor experience by component with P10–P90, for the trailing
 * 12 months (default) or a calendar year. `ALL` is the sum of the business units: components add up
 * and its P10–P90 comes from the summed draws (not from adding the units' quantiles).
 */
export const handler = httpRoute('get-cope', { query: copeQuerySchema }, async ({ query }) => {
  const items = await modelViewItems(`VIEW#cope#${query.bu}`);
  if (items.length === 0) throw new NotFoundError(`No cost-of-poor-experience figures for ${query.bu}.`);
  const views = items.map((i) => i as unknown as { result: CopeView } & Record<string, unknown>);
  const v =
    !query.from && !query.to
      ? views.find((x) => x.result.period.label === 'trailing-12')
      : views.find(
          (x) =>
            (!query.from || x.result.period.from === query.from) &&
            (!query.to || x.result.period.to === query.to),
        );
  if (!v) {
    const periods = views.map((x) => `${x.result.period.from}…${x.result.period.to}`);
    throw new DomainError(
      'unprocessable',
      `CoPE is computed for ${periods.join(', ')}; choose one of these periods.`,
    );
  }
  return { body: { ...v.result, ...stampOf(v as never), draws: v.draws } };
});
