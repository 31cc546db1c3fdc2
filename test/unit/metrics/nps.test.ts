import { describe, expect, it } from 'vitest';
import {
  npsAdjustedWaldCi,
  npsCategory,
  npsCounts,
  npsDifferenceTest,
  npsFromCounts,
  npsMarginOfError,
  npsSampleSize,
  npsScore,
  npsWaldCi,
  npsWaldSe,
  npsWeighted,
  Z95,
} from '../../../shared/src/metrics';
import { ltrs } from './factories';

const worked = { promoters: 180, passives: 140, detractors: 80 };
const second = { promoters: 150, passives: 140, detractors: 90 };

describe('npsCategory', () => {
  it.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ] as const)('classifies %i as %s', (ltr, category) => {
    expect(npsCategory(ltr)).toBe(category);
  });

  it.each([-1, 11, 7.5, Number.NaN])('rejects %f as outside the 0–10 scale', (ltr) => {
    expect(() => npsCategory(ltr)).toThrow(RangeError);
  });

  it('counts categories of raw answers', () => {
    expect(npsCounts([0, 6, 7, 8, 9, 10, 10])).toEqual({ promoters: 3, passives: 2, detractors: 2 });
  });
});

describe('NPS worked example (methods §1.1: n = 400, 180/140/80)', () => {
  it('scores 25.0 points', () => {
    expect(npsScore(worked)).toBeCloseTo(25, 10);
    expect(npsFromCounts(worked).value).toBeCloseTo(25, 10);
  });

  it('has a Wald SE of 3.83 points', () => {
    expect(npsWaldSe(worked)).toBeCloseTo(3.83, 2);
  });

  it('has a 95 % Wald CI of [17.5, 32.5]', () => {
    const ci = npsWaldCi(worked, Z95);
    expect(ci?.low).toBeCloseTo(17.5, 1);
    expect(ci?.high).toBeCloseTo(32.5, 1);
  });

  it('reports the adjusted-Wald CI [17.3, 32.3] on the tile', () => {
    const r = npsFromCounts(worked);
    expect(r.low).toBeCloseTo(17.3, 1);
    expect(r.high).toBeCloseTo(32.3, 1);
    expect(r).toMatchObject({ n: 400, status: 'ok' });
    expect(r.badge).toBeUndefined();
    expect(npsAdjustedWaldCi(worked)).toEqual({ low: r.low, high: r.high });
  });
});

describe('npsDifferenceTest (methods §1.1: 25.0 vs 15.8)', () => {
  const t = npsDifferenceTest(worked, second);

  it('finds a difference of 9.2 points', () => {
    expect(npsScore(second)).toBeCloseTo(15.8, 1);
    expect(t?.difference).toBeCloseTo(9.2, 1);
  });

  it('has z = 1.66 and two-sided p = 0.096 (not significant at 5 %)', () => {
    expect(t?.z).toBeCloseTo(1.66, 2);
    expect(t?.p).toBeCloseTo(0.096, 3);
    expect(t?.p ?? 0).toBeGreaterThan(0.05);
  });

  it('is antisymmetric in its arguments', () => {
    const back = npsDifferenceTest(second, worked);
    expect(back?.z).toBeCloseTo(-(t?.z ?? 0), 12);
    expect(back?.p).toBeCloseTo(t?.p ?? 0, 12);
  });

  it('is undefined for an empty sample or zero variance', () => {
    expect(npsDifferenceTest(worked, { promoters: 0, passives: 0, detractors: 0 })).toBeNull();
    expect(
      npsDifferenceTest(
        { promoters: 5, passives: 0, detractors: 0 },
        { promoters: 9, passives: 0, detractors: 0 },
      ),
    ).toBeNull();
  });
});

describe('npsMarginOfError (methods §1.1 table)', () => {
  it.each([
    [30, 35.8, 27.4],
    [50, 27.7, 21.2],
    [100, 19.6, 15.0],
    [200, 13.9, 10.6],
    [400, 9.8, 7.5],
    [1000, 6.2, 4.8],
  ])('at n = %i rounds to ±%f worst case and ±%f typical (45/35/20)', (n, worst, typical) => {
    const round1 = (x: number | null): number => Math.round((x ?? NaN) * 10) / 10;
    expect(round1(npsMarginOfError(n))).toBe(worst);
    expect(round1(npsMarginOfError(n, 0.45, 0.2))).toBe(typical);
  });

  it('equals 196/√n in the worst case', () => {
    expect(npsMarginOfError(64, 0.5, 0.5, 1.96)).toBeCloseTo(196 / 8, 10);
  });

  it('is null for n = 0', () => {
    expect(npsMarginOfError(0)).toBeNull();
  });
});

describe('npsSampleSize', () => {
  it.each([
    [5, 1537],
    [10, 385],
    [20, 97],
  ])('needs %i-point margin → n = %i (worst case, 95 %)', (e, n) => {
    expect(npsSampleSize(e)).toBe(n);
  });

  it('needs fewer respondents for the typical split', () => {
    expect(npsSampleSize(5, 0.45, 0.2)).toBe(Math.ceil((195.9963984540054 ** 2 * 0.5875) / 25));
  });

  it('round-trips with the margin of error', () => {
    const n = npsSampleSize(7, 0.45, 0.2);
    expect(npsMarginOfError(n, 0.45, 0.2) ?? Infinity).toBeLessThanOrEqual(7);
    expect(npsMarginOfError(n - 1, 0.45, 0.2) ?? 0).toBeGreaterThan(7);
  });

  it('rejects a non-positive margin', () => {
    expect(() => npsSampleSize(0)).toThrow(RangeError);
  });
});

