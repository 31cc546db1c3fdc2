import type { Initiative } from '@cxl/shared/contracts/registers';
import type { Assumptions } from '@cxl/shared/linkage/assumptions';
import { costOfPoorExperience, type CopePeriod } from '@cxl/shared/linkage/cope';
import { initiativeImpact } from '@cxl/shared/linkage/did';
import {
  averageMarginalEffects,
  comparePredictors,
  fitHazardModel,
  validateHazardModel,
} from '@cxl/shared/linkage/hazard';
import { buildCustomerMonthPanel } from '@cxl/shared/linkage/panel';
import { revenueAtRisk } from '@cxl/shared/linkage/revenue-at-risk';
import { whatIfBasis, type WhatIfBasis } from '@cxl/shared/linkage/what-if';
import { addMonths, type Month } from '@cxl/shared/month';
import type { Facts } from '@cxl/shared/views/metric-views';
import type { Item } from '../adapters/dynamo';

/** Draws and bootstrap sizes used when materializing (stated with each figure). */
export const MODEL_DRAWS = 300;
export const DID_BOOTSTRAP = 100;
/** Cells per lever-exposure group of the what-if basis (bounded, so the items stay small). */
export const WHAT_IF_CELLS = 40;

/** Rounds to 8 significant digits (the what-if basis is stored as JSON; keeps items well below 400 KB). */
const sig8 = (x: number) => (Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(8)) : x);

/** CoPE periods: each calendar year of data and the trailing 12 months. */
export function copePeriods(first: Month, last: Month): CopePeriod[] {
  const trailingFrom = addMonths(last, -11) < first ? first : addMonths(last, -11);
  const out: CopePeriod[] = [{ label: 'trailing-12', from: trailingFrom, to: last }];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
    out.push({
      label: String(y),
      from: `${y}-01` < first ? first : `${y}-01`,
      to: `${y}-12` > last ? last : `${y}-12`,
    });
  }
  return out;
}

/**
 * The model-based views: churn hazard model (odds ratios, marginal effects, temporal validation, NPS vs
 * CSAT vs CES comparison), revenue at risk per scope, cost of poor experience per scope and period, and
 * each initiative's measured impact. Heavy (tens of seconds): it runs after the metric views are out.
 */
export function buildModelItems(
  facts: Facts,
  businessUnits: readonly string[],
  range: { first: Month; last: Month },
  assumptions: Assumptions,
  initiatives: readonly Initiative[],
  stamp: Record<string, unknown>,
): Item[] {
  const panel = buildCustomerMonthPanel(facts);
  const model = fitHazardModel(panel);
  const items: Item[] = [];
  const common = { ...stamp, draws: MODEL_DRAWS, seed: 1 };
  items.push({
    pk: 'VIEW#churn-model',
    sk: 'ALL',
    result: {
      status: model.status,
      reason: model.reason,
      n: model.n,
      events: model.events,
      clusters: model.clusters,
      terms: model.terms,
      marginalEffects: model.status === 'ok' ? averageMarginalEffects(panel, model) : [],
      validation: (({ model: _m, ...v }) => v)(validateHazardModel(panel)),
      predictorComparison: comparePredictors(panel),
      evidenceClass: 'model-based',
    },
    ...common,
  });
  for (const bu of ['ALL', ...businessUnits]) {
    const rar = revenueAtRisk(panel, model, assumptions, { draws: MODEL_DRAWS, seed: 1, bu, top: 25 });
    items.push({ pk: `VIEW#revenue-at-risk#${bu}`, sk: 'LATEST', result: rar, ...common });
  }
  const periods = copePeriods(range.first, range.last);
  const cope = costOfPoorExperience(panel, facts, model, assumptions, {
    periods,
    bus: [...businessUnits],
    draws: MODEL_DRAWS,
    seed: 1,
    all: true,
  });
  for (const c of cope) items.push({ pk: `VIEW#cope#${c.bu}`, sk: c.period.label, result: c, ...common });
  // What-if basis: one head item (draws, units) and the cells per BU; POST /api/what-if reads them.
  const basis = whatIfBasis(panel, facts, model, assumptions, {
    draws: MODEL_DRAWS,
    seed: 1,
    maxCellsPerGroup: WHAT_IF_CELLS,
  });
  items.push(...whatIfItems(basis, common));
  for (const i of initiatives) {
    const impact = initiativeImpact(panel, facts, i, assumptions, { bootstrap: DID_BOOTSTRAP, seed: 1 });
    items.push({
      pk: `VIEW#impact#${i.id}`,
      sk: 'LATEST',
      result: impact,
      ...stamp,
      bootstrap: DID_BOOTSTRAP,
      seed: 1,
    });
  }
  return items;
}

/**
 * The what-if basis as view items: `VIEW#what-if` / `BASIS` (columns, draws, units; numbers to 8
 * significant digits) and `CELLS#<bu>` per business unit, each with the stamp.
 */
export function whatIfItems(basis: WhatIfBasis, stamp: Record<string, unknown>): Item[] {
  const { cells, ...head } = basis;
  const items: Item[] = [
    {
      pk: 'VIEW#what-if',
      sk: 'BASIS',
      result: { ...head, point: head.point.map(sig8), draws: head.draws.map((d) => d.map(sig8)) },
      ...stamp,
    },
  ];
  basis.units.forEach((u, b) => {
    items.push({
      pk: 'VIEW#what-if',
      sk: `CELLS#${u.bu}`,
      cells: cells.filter((c) => c[0] === b).map((c) => c.map(sig8)),
      ...stamp,
    });
  });
  return items;
}
