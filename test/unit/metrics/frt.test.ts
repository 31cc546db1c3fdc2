import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  frtStats,
  frtWithinSla,
  kaplanMeier,
  kmQuantile,
  kmQuantileInterval,
  nearestRankPercentile,
  sortedAscending,
  type FrtObservation,
} from '../../../shared/src/metrics';
import { answered, censored } from './factories';

/** Classic small example: events at 1, 3, 4, 6; censored at 2 and 5. */
const small: FrtObservation[] = [...answered(1, 3, 4, 6), ...censored(2, 5)];

describe('kaplanMeier', () => {
  it('computes the product-limit steps and Greenwood SEs', () => {
    const curve = kaplanMeier(small);
    expect(curve.map((p) => p.time)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(curve.map((p) => p.atRisk)).toEqual([6, 5, 4, 3, 2, 1]);
    const s = curve.map((p) => p.survival);
    [5 / 6, 5 / 6, 0.625, 0.625 * (2 / 3), 0.625 * (2 / 3), 0].forEach((expected, i) => {
      expect(s[i]).toBeCloseTo(expected, 12);
    });
    expect(curve[2]?.se).toBeCloseTo(0.625 * Math.sqrt(1 / 30 + 1 / 12), 12);
    expect(curve[5]?.se).toBe(0);
  });

  it('counts events before censorings on tied times', () => {
    const curve = kaplanMeier([...answered(10, 10), ...censored(10), ...answered(20)]);
    expect(curve[0]).toMatchObject({ time: 10, atRisk: 4, events: 2, censored: 1, survival: 0.5 });
    expect(curve[1]).toMatchObject({ time: 20, atRisk: 1, survival: 0 });
  });

  it('returns no points for no observations', () => {
    expect(kaplanMeier([])).toEqual([]);
  });

  it('rejects negative times', () => {
    expect(() => kaplanMeier(answered(-1))).toThrow(RangeError);
  });
});

describe('kmQuantile', () => {
  it.each([
    [0.5, 4],
    [0.25, 3],
    [0.9, 6],
  ])('takes min{t : S(t) ≤ 1 − q} at q = %f → %i', (q, t) => {
    expect(kmQuantile(small, q)).toBe(t);
  });

  it('returns null when S never falls to the threshold ("> max observed")', () => {
    const obs = [...answered(5, 10, 15), ...censored(20, 20, 20, 20)];
    expect(kmQuantile(obs, 0.5)).toBeNull();
    expect(kmQuantile(obs, 0.25)).toBe(10);
  });

  it('corrects the low bias of answered-only medians', () => {
    const obs = [...answered(60, 120, 180, 240, 300, 360), ...censored(4000, 4000, 4000, 4000, 4000, 4000)];
    const answeredOnly = nearestRankPercentile(sortedAscending([60, 120, 180, 240, 300, 360]), 0.5);
    expect(answeredOnly).toBe(180);
    expect(kmQuantile(obs, 0.5)).toBe(360);
  });

  it.each([
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 0.5],
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 0.9],
    [[1, 2, 3], 0.5],
    [[42], 0.9],
  ])('equals the nearest-rank percentile without censoring (%j, q = %f)', (times, q) => {
    expect(kmQuantile(answered(...times), q)).toBe(nearestRankPercentile(sortedAscending(times), q));
  });

  it('equals the nearest-rank percentile without censoring for any sample (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.1, 0.25, 0.5, 0.55, 0.75, 0.9, 0.95, 0.99),
        (times, q) => kmQuantile(answered(...times), q) === nearestRankPercentile(sortedAscending(times), q),
      ),
      { seed: 20240601, numRuns: 400 },
    );
  });

  it('rejects q outside (0, 1)', () => {
    expect(() => kmQuantile(small, 1)).toThrow(RangeError);
  });
});