describe('npsFromCounts small-n rules', () => {
  it.each([
    [0, 0, 0, 'no-data', 'NO_RESPONSES', undefined],
    [10, 5, 14, 'suppressed', 'SUPPRESSED_SMALL_N', undefined],
    [15, 10, 5, 'ok', undefined, 'low-precision'],
    [50, 30, 19, 'ok', undefined, 'low-precision'],
    [50, 30, 20, 'ok', undefined, undefined],
  ] as const)('P=%i N=%i D=%i → %s', (promoters, passives, detractors, status, reason, badge) => {
    const r = npsFromCounts({ promoters, passives, detractors });
    expect(r.status).toBe(status);
    expect(r.reason).toBe(reason);
    expect(r.badge).toBe(badge);
    expect(r.n).toBe(promoters + passives + detractors);
    expect(r.value === null).toBe(status !== 'ok');
  });

  it('keeps n but nulls value and interval when suppressed', () => {
    expect(npsFromCounts({ promoters: 20, passives: 0, detractors: 9 })).toEqual({
      value: null,
      low: null,
      high: null,
      n: 29,
      status: 'suppressed',
      reason: 'SUPPRESSED_SMALL_N',
    });
  });

  it('honours custom thresholds', () => {
    expect(
      npsFromCounts({ promoters: 5, passives: 3, detractors: 2 }, { minN: 10, lowPrecisionN: 10 }),
    ).toMatchObject({
      status: 'ok',
      value: 30,
    });
  });

  it('rejects negative counts', () => {
    expect(() => npsFromCounts({ promoters: -1, passives: 40, detractors: 0 })).toThrow(RangeError);
  });
});

describe('npsFromCounts when all respondents fall in one category', () => {
  it.each([
    [{ promoters: 50, passives: 0, detractors: 0 }, 100],
    [{ promoters: 0, passives: 0, detractors: 50 }, -100],
    [{ promoters: 0, passives: 50, detractors: 0 }, 0],
  ])('keeps a non-zero-width adjusted-Wald interval for %j', (c, value) => {
    const r = npsFromCounts(c);
    expect(r.value).toBe(value);
    expect(npsWaldSe(c)).toBe(0);
    expect((r.high ?? 0) - (r.low ?? 0)).toBeGreaterThan(5);
    expect(r.low ?? -Infinity).toBeGreaterThanOrEqual(-100);
    expect(r.high ?? Infinity).toBeLessThanOrEqual(100);
  });
});

describe('npsWeighted', () => {
  it('reduces to npsFromCounts for equal weights', () => {
    const answers = ltrs(45, 35, 20).map((ltr) => ({ ltr, weight: 0.7 }));
    const weighted = npsWeighted(answers);
    const plain = npsFromCounts({ promoters: 45, passives: 35, detractors: 20 });
    expect(weighted.value).toBeCloseTo(plain.value ?? NaN, 10);
    expect(weighted.low).toBeCloseTo(plain.low ?? NaN, 10);
    expect(weighted.high).toBeCloseTo(plain.high ?? NaN, 10);
    expect(weighted).toMatchObject({ n: 100, status: 'ok' });
    expect(weighted.badge).toBeUndefined();
  });

  it('uses weighted proportions for the value', () => {
    const r = npsWeighted([
      ...Array.from({ length: 40 }, () => ({ ltr: 10, weight: 3 })),
      ...Array.from({ length: 40 }, () => ({ ltr: 0, weight: 1 })),
    ]);
    expect(r.value).toBeCloseTo(50, 10);
  });

  it('widens the interval through the Kish effective size', () => {
    const equal = npsWeighted(ltrs(60, 80, 60).map((ltr) => ({ ltr, weight: 1 })));
    const unequal = npsWeighted(ltrs(60, 80, 60).map((ltr, i) => ({ ltr, weight: i % 2 === 0 ? 1 : 4 })));
    const width = (r: { low: number | null; high: number | null }): number => (r.high ?? 0) - (r.low ?? 0);
    expect(width(unequal)).toBeGreaterThan(width(equal));
  });

  it('suppresses on the effective size (n_eff < 30) while reporting the response count', () => {
    const answers = ltrs(20, 10, 10).map((ltr, i) => ({ ltr, weight: i < 2 ? 20 : 1 }));
    const r = npsWeighted(answers);
    expect(r).toMatchObject({ status: 'suppressed', n: 40, value: null });
  });

  it('returns NO_RESPONSES for no weight', () => {
    expect(npsWeighted([])).toMatchObject({ status: 'no-data', reason: 'NO_RESPONSES' });
    expect(npsWeighted([{ ltr: 9, weight: 0 }])).toMatchObject({ status: 'no-data', reason: 'NO_RESPONSES' });
  });
});
