import { beforeAll, describe, expect, it } from 'vitest';
import { annotateRepeats } from '@cxl/shared/metrics/contacts';
import { DEFAULT_ASSUMPTIONS, lifetimeMultiplier } from '@cxl/shared/linkage/assumptions';
import { costOfPoorExperience, type CopeResult } from '@cxl/shared/linkage/cope';
import { fitHazardModel, type HazardModel } from '@cxl/shared/linkage/hazard';
import { buildCustomerMonthPanel, type CustomerMonthPanel } from '@cxl/shared/linkage/panel';
import type { Facts } from '@cxl/shared/views/metric-views';
import { companyFacts } from '../../support/company';

let facts: Facts;
let panel: CustomerMonthPanel;
let model: HazardModel;
let results: CopeResult[];

const period = { label: '2024', from: '2024-01', to: '2024-12' };

beforeAll(() => {
  facts = companyFacts({ seed: 1, scale: 0.3 }).facts;
  panel = buildCustomerMonthPanel(facts);
  model = fitHazardModel(panel);
  results = costOfPoorExperience(panel, facts, model, DEFAULT_ASSUMPTIONS, {
    periods: [period],
    draws: 200,
    seed: 9,
  });
});

const of = (bu: string) => {
  const r = results.find((x) => x.bu === bu);
  if (!r) throw new Error(`no CoPE for ${bu}`);
  return r;
};
const component = (r: CopeResult, c: string) => r.components.find((x) => x.component === c);