describe('kmQuantileInterval (Brookmeyer–Crowley, Greenwood)', () => {
  it('finds [3, 8] around the median 5 of 1…10 uncensored', () => {
    const curve = kaplanMeier(answered(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    expect(kmQuantileInterval(curve, 0.5)).toEqual({ low: 3, high: 8 });
  });

  it('brackets the median and narrows relative to the spread as n grows', () => {
    const times = (n: number): number[] => Array.from({ length: n }, (_, i) => (i + 1) * 10);
    const wide = kmQuantileInterval(kaplanMeier(answered(...times(40))), 0.5);
    const narrow = kmQuantileInterval(kaplanMeier(answered(...times(400))), 0.5);
    expect(wide.low ?? Infinity).toBeLessThanOrEqual(200);
    expect(wide.high ?? 0).toBeGreaterThanOrEqual(200);
    expect(((narrow.high ?? 0) - (narrow.low ?? 0)) / 4000).toBeLessThan(
      ((wide.high ?? 0) - (wide.low ?? 0)) / 400,
    );
  });

  it('leaves the upper bound null when the band never reaches the threshold', () => {
    const obs = [...answered(5, 10, 15, 20, 25, 30), ...censored(35, 35, 35, 35, 35)];
    const ci = kmQuantileInterval(kaplanMeier(obs), 0.5);
    expect(ci.low).not.toBeNull();
    expect(ci.high).toBeNull();
  });
});

describe('frtStats', () => {
  it('returns NO_ELIGIBLE_CONTACTS for no tickets', () => {
    const r = frtStats([]);
    expect(r.median).toMatchObject({ status: 'no-data', reason: 'NO_ELIGIBLE_CONTACTS', value: null });
    expect(r.p90).toMatchObject({ status: 'no-data', reason: 'NO_ELIGIBLE_CONTACTS' });
  });

  it('shows small samples with a low-precision badge instead of suppressing', () => {
    const r = frtStats(answered(10, 20, 30, 40, 50));
    expect(r.median).toMatchObject({ value: 30, n: 5, status: 'ok', badge: 'low-precision' });
    expect(r.p90).toMatchObject({ value: 50, status: 'ok' });
  });

  it('drops the badge from n = 30 (operational metric)', () => {
    const r = frtStats(answered(...Array.from({ length: 30 }, (_, i) => i + 1)));
    expect(r.median).toMatchObject({ value: 15, status: 'ok' });
    expect(r.median.badge).toBeUndefined();
    expect(r.p90.value).toBe(27);
  });

  it('reports KM_NOT_REACHED with the maximum observed time as the lower bound', () => {
    const obs = [
      ...answered(...Array.from({ length: 20 }, (_, i) => i + 1)),
      ...censored(...Array.from({ length: 20 }, () => 500)),
    ];
    const r = frtStats(obs);
    expect(r.median).toMatchObject({ status: 'provisional', value: 20 });
    expect(r.p90).toMatchObject({
      value: null,
      low: 500,
      high: null,
      status: 'incomplete',
      reason: 'KM_NOT_REACHED',
      n: 40,
    });
  });

  it('is provisional by default while tickets are unanswered, and final when told so', () => {
    const obs = [...answered(...Array.from({ length: 40 }, (_, i) => 60 * (i + 1))), ...censored(30)];
    expect(frtStats(obs).median).toMatchObject({ status: 'provisional', reason: 'WINDOW_INCOMPLETE' });
    expect(frtStats(obs, { provisional: false }).median.status).toBe('ok');
    expect(frtStats(answered(1, 2, 3), { provisional: true }).p90.status).toBe('provisional');
  });

  it('attaches a Brookmeyer–Crowley interval around the median', () => {
    const r = frtStats(answered(...Array.from({ length: 100 }, (_, i) => i + 1)));
    expect(r.median.value).toBe(50);
    expect(r.median.low ?? Infinity).toBeLessThan(50);
    expect(r.median.high ?? 0).toBeGreaterThan(50);
  });
});

describe('frtWithinSla', () => {
  it('counts answered within SLA over tickets with a known outcome', () => {
    const obs = [...answered(10, 20, 30, 70), ...censored(90)];
    expect(frtWithinSla(obs, 60)).toMatchObject({ value: 60, n: 5, status: 'ok', badge: 'low-precision' });
  });

  it('excludes tickets censored before the SLA and marks the rate provisional', () => {
    const obs = [...answered(10, 70), ...censored(5)];
    expect(frtWithinSla(obs, 60)).toMatchObject({
      value: 50,
      n: 2,
      status: 'provisional',
      reason: 'WINDOW_INCOMPLETE',
    });
  });

  it('returns NO_ELIGIBLE_CONTACTS without tickets', () => {
    expect(frtWithinSla([], 60)).toMatchObject({ status: 'no-data', reason: 'NO_ELIGIBLE_CONTACTS' });
  });
});
