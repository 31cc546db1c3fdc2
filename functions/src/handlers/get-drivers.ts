import { driversQuerySchema } from '@cxl/shared/contracts/linkage';
import { DomainError, NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { currentViewItems, stampOf } from '../repositories/analytics-views';

/** Default: the latest end month, and the longest range ending there (the trailing 12 months). */
function latestFirst<T extends Record<string, unknown>>(items: T[]): T[] {
  return [...items].sort((a, b) =>
    String(b.to) > String(a.to)
      ? 1
      : String(b.to) < String(a.to)
        ? -1
        : String(a.from) < String(b.from)
          ? -1
          : 1,
  );
}

/**
 * GET /api/drivers?bu&from&to: which attributes move overall satisfaction (Pearson with Fisher CI and
 * BH, LMG shares with bootstrap CIs, importance × performance quadrant). Materialized for the trailing
 * 12 months (the default) and each calendar year; another range is a 422 listing the available ones.
 */
export const handler = httpRoute('get-drivers', { query: driversQuerySchema }, async ({ query }) => {
  const { items } = await currentViewItems(`VIEW#drivers#${query.bu}`);
  if (items.length === 0)
    throw new NotFoundError(
      `No driver analysis for ${query.bu}: check the business unit, or wait for the first recompute.`,
    );
  const wanted =
    query.from || query.to
      ? items.find((i) => (!query.from || i.from === query.from) && (!query.to || i.to === query.to))
      : latestFirst(items)[0];
  if (!wanted) {
    const available = items.map((i) => `${String(i.from)}…${String(i.to)}`).join(', ');
    throw new DomainError(
      'unprocessable',
      `Driver analyses exist for ${available}; choose one of these ranges.`,
    );
  }
  return {
    body: {
      bu: query.bu,
      from: wanted.from,
      to: wanted.to,
      ...(wanted.result as object),
      available: items.map((i) => ({ from: i.from, to: i.to })),
      evidenceClass: 'model-based',
      ...stampOf(wanted),
    },
  };
});
