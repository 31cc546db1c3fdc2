import { describe, expect, it } from 'vitest';
import { DRIVER_ATTRIBUTES, type DriverRow } from '@cxl/shared/contracts/inputs';
import {
  DRIVER_BETA,
  DRIVER_R2,
  explainedVariance,
  HALO_LOADINGS,
  publishRating,
} from '@cxl/shared/generator/drivers';
import { populationDriverImportance } from '@cxl/shared/generator/index';
import {
  analyseDrivers,
  buMonthSatisfaction,
  driverMinimumN,
  driverObservations,
  importancePerformanceQuadrants,
  operationalDriverCorrelations,
  type DriverObservations,
  type ScopedRelSurvey,
} from '@cxl/shared/linkage/drivers';
import { createPrng, type Prng } from '@cxl/shared/stats/prng';

function normal(rng: Prng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** n respondents of the planted driver module (methods §5.3 step 7), published on 1–10. */
function plantedSample(n: number, seed: number): DriverObservations {
  const rng = createPrng(seed);
  const ev = explainedVariance();
  const errSd = Math.sqrt((ev * (1 - DRIVER_R2)) / DRIVER_R2);
  const sdY = Math.sqrt(ev / DRIVER_R2);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const halo = normal(rng);
    const latent = HALO_LOADINGS.map((l) => l * halo + Math.sqrt(1 - l * l) * normal(rng));
    const v = latent.reduce((s, a, k) => s + a * (DRIVER_BETA[k] ?? 0), errSd * normal(rng));
    x.push(latent.map(publishRating));
    y.push(publishRating(v / sdY));
  }
  return { drivers: [...DRIVER_ATTRIBUTES], x, y, eligible: n, incomplete: 0 };
}

const survey = (
  id: string,
  ms: number,
  attrs: ScopedRelSurvey['attrs'],
  overall: number | null,
  bu = 'A',
): ScopedRelSurvey => ({
  responseId: `${id}-${ms}`,
  customerId: id,
  respondedMs: ms,
  ltr: 8,
  attrs,
  overallSatisfaction: overall,
  scopeBu: bu,
});
const full = {
  attr_response_time: 7,
  attr_product_availability: 8,
  attr_agent_knowledge: 6,
  attr_billing_clarity: 9,
  attr_price_value: 5,
  attr_website_ease: 7,
};

describe('driverObservations', () => {
  it('keeps complete cases of the scope, one per customer and month (the latest)', () => {
    const jan = Date.parse('2024-01-10T00:00:00Z');
    const rows = [
      survey('a', jan, full, 8),
      survey('a', jan + 1000, { ...full, attr_price_value: 9 }, 9),
      survey('b', jan, { ...full, attr_website_ease: undefined }, 7),
      survey('c', jan, full, null),
      survey('d', jan, {}, null),
      survey('e', jan, full, 6, 'B'),
      survey('f', Date.parse('2024-03-10T00:00:00Z'), full, 5),
    ];
    const obs = driverObservations(rows, { bu: 'A', to: '2024-02' });
    expect(obs.y).toEqual([9]);
    expect(obs.x[0]?.[4]).toBe(9);
    expect(obs.eligible).toBe(3);
    expect(obs.incomplete).toBe(2);
    expect(driverObservations(rows).y.length).toBe(3);
  });
});

describe('importancePerformanceQuadrants', () => {
  it('puts high importance with low performance first (split at the medians)', () => {
    expect(importancePerformanceQuadrants([0.4, 0.3, 0.2, 0.1], [0.1, 0.5, 0.2, 0.6])).toEqual([
      'fix-first',
      'keep-up',
      'low-priority',
      'possible-overkill',
    ]);
    expect(importancePerformanceQuadrants([], [])).toEqual([]);
  });
});

