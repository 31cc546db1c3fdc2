import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '@cxl/shared/linkage/assumptions';
import {
  fitHazardModel,
  goodExperience,
  predictChurn,
  rowValues,
  type HazardModel,
} from '@cxl/shared/linkage/hazard';
import { buildCustomerMonthPanel, NPS_CODE, type CustomerMonthPanel } from '@cxl/shared/linkage/panel';
import { revenueAtRisk, type RevenueAtRisk } from '@cxl/shared/linkage/revenue-at-risk';
import { companyFacts } from '../../support/company';

let panel: CustomerMonthPanel;
let model: HazardModel;
let rar: RevenueAtRisk;

beforeAll(() => {
  const fx = companyFacts({ seed: 1, scale: 0.3 });
  panel = buildCustomerMonthPanel(fx.facts);
  model = fitHazardModel(panel);
  rar = revenueAtRisk(panel, model, DEFAULT_ASSUMPTIONS, { draws: 400, seed: 5 });
});

describe('revenue at risk (methods §2.6)', () => {
  it('sums 12 × MRR × p̂₁₂ over the customers active at the end of the data', () => {
    expect(rar.status).toBe('ok');
    expect(rar.customers).toBe(panel.current.n);
    expect(rar.asOf).toBe('2025-01');
    let total = 0;
    let cx = 0;
    for (let k = 0; k < panel.current.n; k++) {
      const v = rowValues(panel.current, k);
      const p = predictChurn(model.layout, model.coefficients, v);
      const pc = predictChurn(model.layout, model.coefficients, goodExperience(v));
      total += 12 * v.mrr * p;
      cx += 12 * v.mrr * (p - pc);
    }
    expect(rar.point.total).toBeCloseTo(total, 4);
    expect(rar.point.cxAttributable).toBeCloseTo(cx, 4);
  });

  it('attributes a positive share below the total to poor experience and states the counterfactual', () => {
    expect(rar.point.cxAttributable).toBeGreaterThan(0);
    expect(rar.point.cxAttributable).toBeLessThan(rar.point.total);
    expect(rar.counterfactual).toMatch(/detractors re-coded as passives/);
    expect(rar.counterfactual).toMatch(/no unresolved contacts/);
    expect(rar.evidenceClass).toBe('model-based');
    expect(rar.assumptionsVersion).toBe(DEFAULT_ASSUMPTIONS.version);
  });

  it('gives ordered P10/P50/P90 from coefficient draws around the point value', () => {
    for (const m of [rar.total, rar.cxAttributable, rar.marginAtRisk]) {
      expect(m.p10).toBeLessThanOrEqual(m.p50);
      expect(m.p50).toBeLessThanOrEqual(m.p90);
    }
    expect(rar.total.p10).toBeLessThan(rar.point.total);
    expect(rar.total.p90).toBeGreaterThan(rar.point.total);
    expect(rar.draws).toBe(400);
    expect(rar.byBu.reduce((s, b) => s + b.customers, 0)).toBe(rar.customers);
  });

  it('is reproducible for a seed and changes with it', () => {
    const again = revenueAtRisk(panel, model, DEFAULT_ASSUMPTIONS, { draws: 400, seed: 5 });
    expect(again.total).toEqual(rar.total);
    const other = revenueAtRisk(panel, model, DEFAULT_ASSUMPTIONS, { draws: 400, seed: 6 });
    expect(other.total.p10).not.toBe(rar.total.p10);
  });

  it('lists the top accounts by revenue at risk with their poor-experience signals', () => {
    expect(rar.topAccounts).toHaveLength(20);
    for (let i = 1; i < rar.topAccounts.length; i++) {
      expect(rar.topAccounts[i - 1]?.revenueAtRisk).toBeGreaterThanOrEqual(
        rar.topAccounts[i]?.revenueAtRisk ?? Infinity,
      );
    }
    const withSignals = rar.topAccounts.find((a) => a.signals.length > 0);
    if (withSignals) expect(withSignals.cxAttributable).toBeGreaterThanOrEqual(0);
    const noSignal = rar.topAccounts.find((a) => a.signals.length === 0);
    if (noSignal) expect(noSignal.cxAttributable).toBe(0);
  });

  it('restricts to one business unit', () => {
    const smb = revenueAtRisk(panel, model, DEFAULT_ASSUMPTIONS, { draws: 50, bu: 'SMB' });
    const smbIdx = panel.bus.indexOf('SMB');
    let n = 0;
    for (let k = 0; k < panel.current.n; k++) if (panel.current.bu[k] === smbIdx) n++;
    expect(smb.customers).toBe(n);
    expect(smb.byBu.map((b) => b.bu)).toEqual(['SMB']);
    expect(smb.topAccounts.every((a) => a.bu === 'SMB')).toBe(true);
  });

  it('explains why it cannot compute from a hazard model without estimates', () => {
    const noChurn = fitHazardModel(panel, {}, (k) => panel.rows.y[k] === 0);
    expect(noChurn.status).toBe('separation');
    const r = revenueAtRisk(panel, noChurn, DEFAULT_ASSUMPTIONS, { draws: 10 });
    expect(r.status).toBe('insufficient-data');
    expect(r.reason).toMatch(/separation/);
    expect(r.total).toEqual({ p10: 0, p50: 0, p90: 0 });
  });

  it('collapses the range to the point value without draws', () => {
    const r = revenueAtRisk(panel, model, DEFAULT_ASSUMPTIONS, { draws: 0 });
    expect(r.total.p10).toBe(r.point.total);
    expect(r.total.p90).toBe(r.point.total);
    // A promoter with no flags has nothing CX-attributable.
    const v = {
      ...rowValues(panel.current, 0),
      nps: NPS_CODE.P,
      unresolved30: 0,
      frtLog2: 0,
      highEffort90: 0,
      lowCsat90: 0,
    };
    expect(predictChurn(model.layout, model.coefficients, v)).toBe(
      predictChurn(model.layout, model.coefficients, goodExperience(v)),
    );
  });
});
