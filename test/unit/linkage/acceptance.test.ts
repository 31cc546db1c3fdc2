import { beforeAll, describe, expect, it } from 'vitest';
import { frtCsatEffect } from '@cxl/shared/linkage/frt-csat';
import { acceptanceT1, acceptanceT2, type T1Result, type T2Result } from '../../support/acceptance';
import { companyFacts, type CompanyFixture } from '../../support/company';

// Methods §5.7 T1 and T2 on the fixed seed (T3 segments-company, T4 did/did-null, T5 drivers-company,
// T6/T7 the demo company through the stack, T8 did). `npm run verify:analytics` runs them over seeds.
let fx: CompanyFixture;
let t1: T1Result;
let t2: T2Result;
beforeAll(() => {
  fx = companyFacts({ seed: 1 });
  t1 = acceptanceT1(fx);
  t2 = acceptanceT2(fx);
}, 600_000);

describe('T1: NPS per BU-quarter against the population (seed 1)', () => {
  it('covers the population NPS with the 99 % adjusted-Wald interval in ≥ 97 % of cells with n ≥ 100', () => {
    const r = t1;
    expect(r.matchesView).toBe(true);
    // 3 BUs × 8 quarters, each with n ≥ 100 at full scale.
    expect(r.cells).toHaveLength(24);
    expect(Math.min(...r.cells.map((c) => c.n))).toBeGreaterThanOrEqual(100);
    expect(r.coverage).toBeGreaterThanOrEqual(0.97);
    expect(r.pass).toBe(true);
  });

  it('answers the ENT 2023-07 survey outage with NULL (NO_RESPONSES), and the quarter from two months', () => {
    const r = t1;
    expect(r.entJuly2023).toEqual({ value: null, status: 'no-data', reason: 'NO_RESPONSES' });
    const q3 = r.cells.find((c) => c.bu === 'ENT' && c.quarter === '2023-Q3');
    expect(q3?.n).toBeGreaterThanOrEqual(100);
    expect(q3?.covered).toBe(true);
  });

  it('takes the population from every active customer-month of the ground truth', () => {
    const pop = fx.company.groundTruth.populationNps;
    let total = 0;
    for (const bu of ['ENT', 'SMB', 'CON'] as const) {
      expect(Object.keys(pop[bu])).toHaveLength(24);
      for (const c of Object.values(pop[bu])) total += c.promoters + c.passives + c.detractors;
    }
    expect(total).toBe(fx.company.groundTruth.volumes.customerMonths);
    // The survey outage does not remove ENT's customers from the population.
    expect(pop.ENT['2023-07']?.promoters).toBeGreaterThan(0);
  });

  it('is a real test: a population shifted by half the interval width falls outside in many cells', () => {
    const r = t1;
    const shifted = r.cells.filter((c) => {
      const p = c.population + 0.75 * (c.high99 - c.low99);
      return p >= c.low99 && p <= c.high99;
    });
    expect(shifted.length / r.cells.length).toBeLessThan(0.5);
  });
});

describe('T2: effect of doubling FRT on P(T2B) (E1, seed 1)', () => {
  it('recovers the total average marginal effect within 1 pp of the ground truth, negative', () => {
    const r = t2;
    expect(r.totalPp).toBeLessThan(0);
    expect(Math.abs(r.errorPp ?? Infinity)).toBeLessThanOrEqual(1);
    expect(r.totalSePp).toBeGreaterThan(0);
    expect(r.totalSePp).toBeLessThan(0.5);
    expect(r.pass).toBe(true);
  });

  it('labels the FCR-adjusted (direct) estimate as biased; its bias is below 1 pp', () => {
    const r = t2;
    expect(r.directLabel).toMatch(/biased/);
    expect(Math.abs(r.directBiasPp ?? Infinity)).toBeLessThan(1);
    // Conditioning on the mediator moves the estimate towards zero (collider bias, methods §2.4).
    expect(r.directPp).toBeGreaterThan(r.totalPp ?? 0);
  });

  it('states its estimand and adjustment sets, and refuses too few responses', () => {
    const r = frtCsatEffect(fx.facts);
    expect(r.total.adjustment).toEqual(['business unit', 'channel']);
    expect(r.direct.adjustment).toEqual(['business unit', 'channel', 'FCR (resolution flag)']);
    expect(r.evaluationContacts).toBeGreaterThan(r.n);
    expect(r.clusters).toBeLessThan(r.n);
    const few = frtCsatEffect({ ...fx.facts, txnSurveys: fx.facts.txnSurveys.slice(0, 50) });
    expect(few.total).toMatchObject({ status: 'insufficient-data', value: null });
  });
});