describe('analyseDrivers', () => {
  it('refuses fewer than max(200, 30·p) responses and reports n', () => {
    expect(driverMinimumN(6)).toBe(200);
    expect(driverMinimumN(8)).toBe(240);
    const res = analyseDrivers(plantedSample(199, 1));
    expect(res).toMatchObject({ status: 'too-few', n: 199, minN: 200 });
  });

  it('reports a constant rating and collinear drivers explicitly', () => {
    const s = plantedSample(300, 2);
    const constant = { ...s, x: s.x.map((r) => [...r.slice(0, 5), 5]) };
    expect(analyseDrivers(constant, { resamples: 10 }).status).toBe('zero-variance');
    const twin = { ...s, x: s.x.map((r) => [...r.slice(0, 5), r[0] ?? 0]) };
    expect(analyseDrivers(twin, { resamples: 10 }).status).toBe('singular');
  });

  it('returns shares summing to 1 with bootstrap intervals, BH-adjusted correlations and rank stability', () => {
    const res = analyseDrivers(plantedSample(1500, 3), { resamples: 300, seed: 5 });
    if (res.status !== 'ok') throw new Error(res.reason);
    expect(res.method).toBe('lmg');
    expect(res.drivers.reduce((s, d) => s + d.share.value, 0)).toBeCloseTo(1, 12);
    for (const d of res.drivers) {
      expect(d.share.low).toBeLessThanOrEqual(d.share.value);
      expect(d.share.high).toBeGreaterThanOrEqual(d.share.value);
      expect(d.correlation.low).toBeLessThan(d.correlation.value);
      expect(d.correlation.pAdjusted).toBeGreaterThanOrEqual(d.correlation.p);
      expect(d.correlation.significant).toBe(true);
      expect(d.top3Rate).toBeGreaterThanOrEqual(0);
      expect(d.top3Rate).toBeLessThanOrEqual(1);
    }
    expect(res.drivers.map((d) => d.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(res.r2.low).toBeLessThan(res.r2.value);
    expect(res.top3SetStability).toBeGreaterThan(0.9);
    expect(analyseDrivers(plantedSample(1500, 3), { resamples: 300, seed: 5 })).toEqual(res);
  });

  it('recovers the planted discretised LMG shares within ±0.025 at n = 6,000 (E5; the company has ~1,500 a year)', () => {
    const truth = populationDriverImportance().discretised.lmgShares;
    const res = analyseDrivers(plantedSample(6000, 4), { resamples: 200 });
    if (res.status !== 'ok') throw new Error(res.reason);
    for (const d of res.drivers) {
      const key = d.driver.replace('attr_', '') as keyof typeof truth;
      expect(Math.abs(d.share.value - truth[key])).toBeLessThan(0.025);
    }
    expect(new Set(res.top3)).toEqual(
      new Set(['attr_response_time', 'attr_product_availability', 'attr_agent_knowledge']),
    );
  });
});

describe('operational drivers', () => {
  const month = (k: number) => `2024-${String(k).padStart(2, '0')}`;
  /** Two BUs, 12 months; satisfaction moves against the stock-out rate within each BU. */
  function world(): { rows: DriverRow[]; surveys: ScopedRelSurvey[] } {
    const rows: DriverRow[] = [];
    const surveys: ScopedRelSurvey[] = [];
    for (const [b, bu] of ['A', 'B'].entries()) {
      for (let k = 1; k <= 12; k++) {
        const wiggle = ((k * 5) % 7) - 3; // −3 … 3
        rows.push({ bu, month: month(k), metric: 'stockout_rate', value: 0.03 + 0.03 * b + 0.002 * wiggle });
        rows.push({ bu, month: month(k), metric: 'noise', value: (k * 3) % 5 });
        for (let r = 0; r < 30; r++) {
          const score = 7 + b - (wiggle > 0 ? 1 : wiggle < 0 ? -1 : 0) * (r % 2);
          surveys.push(survey(`${bu}${r}`, Date.parse(`${month(k)}-05T00:00:00Z`), {}, score, bu));
        }
      }
    }
    return { rows, surveys };
  }

  it('aggregates BU-month satisfaction and drops months below the minimum responses', () => {
    const { surveys } = world();
    const sat = buMonthSatisfaction(surveys, 'mean');
    expect(sat).toHaveLength(24);
    expect(sat[0]).toMatchObject({ bu: 'A', month: '2024-01', n: 30 });
    expect(buMonthSatisfaction(surveys, 'mean', 31)).toEqual([]);
    const t2b = buMonthSatisfaction(surveys, 't2b');
    // A scores 6–8 (never top-2-box); B scores up to 9.
    expect(t2b.filter((s) => s.bu === 'A').every((s) => s.value === 0)).toBe(true);
    expect(t2b.some((s) => s.bu === 'B' && s.value === 0.5)).toBe(true);
  });

  it('separates the within-BU association from BU level differences and flags the small n', () => {
    const { rows, surveys } = world();
    const res = operationalDriverCorrelations(rows, surveys);
    expect(res.map((r) => r.metric)).toEqual(['noise', 'stockout_rate']);
    const so = res.find((r) => r.metric === 'stockout_rate');
    if (!so || so.withinBu.status !== 'ok' || so.pooled.status !== 'ok')
      throw new Error('expected estimates');
    expect(so.n).toBe(24);
    expect(so.status).toBe('small-n');
    expect(so.withinBu.r).toBeLessThan(-0.8);
    expect(so.pooled.r).toBeGreaterThan(so.withinBu.r);
    expect(so.significant).toBe(true);
  });

  it('has no interval with too few BU-months', () => {
    const { rows, surveys } = world();
    const few = operationalDriverCorrelations(
      rows.filter((r) => r.month <= '2024-02'),
      surveys,
    );
    expect(few.every((r) => r.status === 'too-few' && r.withinBu.status === 'too-few')).toBe(true);
    expect(operationalDriverCorrelations([], surveys)).toEqual([]);
  });
});