describe('cost of poor experience (methods §2.7)', () => {
  it('reports the four components per BU with ordered ranges and a total that adds up', () => {
    expect(results.map((r) => r.bu)).toEqual(['CON', 'ENT', 'SMB']);
    for (const r of results) {
      expect(r.status).toBe('ok');
      expect(r.components.map((c) => c.component)).toEqual([
        'churn',
        'contraction',
        'failure-demand',
        'compensation',
      ]);
      for (const c of r.components) {
        expect(c.p10).toBeLessThanOrEqual(c.p50);
        expect(c.p50).toBeLessThanOrEqual(c.p90);
      }
      const sum = r.components.reduce((s, c) => s + c.point, 0);
      expect(r.total.point).toBeCloseTo(sum, 6);
      expect(r.evidenceClass).toBe('model-based');
      expect(r.assumptionsVersion).toBe(DEFAULT_ASSUMPTIONS.version);
    }
  });

  it('costs failure demand as repeat contacts × cost per contact of their channel', () => {
    const ann = annotateRepeats(
      facts.contacts.map((c) => ({
        contactId: c.contactId,
        issueId: c.issueId,
        customerId: c.customerId,
        createdMs: c.createdMs,
      })),
      facts.cutoffMs,
    );
    let cost = 0;
    let n = 0;
    facts.contacts.forEach((c, j) => {
      const m = new Date(c.createdMs).toISOString().slice(0, 4);
      if (c.scopeBu !== 'SMB' || m !== '2024' || ann[j]?.firstOfIssue !== false) return;
      cost += DEFAULT_ASSUMPTIONS.costPerContact[c.channel] ?? 0;
      n++;
    });
    const smb = of('SMB');
    expect(smb.n.repeatContacts).toBe(n);
    expect(component(smb, 'failure-demand')?.point).toBeCloseTo(cost, 6);
  });

  it('bounds churn loss by the lost margin of all churners (attributable fractions ≤ 1)', () => {
    const smb = of('SMB');
    const b = panel.bus.indexOf('SMB');
    let v = 0;
    let churners = 0;
    let expo = 0;
    const from = panel.months.indexOf('2024-01');
    for (let k = 0; k < panel.rows.n; k++) {
      if (panel.rows.bu[k] !== b || (panel.rows.month[k] ?? 0) < from) continue;
      expo++;
      if (!panel.rows.y[k]) continue;
      churners++;
      v += panel.rows.mrr[k] ?? 0;
    }
    const L = lifetimeMultiplier(DEFAULT_ASSUMPTIONS, 1 - churners / expo);
    expect(smb.assumptionsUsed.monthlyRetention).toBeCloseTo(1 - churners / expo, 12);
    expect(smb.assumptionsUsed.lifetimeMultiplier).toBeCloseTo(L, 12);
    const churn = component(smb, 'churn')?.point ?? NaN;
    expect(churn).toBeGreaterThan(0);
    expect(churn).toBeLessThan(v * 0.8 * L);
    expect(smb.n.churners).toBe(churners);
  });

  it('gives zero churn loss when the model finds no poor-experience hazard', () => {
    const { layout } = model;
    const cx = [...layout.npsCol, layout.frtCol, layout.unresolvedCol, layout.cesCol, layout.csatCol].filter(
      (c) => c >= 0,
    );
    const flat: HazardModel = {
      ...model,
      coefficients: model.coefficients.map((b, j) => (cx.includes(j) ? 0 : b)),
    };
    const r = costOfPoorExperience(panel, facts, flat, DEFAULT_ASSUMPTIONS, {
      periods: [period],
      bus: ['SMB'],
      draws: 0,
    });
    expect(component(r[0] ?? of('SMB'), 'churn')?.point).toBe(0);
  });

  it('reports compensation as 0 with a note unless finance tags are given', () => {
    const smb = of('SMB');
    expect(component(smb, 'compensation')?.point).toBe(0);
    expect(component(smb, 'compensation')?.note).toBe('no GL tags uploaded');
    const r = costOfPoorExperience(panel, facts, model, DEFAULT_ASSUMPTIONS, {
      periods: [period],
      bus: ['SMB'],
      draws: 20,
      compensation: { 'SMB|2024': 12_345 },
    });
    const first = r[0];
    expect(first && component(first, 'compensation')?.point).toBe(12_345);
    expect(first?.total.point).toBeCloseTo(smb.total.point + 12_345, 6);
  });

  it('marks unknown business units and unusable models as insufficient data', () => {
    const r = costOfPoorExperience(panel, facts, model, DEFAULT_ASSUMPTIONS, {
      periods: [period],
      bus: ['NOPE'],
      draws: 0,
    });
    expect(r[0]?.status).toBe('insufficient-data');
    const noChurn = fitHazardModel(panel, {}, (k) => panel.rows.y[k] === 0);
    const bad = costOfPoorExperience(panel, facts, noChurn, DEFAULT_ASSUMPTIONS, {
      periods: [period],
      draws: 0,
    });
    expect(bad.every((x) => x.status === 'insufficient-data' && x.components.length === 0)).toBe(true);
  });

  it('makes ALL the sum of the units: components add up, the range comes from summed draws', () => {
    const withAll = costOfPoorExperience(panel, facts, model, DEFAULT_ASSUMPTIONS, {
      periods: [period],
      draws: 200,
      seed: 9,
      all: true,
    });
    expect(withAll.map((r) => r.bu)).toEqual(['CON', 'ENT', 'SMB', 'ALL']);
    const all = withAll[3];
    const units = withAll.slice(0, 3);
    if (!all) throw new Error('no ALL');
    expect(all.status).toBe('ok');
    expect(all.parts).toEqual(['CON', 'ENT', 'SMB']);
    // The units are unchanged by asking for ALL.
    expect(units).toEqual(results);
    const sum = (f: (r: CopeResult) => number) => units.reduce((s, r) => s + f(r), 0);
    expect(all.total.point).toBeCloseTo(
      sum((r) => r.total.point),
      6,
    );
    for (const c of ['churn', 'contraction', 'failure-demand', 'compensation']) {
      expect(component(all, c)?.point).toBeCloseTo(
        sum((r) => component(r, c)?.point ?? NaN),
        6,
      );
    }
    expect(all.n.churners).toBe(sum((r) => r.n.churners));
    // Summed draws, not summed quantiles: the 80 % range of the sum is narrower than the sum of ranges.
    expect(all.total.p10).toBeLessThanOrEqual(all.total.p50);
    expect(all.total.p50).toBeLessThanOrEqual(all.total.p90);
    expect(all.total.p10).toBeGreaterThan(sum((r) => r.total.p10));
    expect(all.total.p90).toBeLessThan(sum((r) => r.total.p90));
    expect(all.total.p50).toBeGreaterThan(0.9 * all.total.point);
    expect(all.total.p50).toBeLessThan(1.1 * all.total.point);
    expect(all.assumptionsUsed.grossMargin).toBeNull();
    expect(all.assumptionsUsed.grossMarginByBu).toEqual({ CON: 0.6, ENT: 0.75, SMB: 0.8 });
  });

  it('gives no ALL total when a unit has no figures', () => {
    const r = costOfPoorExperience(panel, facts, model, DEFAULT_ASSUMPTIONS, {
      periods: [period],
      bus: ['ENT', 'NOPE'],
      draws: 20,
      all: true,
    });
    const all = r.find((x) => x.bu === 'ALL');
    expect(all?.status).toBe('insufficient-data');
    expect(all?.reason).toMatch(/NOPE/);
    expect(all?.total.point).toBe(0);
  });
});
