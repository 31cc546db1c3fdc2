import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '@cxl/shared/linkage/assumptions';
import { fitHazardModel, predictChurn, rowValues, type HazardModel } from '@cxl/shared/linkage/hazard';
import { buildCustomerMonthPanel, NPS_CODE, type CustomerMonthPanel } from '@cxl/shared/linkage/panel';
import { projectWhatIf, whatIf, whatIfBasis } from '@cxl/shared/linkage/what-if';
import type { Facts } from '@cxl/shared/views/metric-views';
import { companyFacts } from '../../support/company';

let facts: Facts;
let panel: CustomerMonthPanel;
let model: HazardModel;

beforeAll(() => {
  facts = companyFacts({ seed: 1, scale: 0.3 }).facts;
  panel = buildCustomerMonthPanel(facts);
  model = fitHazardModel(panel);
});

const opts = { bu: 'SMB', draws: 200, seed: 3 };

describe('what-if levers through the hazard model', () => {
  it('changes nothing without levers', () => {
    const r = whatIf(panel, facts, model, {}, DEFAULT_ASSUMPTIONS, opts);
    expect(r.status).toBe('ok');
    expect(r.churnersChange).toEqual({ p10: 0, p50: 0, p90: 0, point: 0 });
    expect(r.copeChange.point).toBe(0);
    expect(r.baseline.expectedChurners12).toBeGreaterThan(0);
  });

  it('moves detractors to passives by the hazard difference γ_D − γ_N, linearly in the share', () => {
    const all = whatIf(panel, facts, model, { detractorToPassivePct: 100 }, DEFAULT_ASSUMPTIONS, opts);
    const half = whatIf(panel, facts, model, { detractorToPassivePct: 50 }, DEFAULT_ASSUMPTIONS, opts);
    const smb = panel.bus.indexOf('SMB');
    let expected = 0;
    for (let k = 0; k < panel.current.n; k++) {
      if (panel.current.bu[k] !== smb || panel.current.nps[k] !== NPS_CODE.D) continue;
      const v = rowValues(panel.current, k);
      expected +=
        predictChurn(model.layout, model.coefficients, { ...v, nps: NPS_CODE.N }) -
        predictChurn(model.layout, model.coefficients, v);
    }
    expect(all.churnersChange.point).toBeCloseTo(expected, 8);
    expect(all.churnersChange.point).toBeLessThan(0);
    expect(half.churnersChange.point).toBeCloseTo(expected / 2, 8);
    expect(all.revenue12Change.point).toBeGreaterThan(0);
    expect(all.copeChange.point).toBeLessThan(0);
    expect(all.churnersChange.p10).toBeLessThanOrEqual(all.churnersChange.p90);
  });

  it('follows the sign of the fitted coefficients for FRT and FCR levers', () => {
    const frtCol = model.layout.frtCol;
    const frt = whatIf(panel, facts, model, { frtChangePct: -40 }, DEFAULT_ASSUMPTIONS, opts);
    const expectedSign = Math.sign((model.coefficients[frtCol] ?? 0) * Math.log2(0.6));
    expect(Math.sign(frt.churnersChange.point)).toBe(expectedSign);
    const fcr = whatIf(panel, facts, model, { fcrChangePts: 10 }, DEFAULT_ASSUMPTIONS, opts);
    const beta = model.coefficients[model.layout.unresolvedCol] ?? 0;
    expect(Math.sign(fcr.churnersChange.point)).toBe(-Math.sign(beta));
    // Fewer unresolved contacts also cut repeat-contact cost.
    expect(fcr.copeChange.point).toBeLessThan(0);
    expect(fcr.relationships.join(' ')).toMatch(/Associational/);
    expect(fcr.evidenceClass).toBe('model-based');
    expect(fcr.assumptionsVersion).toBe(DEFAULT_ASSUMPTIONS.version);
  });

  it('clamps impossible levers and says so', () => {
    const r = whatIf(panel, facts, model, { frtChangePct: -150 }, DEFAULT_ASSUMPTIONS, opts);
    expect(r.levers.frtChangePct).toBe(-99);
    expect(r.relationships.some((s) => s.includes('clamped'))).toBe(true);
  });

  it('reports insufficient data for an unknown business unit', () => {
    const r = whatIf(panel, facts, model, { frtChangePct: -40 }, DEFAULT_ASSUMPTIONS, {
      bu: 'NOPE',
      draws: 10,
    });
    expect(r.status).toBe('insufficient-data');
    expect(r.customers).toBe(0);
  });

  it('answers from the compact basis (cells of the linear predictor) as the exact projection does', () => {
    const basis = whatIfBasis(panel, facts, model, DEFAULT_ASSUMPTIONS, { draws: 200, seed: 3 });
    // What the API stores and reads back.
    const stored = JSON.parse(JSON.stringify(basis)) as typeof basis;
    expect(stored.cells.length).toBeLessThan(panel.current.n / 4);
    const levers = { frtChangePct: -40, detractorToPassivePct: 30, fcrChangePts: 5 };
    for (const bu of ['ALL', 'SMB', 'CON']) {
      const exact = whatIf(panel, facts, model, levers, DEFAULT_ASSUMPTIONS, { bu, draws: 200, seed: 3 });
      const fast = projectWhatIf(stored, levers, bu);
      expect(fast.customers).toBe(exact.customers);
      for (const k of ['churnersChange', 'revenue12Change', 'copeChange'] as const) {
        // Point within 1 %; quantiles (nearest rank of 200 draws) within 2 % of the P10–P90 width.
        const e = exact[k];
        expect(Math.abs(fast[k].point - e.point)).toBeLessThanOrEqual(0.01 * Math.abs(e.point));
        for (const q of ['p10', 'p50', 'p90'] as const)
          expect(Math.abs(fast[k][q] - e[q])).toBeLessThanOrEqual(0.02 * (e.p90 - e.p10));
      }
      expect(Math.abs(fast.baseline.expectedChurners12 - exact.baseline.expectedChurners12)).toBeLessThan(
        0.01 * exact.baseline.expectedChurners12,
      );
    }
  });
});
