import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  correlationMatrix,
  correlationPValue,
  fisherInterval,
  pearson,
  pearsonR,
  spearman,
} from '@cxl/shared/stats/correlation';

describe('pearsonR', () => {
  it('computes r = Σdxdy/√(Σdx²Σdy²) for a hand-worked case (6/√60)', () => {
    expect(pearsonR([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 12);
  });

  it('is exactly ±1 for perfectly linear data and null for a constant variable', () => {
    expect(pearsonR([1, 2, 3], [3, 5, 7])).toBe(1);
    expect(pearsonR([1, 2, 3], [7, 5, 3])).toBe(-1);
    expect(pearsonR([1, 2, 3], [4, 4, 4])).toBeNull();
  });

  it('rejects arrays of different length and non-finite values', () => {
    expect(() => pearsonR([1, 2], [1])).toThrow(RangeError);
    expect(() => pearsonR([1, Number.NaN], [1, 2])).toThrow(RangeError);
  });
});

describe('fisherInterval', () => {
  it('reproduces the textbook interval for r = 0.5, n = 50: tanh(atanh(0.5) ± 1.96/√47) = [0.258, 0.683]', () => {
    const ci = fisherInterval(0.5, 50);
    expect(ci?.low).toBeCloseTo(0.2575, 3);
    expect(ci?.high).toBeCloseTo(0.6833, 3);
  });

  it('widens the interval by removing one degree of freedom per partialled variable', () => {
    const plain = fisherInterval(0.3, 20);
    const partial = fisherInterval(0.3, 20, 0.95, 2);
    expect(partial && plain && partial.high - partial.low).toBeGreaterThan(
      plain ? plain.high - plain.low : Infinity,
    );
    const z = Math.atanh(0.3);
    expect(partial?.low).toBeCloseTo(Math.tanh(z - 1.959963984540054 / Math.sqrt(15)), 12);
  });

  it('is null when n ≤ 3 and degenerate [r, r] when |r| = 1', () => {
    expect(fisherInterval(0.2, 3)).toBeNull();
    expect(fisherInterval(1, 10)).toEqual({ low: 1, high: 1 });
  });
});

describe('correlationPValue', () => {
  it('uses t = r√(df/(1 − r²)) with df = n − 2: r = 0.5, n = 50 gives t = 4 and p ≈ 0.00022', () => {
    const p = correlationPValue(0.5, 50);
    expect(p).toBeGreaterThan(0.0001);
    expect(p).toBeLessThan(0.0003);
  });

  it('is 1 for r = 0 and null without degrees of freedom', () => {
    expect(correlationPValue(0, 30)).toBeCloseTo(1, 12);
    expect(correlationPValue(0.4, 2)).toBeNull();
  });
});

describe('pearson', () => {
  it('returns r with its Fisher interval and p-value', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const y = [2, 1, 4, 3, 6, 5, 8, 7];
    const est = pearson(x, y);
    expect(est.status).toBe('ok');
    if (est.status !== 'ok') return;
    expect(est.r).toBeCloseTo(pearsonR(x, y) ?? NaN, 12);
    const ci = fisherInterval(est.r, 8);
    expect(est.low).toBeCloseTo(ci?.low ?? NaN, 12);
    expect(est.high).toBeCloseTo(ci?.high ?? NaN, 12);
    expect(est.low).toBeLessThan(est.r);
    expect(est.high).toBeGreaterThan(est.r);
  });

  it.each([
    [[1, 2, 3], [1, 2, 3], 'too-few'],
    [[1, 2, 3, 4, 5], [2, 2, 2, 2, 2], 'zero-variance'],
  ])('gives an explicit status instead of NaN for %j / %j', (x, y, status) => {
    const est = pearson(x, y);
    expect(est.status).toBe(status);
    expect(JSON.stringify(est)).not.toContain('NaN');
  });
});

describe('averageRanks and spearman', () => {
  it('gives ties their average rank', () => {
    expect(averageRanks([10, 20, 20, 30, 5])).toEqual([2, 3.5, 3.5, 5, 1]);
  });

  it('is 1 for a monotone but non-linear relation and reproducible with the same seed', () => {
    const x = Array.from({ length: 40 }, (_, i) => i - 20);
    const y = x.map((v) => v ** 3);
    const a = spearman(x, y, { seed: 7, resamples: 200 });
    expect(a.status === 'ok' && a.r).toBe(1);
    const noisy = x.map((v, i) => v + ((i * 7) % 11) - 5);
    const b1 = spearman(x, noisy, { seed: 3, resamples: 300 });
    const b2 = spearman(x, noisy, { seed: 3, resamples: 300 });
    expect(b1).toEqual(b2);
    if (b1.status !== 'ok') throw new Error('expected ok');
    expect(b1.low).toBeLessThanOrEqual(b1.r);
    expect(b1.high).toBeGreaterThanOrEqual(b1.r);
  });
});

describe('correlationMatrix', () => {
  it('has a unit diagonal and pairwise Pearson r off it', () => {
    const a = [1, 3, 2, 5, 4, 6];
    const b = [2, 2, 3, 6, 5, 5];
    const c = [9, 7, 8, 3, 4, 1];
    const res = correlationMatrix([a, b, c]);
    if (res.status !== 'ok') throw new Error('expected ok');
    expect(res.matrix[0]?.[0]).toBe(1);
    expect(res.matrix[0]?.[1]).toBeCloseTo(pearsonR(a, b) ?? NaN, 12);
    expect(res.matrix[2]?.[1]).toBeCloseTo(pearsonR(c, b) ?? NaN, 12);
    expect(res.matrix[1]?.[2]).toBe(res.matrix[2]?.[1]);
  });

  it('names constant columns instead of dividing by zero', () => {
    const res = correlationMatrix([
      [1, 2, 3],
      [5, 5, 5],
    ]);
    expect(res.status).toBe('zero-variance');
    expect(res.status !== 'ok' && res.constantColumns).toEqual([1]);
  });
});
