import { copeQuerySchema } from '@cxl/shared/contracts/linkage';
import { DomainError, NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { currentViewItems, stampOf } from '../repositories/analytics-views';
import { modelViewItems } from '../repositories/model-views';
import { getMetaView } from '../repositories/views';

interface CopeView {
  bu: string;
  period: { label: string; from: string; to: string };
}

/**
 * GET /api/cope?bu&from&to: cost of poor experience by component with P10–P90, for the trailing
 * 12 months (default) or a calendar year. Ranges are per business unit and are not additive, so `ALL`
 * lists each unit's result rather than adding intervals.
 */
export const handler = httpRoute('get-cope', { query: copeQuerySchema }, async ({ query }) => {
  const pick = (items: Record<string, unknown>[]) => {
    const views = items.map((i) => i as unknown as { result: CopeView } & Record<string, unknown>);
    if (!query.from && !query.to) return views.find((v) => v.result.period.label === 'trailing-12');
    return views.find(
      (v) =>
        (!query.from || v.result.period.from === query.from) &&
        (!query.to || v.result.period.to === query.to),
    );
  };
  if (query.bu !== 'ALL') {
    const items = await modelViewItems(`VIEW#cope#${query.bu}`);
    if (items.length === 0) throw new NotFoundError(`No cost-of-poor-experience figures for ${query.bu}.`);
    const v = pick(items);
    if (!v) {
      const periods = items.map((i) => (i.result as CopeView).period).map((p) => `${p.from}…${p.to}`);
      throw new DomainError(
        'unprocessable',
        `CoPE is computed for ${periods.join(', ')}; choose one of these periods.`,
      );
    }
    return { body: { ...v.result, ...stampOf(v as never), draws: v.draws } };
  }
  const meta = await getMetaView();
  const byBu = [];
  for (const b of meta?.businessUnits ?? []) {
    const items = await modelViewItems(`VIEW#cope#${b.id}`);
    const v = pick(items);
    if (v) byBu.push(v.result);
  }
  const { items: any } = await currentViewItems(`VIEW#cope#${meta?.businessUnits[0]?.id ?? ''}`);
  return {
    body: {
      bu: 'ALL',
      note: 'Ranges are per business unit; P10/P90 of different units do not add up, so no combined interval is shown.',
      byBu,
      ...(any[0] ? stampOf(any[0]) : {}),
    },
  };
});
