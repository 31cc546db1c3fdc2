import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, monthlyDiscountOf } from '@cxl/shared/linkage/assumptions';
import { initiativeImpact, type InitiativeImpact, type InitiativeSpec } from '@cxl/shared/linkage/did';
import { buildCustomerMonthPanel, type CustomerMonthPanel } from '@cxl/shared/linkage/panel';
import { companyFacts, type CompanyFixture } from '../../support/company';

let fx: CompanyFixture;
let panel: CustomerMonthPanel;
let initiative: InitiativeSpec;
let impact: InitiativeImpact;

beforeAll(() => {
  fx = companyFacts({ seed: 1 });
  panel = buildCustomerMonthPanel(fx.facts);
  const rec = fx.company.initiatives[0];
  if (!rec) throw new Error('the generator writes one initiative');
  initiative = rec;
  impact = initiativeImpact(panel, fx.facts, initiative, DEFAULT_ASSUMPTIONS, { bootstrap: 100, seed: 11 });
});

describe('initiative DiD on the synthetic company (methods §2.5, T4, seed 1)', () => {
  it('recovers the twin-run log rate ratio within 2.6 clustered SEs', () => {
    const truth = fx.company.groundTruth.E4.estimandForFiles.logRateRatio;
    const tau = impact.logRateRatio;
    expect(impact.status).toBe('ok');
    expect(tau?.se).toBeGreaterThan(0);
    expect(Math.abs((tau?.value ?? Infinity) - truth)).toBeLessThanOrEqual(2.6 * (tau?.se ?? 0));
    expect(tau?.value).toBeLessThan(0);
    expect(impact.relativeEffect?.value).toBeCloseTo(Math.exp(tau?.value ?? 0) - 1, 12);
  });

  it('passes the event-study pre-trend test and the placebo go-live', () => {
    expect(impact.eventStudy.map((e) => e.k)).not.toContain(-1);
    expect(impact.eventStudy.filter((e) => e.k < -1)).toHaveLength(11);
    expect(impact.preTrend?.df).toBe(11);
    expect(impact.preTrendP).toBeGreaterThan(0.01);
    expect(impact.placebo?.goLiveMonth).toBe('2023-07');
    expect(impact.placebo?.passed).toBe(true);
    expect(impact.evidenceClass).toBe('causal');
  });

  it('runs randomization inference over placebo go-live months and placebo units', () => {
    const { placebos, p } = impact.randomization;
    expect(placebos.filter((x) => x.kind === 'month').length).toBeGreaterThanOrEqual(5);
    expect(
      placebos
        .filter((x) => x.kind === 'unit')
        .map((x) => x.label)
        .sort(),
    ).toEqual(['CON', 'ENT']);
    const extreme = placebos.filter(
      (x) => Math.abs(x.tau) >= Math.abs(impact.logRateRatio?.value ?? 0),
    ).length;
    expect(p).toBeCloseTo((1 + extreme) / (1 + placebos.length), 12);
  });

  it('estimates churners saved within ±40 % of the twin-run truth', () => {
    const truth = fx.company.groundTruth.E4.estimandForFiles.churnersSaved;
    const saved = impact.churnersSaved?.value ?? NaN;
    expect(saved).toBeGreaterThan(0.6 * truth);
    expect(saved).toBeLessThan(1.4 * truth);
    expect(impact.churnersSaved?.low).toBeLessThan(saved);
    expect(impact.churnersSaved?.high).toBeGreaterThan(saved);
  });

  it('finds the planted FRT and FCR effects with p < 0.01 and no FRT effect on phone', () => {
    const get = (o: string, ch: string | null) =>
      impact.continuous.find((c) => c.outcome === o && c.channel === ch);
    for (const ch of ['chat', 'email']) {
      const frt = get('frt', ch);
      expect(frt?.effect.value).toBeLessThan(0);
      expect(frt?.p).toBeLessThan(0.01);
      // Planted: median × 0.6 → −40 %.
      expect(frt?.effect.value).toBeGreaterThan(-50);
      expect(frt?.effect.value).toBeLessThan(-30);
    }
    expect(Math.abs(get('frt', 'phone')?.effect.value ?? Infinity)).toBeLessThan(5);
    const fcr = get('fcr7d', null);
    expect(fcr?.effect.value).toBeGreaterThan(0);
    expect(fcr?.p).toBeLessThan(0.01);
    const truthFcr = fx.company.groundTruth.E4.att.fcr7d * 100;
    expect(Math.abs((fcr?.effect.value ?? Infinity) - truthFcr)).toBeLessThan(2.6 * 100 * (fcr?.se ?? 0));
    expect(get('t2b', null)?.effect.value).toBeGreaterThan(0);
  });

  it('values the saved churners and prices the initiative with bootstrap ranges', () => {
    expect(impact.bootstrap.replicates).toBe(100);
    const roi = impact.roi;
    expect(roi?.p10).toBeLessThanOrEqual(roi?.p50 ?? -Infinity);
    expect(roi?.p50).toBeLessThanOrEqual(roi?.p90 ?? -Infinity);
    expect(impact.probRoiPositive).toBeGreaterThan(0.9);
    const m = impact.marginSaved;
    expect(m?.p10).toBeGreaterThan(0);
    // PV(cost) = one-off + Σ_{j<12} monthly/(1 + i_m)^j.
    const im = monthlyDiscountOf(DEFAULT_ASSUMPTIONS);
    let cost = initiative.costOneOff;
    for (let j = 0; j < 12; j++) cost += initiative.costMonthly / (1 + im) ** j;
    expect(impact.pvCost).toBeCloseTo(cost, 6);
    const inputs = impact.inputs;
    expect(inputs?.marginPerCustomerMonth).toBeGreaterThan(0);
    expect(inputs?.monthlyRetention).toBeGreaterThan(0.95);
    expect(impact.paybackMonth).toMatch(/^\d{4}-\d{2}$/);
    expect(impact.assumptionsVersion).toBe(DEFAULT_ASSUMPTIONS.version);
  });

  it('flags the contaminated control when CON has a price shock, and not on the same seed without it (T8)', () => {
    const shocked = companyFacts({ seed: 1, priceShock: true });
    const p = buildCustomerMonthPanel(shocked.facts);
    const r = initiativeImpact(p, shocked.facts, initiative, DEFAULT_ASSUMPTIONS, { bootstrap: 0 });
    // Pre/post shock in the control: the +8 % CON price change at 2024-08 (generator §5.3 step 10).
    expect(r.contaminatedControls).toEqual(['CON']);
    expect(r.concurrentShocks.map((c) => [c.bu, c.month])).toEqual([['CON', '2024-08']]);
    expect(r.concurrentShocks[0]?.medianChangePct).toBeGreaterThan(7);
    expect(r.concurrentShocks[0]?.medianChangePct).toBeLessThan(9);
    expect(r.controlSensitivity.find((c) => c.droppedBu === 'CON')?.flagged).toBe(true);
    // The twin without the shock (same seed, common random numbers): nothing is flagged, although the
    // drop-one sensitivity is still reported for every control.
    expect(impact.concurrentShocks).toEqual([]);
    expect(impact.contaminatedControls).toEqual([]);
    expect(impact.controlSensitivity.map((c) => c.flagged)).toEqual([false, false]);
    for (const c of impact.controlSensitivity) expect(Number.isFinite(c.shiftInSe)).toBe(true);
    // Either arm of the §5.7 T8 criterion holds on the shocked run only.
    const con = r.controlSensitivity.find((c) => c.droppedBu === 'CON');
    expect(r.contaminatedControls.includes('CON') || Math.abs(con?.shiftInSe ?? 0) > 1).toBe(true);
  }, 600_000);

  it('reports insufficient data for an unknown BU or a go-live without a pre-period', () => {
    const none = initiativeImpact(panel, fx.facts, { ...initiative, bu: 'NOPE' }, DEFAULT_ASSUMPTIONS, {
      bootstrap: 0,
    });
    expect(none.status).toBe('insufficient-data');
    expect(none.logRateRatio).toBeNull();
    const early = initiativeImpact(
      panel,
      fx.facts,
      { ...initiative, goLiveMonth: '2023-02' },
      DEFAULT_ASSUMPTIONS,
      {
        bootstrap: 0,
      },
    );
    expect(early.status).toBe('insufficient-data');
    expect(early.reason).toMatch(/before/);
    expect(early.evidenceClass).toBe('model-based');
  });
});
