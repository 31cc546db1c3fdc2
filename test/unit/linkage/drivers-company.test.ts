import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyseDrivers,
  driverObservations,
  operationalDriverCorrelations,
} from '@cxl/shared/linkage/drivers';
import { companyFacts, type CompanyFixture } from '../../support/company';

const TOP3 = new Set(['attr_response_time', 'attr_product_availability', 'attr_agent_knowledge']);

let fx: CompanyFixture;
beforeAll(() => {
  fx = companyFacts({ seed: 1 });
});

function analyse(from: string, to: string) {
  const obs = driverObservations(fx.facts.relSurveys, { from, to });
  const res = analyseDrivers(obs, { resamples: 1000, seed: 1 });
  if (res.status !== 'ok') throw new Error(res.reason);
  return res;
}

function maxDeviation(res: ReturnType<typeof analyse>): number {
  const truth = fx.company.groundTruth.E5.discretised.lmgShares as Record<string, number>;
  return Math.max(
    ...res.drivers.map((d) => Math.abs(d.share.value - (truth[d.driver.replace('attr_', '')] ?? NaN))),
  );
}

describe('driver analysis on the synthetic company (T5, seed 1)', () => {
  it('recovers each discretised LMG share within ±0.05 from one year of driver responses (2023, n ≈ 1,500)', () => {
    const res = analyse('2023-01', '2023-12');
    expect(res.n).toBeGreaterThan(1400);
    expect(res.n).toBeLessThan(1700);
    expect(maxDeviation(res)).toBeLessThan(0.05);
    expect(new Set(res.top3)).toEqual(TOP3);
    expect(res.drivers.reduce((s, d) => s + d.share.value, 0)).toBeCloseTo(1, 12);
  });

  it('finds the planted top three in each year and in both years together', () => {
    for (const [from, to] of [
      ['2024-01', '2024-12'],
      ['2023-01', '2024-12'],
    ] as const) {
      const res = analyse(from, to);
      expect(new Set(res.top3)).toEqual(TOP3);
      expect(res.top3SetStability).toBeGreaterThan(0.95);
    }
  });

  it('tightens to ±0.035 with both years (n ≈ 3,000, band scaled by √(1,500/n))', () => {
    const res = analyse('2023-01', '2024-12');
    expect(res.n).toBeGreaterThan(2900);
    expect(maxDeviation(res)).toBeLessThan(0.05 * Math.sqrt(1500 / res.n));
  });

  it('refuses a single BU-quarter with too few responses', () => {
    const obs = driverObservations(fx.facts.relSurveys, { bu: 'ENT', from: '2023-03', to: '2023-03' });
    expect(analyseDrivers(obs, { resamples: 10 })).toMatchObject({ status: 'too-few', n: obs.y.length });
  });

  it('correlates the stock-out rate negatively with BU-month satisfaction within BUs, flagged as small n', () => {
    const res = operationalDriverCorrelations(fx.operationalDrivers, fx.facts.relSurveys);
    const so = res.find((r) => r.metric === 'stockout_rate');
    expect(so?.status).toBe('small-n');
    expect(so?.n).toBe(24);
    expect(so?.withinBu.status === 'ok' && so.withinBu.r).toBeLessThan(0);
    expect(res.map((r) => r.metric)).toEqual(['on_time_delivery', 'stockout_rate']);
  });
});
