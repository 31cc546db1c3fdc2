import type { Assumptions } from '@cxl/shared/linkage/assumptions';
import { analyseDrivers, driverObservations } from '@cxl/shared/linkage/drivers';
import { buildLinkageIndex, loyaltySegments, type LinkageAssumptions } from '@cxl/shared/linkage/segments';
import { addMonths, type Month } from '@cxl/shared/month';
import type { Facts } from '@cxl/shared/views/metric-views';
import type { Item } from '../adapters/dynamo';

/** Bootstrap resamples used when materializing (the API states B with each figure). */
export const LINKAGE_RESAMPLES = 500;
export const LINKAGE_WINDOWS = [3, 6, 12] as const;
/** Seed of the bootstrap resamples (stored on every item and echoed by the API). */
export const LINKAGE_SEED = 1;

export function linkageAssumptions(a: Assumptions): LinkageAssumptions {
  return {
    marginByBu: a.grossMargin,
    defaultMargin: a.defaultGrossMargin,
    costPerContact: a.costPerContact,
    annualDiscountRate: a.annualDiscountRate,
    horizonMonths: a.clvHorizonMonths,
  };
}

/** Periods the driver analysis is materialized for: the trailing 12 months and each calendar year. */
export function driverPeriods(first: Month, last: Month): { from: Month; to: Month }[] {
  const trailingFrom = addMonths(last, -11) < first ? first : addMonths(last, -11);
  const out = [{ from: trailingFrom, to: last }];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
    const from = `${y}-01` < first ? first : `${y}-01`;
    const to = `${y}-12` > last ? last : `${y}-12`;
    if (!(from === trailingFrom && to === last)) out.push({ from, to });
  }
  return out;
}

/**
 * Loyalty-segment economics per scope and outcome window, and driver analyses per scope and period,
 * as view items (`VIEW#linkage#<bu>` / `W#<window>`, `VIEW#drivers#<bu>` / `<from>#<to>`).
 */
export function buildLinkageItems(
  facts: Facts,
  businessUnits: readonly string[],
  range: { first: Month; last: Month },
  assumptions: Assumptions,
  stamp: Record<string, unknown>,
): Item[] {
  const items: Item[] = [];
  const index = buildLinkageIndex(facts);
  const la = linkageAssumptions(assumptions);
  const scopes = ['ALL', ...businessUnits];
  for (const bu of scopes) {
    for (const windowMonths of LINKAGE_WINDOWS) {
      const result = loyaltySegments(index, la, {
        bu,
        windowMonths,
        resamples: LINKAGE_RESAMPLES,
        seed: LINKAGE_SEED,
      });
      items.push({
        pk: `VIEW#linkage#${bu}`,
        sk: `W#${String(windowMonths).padStart(2, '0')}`,
        result,
        resamples: LINKAGE_RESAMPLES,
        seed: LINKAGE_SEED,
        ...stamp,
      });
    }
    for (const p of driverPeriods(range.first, range.last)) {
      const obs = driverObservations(facts.relSurveys, { bu, from: p.from, to: p.to });
      const result = analyseDrivers(obs, { resamples: LINKAGE_RESAMPLES, seed: LINKAGE_SEED });
      items.push({
        pk: `VIEW#drivers#${bu}`,
        sk: `${p.from}#${p.to}`,
        from: p.from,
        to: p.to,
        result,
        resamples: LINKAGE_RESAMPLES,
        seed: LINKAGE_SEED,
        ...stamp,
      });
    }
  }
  return items;
}
