import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildLinkageIndex,
  churnRatios,
  LOYALTY_SEGMENTS,
  loyaltySegments,
  segmentCohortRetention,
  type LinkageIndex,
} from '@cxl/shared/linkage/segments';
import { companyFacts, type CompanyFixture } from '../../support/company';

const SCOPES = ['ENT', 'SMB', 'CON', 'ALL'] as const;
const ASSUMPTIONS = {
  marginByBu: { ENT: 0.75, SMB: 0.8, CON: 0.6 },
  costPerContact: { phone: 8, chat: 5, email: 4 },
  annualDiscountRate: 0.1,
  horizonMonths: 60,
};

let fx: CompanyFixture;
let index: LinkageIndex;
beforeAll(() => {
  fx = companyFacts({ seed: 1 });
  index = buildLinkageIndex(fx.facts);
});

describe('90-day landmark churn ratios (T3, seed 1)', () => {
  it('counts exactly the responder landmarks of the E2 ground truth', () => {
    const truth = fx.company.groundTruth.E2.responders90d;
    for (const bu of SCOPES) {
      const r = churnRatios(index, { bu, windowMonths: 3 });
      expect(r.landmarks).toEqual({ from: '2023-01', to: '2024-09' });
      expect([r.counts.detractor.landmarks, r.counts.passive.landmarks, r.counts.promoter.landmarks]).toEqual(
        [truth[bu].n.D, truth[bu].n.N, truth[bu].n.P],
      );
      expect([r.counts.detractor.churned, r.counts.passive.churned, r.counts.promoter.churned]).toEqual([
        truth[bu].churners.D,
        truth[bu].churners.N,
        truth[bu].churners.P,
      ]);
    }
  });

  it('covers the population D/P ratio with the 99 % Katz interval in every BU and pooled', () => {
    const truth = fx.company.groundTruth.E2.population90d;
    for (const bu of SCOPES) {
      const rr = churnRatios(index, { bu, windowMonths: 3, level: 0.99 }).detractorToPromoter;
      if (rr.status !== 'ok') throw new Error(`${bu}: ${rr.reason}`);
      const pop = truth[bu].ratioDtoP ?? NaN;
      expect(rr.low).toBeLessThan(pop);
      expect(rr.high).toBeGreaterThan(pop);
    }
  });

  it('has a point estimate in [2.0, 3.5] and D > N > P pooled and in SMB and CON', () => {
    for (const bu of ['ALL', 'SMB', 'CON'] as const) {
      const r = churnRatios(index, { bu, windowMonths: 3 });
      const dp = r.detractorToPromoter;
      const np = r.passiveToPromoter;
      if (dp.status !== 'ok' || np.status !== 'ok') throw new Error(bu);
      expect(dp.value).toBeGreaterThanOrEqual(2);
      expect(dp.value).toBeLessThanOrEqual(3.5);
      expect(dp.value).toBeGreaterThan(np.value);
      expect(np.value).toBeGreaterThan(1);
    }
  });

  it('has too few ENT detractor churners for the point criteria (documented exception, SE of log RR > 0.4)', () => {
    const r = churnRatios(index, { bu: 'ENT', windowMonths: 3 });
    expect(r.counts.detractor.churned).toBeLessThan(20);
    expect(r.detractorToPromoter.status === 'ok' && r.detractorToPromoter.seLog).toBeGreaterThan(0.4);
  });
});

describe('calendar-cohort segment retention (E6, seed 1)', () => {
  it('equals the generator ledger per scope, start month and observed segment', () => {
    let compared = 0;
    for (const scope of SCOPES) {
      for (const [start, point] of Object.entries(fx.company.groundTruth.E6.segmentRetention12m[scope])) {
        const r = segmentCohortRetention(index, { bu: scope, startMonth: start, windowMonths: 12 });
        expect(r.incomplete).toBe(point.incomplete);
        for (const seg of LOYALTY_SEGMENTS) {
          const a = r.segments[seg];
          const b = point.observed[seg];
          expect([a.customers, a.churned]).toEqual([b.customers, b.churnedWithin12m]);
          for (const [x, y] of [
            [a.grr, b.grr],
            [a.nrr, b.nrr],
          ] as const) {
            if (y === null) expect(x).toBeNull();
            else expect(Math.abs((x ?? NaN) - y)).toBeLessThan(1e-9);
          }
          compared++;
        }
      }
    }
    expect(compared).toBe(4 * 12 * 4);
  });
});

describe('loyalty-segment economics (§2.2, seed 1)', () => {
  it('orders the segments P > N > D in retention and value, with a positive value gap', () => {
    const res = loyaltySegments(index, ASSUMPTIONS, { windowMonths: 12, resamples: 300 });
    expect(res.status).toBe('ok');
    expect(res.landmarkMonths).toEqual({ from: '2023-01', to: '2023-12' });
    const [p, n, d, ns] = LOYALTY_SEGMENTS.map((s) => res.segments.find((x) => x.segment === s));
    if (!p || !n || !d || !ns) throw new Error('missing segment');
    expect(ns.landmarks).toBeGreaterThan(p.landmarks);
    expect(p.churnRate.value ?? NaN).toBeLessThan(n.churnRate.value ?? NaN);
    expect(n.churnRate.value ?? NaN).toBeLessThan(d.churnRate.value ?? NaN);
    expect(p.nrr.value ?? NaN).toBeGreaterThan(n.nrr.value ?? NaN);
    expect(n.nrr.value ?? NaN).toBeGreaterThan(d.nrr.value ?? NaN);
    expect(p.arpuGrowth.value ?? NaN).toBeGreaterThan(0);
    expect(d.arpuGrowth.value ?? NaN).toBeLessThan(0);
    expect(p.clv.value ?? NaN).toBeGreaterThan(n.clv.value ?? NaN);
    expect(n.clv.value ?? NaN).toBeGreaterThan(d.clv.value ?? NaN);
    for (const s of [p, n, d, ns]) {
      expect(s.nrr.low ?? NaN).toBeLessThanOrEqual(s.nrr.value ?? NaN);
      expect(s.clv.p10 ?? NaN).toBeLessThanOrEqual(s.clv.p90 ?? NaN);
      expect(s.clvFinite.value ?? NaN).toBeLessThan(s.clv.value ?? NaN);
    }
    expect(res.valueGap.p10 ?? NaN).toBeGreaterThan(0);
    expect(res.clvRatio.p50 ?? NaN).toBeGreaterThan(1);
    expect(res.churnRatioDetractorToPromoter.status).toBe('ok');
    expect(res.moveDetractors.evidenceClass).toBe('associational upper bound');
    expect(res.assumptionGaps).toEqual([]);
    expect(JSON.stringify(res)).not.toMatch(/NaN|Infinity/);
  });

  it('raises detractor churn with the window length (3 < 6 < 12 months)', () => {
    const churn = [3, 6, 12].map((w) => {
      const r = loyaltySegments(index, ASSUMPTIONS, { bu: 'SMB', windowMonths: w, resamples: 20 });
      return r.segments.find((s) => s.segment === 'detractor')?.churnRate.value ?? NaN;
    });
    expect(churn[0]).toBeLessThan(churn[1] ?? NaN);
    expect(churn[1]).toBeLessThan(churn[2] ?? NaN);
  });
});
