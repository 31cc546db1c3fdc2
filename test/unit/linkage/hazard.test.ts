import { beforeAll, describe, expect, it } from 'vitest';
import {
  auc,
  averageMarginalEffects,
  comparePredictors,
  fitHazardModel,
  predictChurn,
  rowValues,
  termOf,
  validateHazardModel,
  type HazardModel,
  type MarginalEffect,
  type PredictorComparison,
} from '@cxl/shared/linkage/hazard';
import { buildCustomerMonthPanel, NPS_CODE, type CustomerMonthPanel } from '@cxl/shared/linkage/panel';
import { companyFacts, type CompanyFixture } from '../../support/company';

let fx: CompanyFixture;
let panel: CustomerMonthPanel;
let model: HazardModel;
let ame: MarginalEffect[];
let validation: ReturnType<typeof validateHazardModel>;
let comparison: PredictorComparison[];

beforeAll(() => {
  fx = companyFacts({ seed: 1 });
  panel = buildCustomerMonthPanel(fx.facts);
  model = fitHazardModel(panel);
  ame = averageMarginalEffects(panel, model);
  validation = validateHazardModel(panel);
  comparison = comparePredictors(panel);
});

/** Mantel–Haenszel pooled within-BU monthly churn rate ratio D/P from the generator's population estimand. */
function pooledPopulationHazardRatio(): number {
  const monthly = fx.company.groundTruth.E2.populationMonthly;
  let num = 0;
  let den = 0;
  for (const bu of ['ENT', 'SMB', 'CON'] as const) {
    const m = monthly[bu];
    const total = m.n.D + m.n.P;
    num += (m.churners.D * m.n.P) / total;
    den += (m.churners.P * m.n.D) / total;
  }
  return num / den;
}

describe('churn hazard model on the synthetic company (methods §2.4, seed 1)', () => {
  it('builds exactly the generator’s at-risk customer-months and churn events', () => {
    const monthly = fx.company.groundTruth.E2.populationMonthly.ALL;
    expect(panel.rows.n).toBe(monthly.n.D + monthly.n.N + monthly.n.P);
    let events = 0;
    for (let k = 0; k < panel.rows.n; k++) events += panel.rows.y[k] ?? 0;
    expect(events).toBe(monthly.churners.D + monthly.churners.N + monthly.churners.P);
    expect(panel.diagnostics.skippedCustomers).toEqual([]);
  });

  it('fits with standard errors clustered by customer', () => {
    expect(model.status).toBe('ok');
    expect(model.clusters).toBeGreaterThan(20_000);
    expect(model.fit.robustSe).not.toBeNull();
    expect(model.evidenceClass).toBe('model-based');
  });

  it('orders the NPS odds ratios detractor > passive > 1 (E2)', () => {
    const d = termOf(model, 'nps:detractor');
    const n = termOf(model, 'nps:passive');
    expect(d?.oddsRatio.value).toBeGreaterThan(n?.oddsRatio.value ?? Infinity);
    expect(n?.oddsRatio.value).toBeGreaterThan(1);
    expect(d?.oddsRatio.low).toBeGreaterThan(1);
  });

  it('puts the monthly detractor/promoter hazard ratio within a band of the population hazard ratio (T3, hazard part)', () => {
    // The model sees the last surveyed category (up to 12 months old) while the population ratio uses the
    // true current category: expect attenuation, never inflation beyond sampling error.
    const hr = pooledPopulationHazardRatio();
    const or = termOf(model, 'nps:detractor')?.oddsRatio.value ?? NaN;
    expect(hr).toBeGreaterThan(2.4);
    expect(or / hr).toBeGreaterThan(0.6);
    expect(or / hr).toBeLessThan(1.15);
  });

  it('reports the unresolved-contact coefficient attenuated below the structural factor (E3)', () => {
    const u = termOf(model, 'unresolved-contacts-30d');
    expect(Number.isFinite(u?.oddsRatio.low)).toBe(true);
    expect(u?.oddsRatio.value).toBeLessThan(fx.company.groundTruth.E3.structuralFactor);
  });

  it('gives average marginal effects in percentage points with delta-method intervals', () => {
    const d = ame.find((a) => a.name === 'nps:detractor vs promoter');
    const n = ame.find((a) => a.name === 'nps:passive vs promoter');
    expect(d?.kind).toBe('discrete');
    expect(d?.pp.low).toBeGreaterThan(0);
    expect(d?.pp.value).toBeGreaterThan(n?.pp.value ?? Infinity);
    // A monthly AME is a fraction of the monthly churn rate (2.4 %).
    expect(d?.pp.value).toBeLessThan(5);
    expect(ame.map((a) => a.name)).toContain('frt:per-doubling');
  });

  it('validates out of sample on months 19–24 with AUC above 0.6 and a calibration slope near 1', () => {
    expect(validation.status).toBe('ok');
    expect(validation.testMonths).toEqual(['2024-07', '2024-12']);
    expect(validation.auc).toBeGreaterThan(0.6);
    expect(validation.calibrationSlope).toBeGreaterThan(0.7);
    expect(validation.calibrationSlope).toBeLessThan(1.3);
    expect(Math.abs(validation.calibrationIntercept ?? Infinity)).toBeLessThan(0.3);
    const rate = validation.eventsTest / validation.nTest;
    expect(validation.brier).toBeLessThan(rate);
    expect(validation.deciles).toHaveLength(10);
    expect(validation.deciles[9]?.observedRate).toBeGreaterThan(
      2 * (validation.deciles[0]?.observedRate ?? 1),
    );
  });

  it('compares NPS, CSAT and CES as competing predictors out of sample', () => {
    expect(comparison.map((c) => c.model)).toEqual(['base', 'nps', 'csat', 'ces', 'all']);
    expect(comparison.every((c) => c.status === 'ok')).toBe(true);
    const by = new Map(comparison.map((c) => [c.model, c]));
    expect(by.get('nps')?.auc).toBeGreaterThan(by.get('base')?.auc ?? 1);
    expect(by.get('nps')?.logLoss).toBeLessThan(by.get('base')?.logLoss ?? 0);
    expect(by.get('all')?.auc).toBeGreaterThan(0.6);
  });

  it('predicts 12-month churn that is higher for a detractor than for the same customer as a promoter', () => {
    const v = rowValues(panel.current, 0);
    const asD = predictChurn(model.layout, model.coefficients, { ...v, nps: NPS_CODE.D });
    const asP = predictChurn(model.layout, model.coefficients, { ...v, nps: NPS_CODE.P });
    expect(asD).toBeGreaterThan(asP);
    expect(asD).toBeLessThan(1);
    // 1 − (1 − h)^12 ≥ h for the monthly hazard.
    expect(predictChurn(model.layout, model.coefficients, v, 12)).toBeGreaterThan(
      predictChurn(model.layout, model.coefficients, v, 1),
    );
  });
});

describe('auc', () => {
  it.each([
    ['perfect ranking', [0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1],
    ['reversed ranking', [0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], 0],
    ['all ties', [0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1], 0.5],
    ['one discordant pair of four', [0.1, 0.6, 0.5, 0.9], [0, 0, 1, 1], 0.75],
  ])('computes the Mann–Whitney AUC for %s', (_n, s, y, expected) => {
    expect(auc(s, y)).toBeCloseTo(expected, 12);
  });

  it('is null when one class is empty', () => {
    expect(auc([0.1, 0.2], [0, 0])).toBeNull();
  });
});
