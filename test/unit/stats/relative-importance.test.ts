import { describe, expect, it } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import { latentFullCorrelation, discretisedFullCorrelation } from '@cxl/shared/generator/drivers';
import { correlationMatrix } from '@cxl/shared/stats/correlation';
import { createPrng, type Prng } from '@cxl/shared/stats/prng';
import {
  allSubsetR2,
  johnsonRelativeWeights,
  lmgFromCorrelation,
  relativeImportance,
  splitOutcome,
  subsetR2,
  type CorrelationSystem,
} from '@cxl/shared/stats/relative-importance';

function normal(rng: Prng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** n rows of p correlated predictors (one common factor) and y = Xβ + noise. */
function sample(n: number, loadings: number[], beta: number[], seed: number): { x: number[][]; y: number[] } {
  const rng = createPrng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = normal(rng);
    const row = loadings.map((l) => l * f + Math.sqrt(1 - l * l) * normal(rng));
    x.push(row);
    y.push(row.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0) + normal(rng));
  }
  return { x, y };
}

/** OLS R² with an intercept, refitted by least squares (normal equations via ml-matrix). */
function olsR2(x: number[][], y: number[], subset: number[]): number {
  if (subset.length === 0) return 0;
  const design = new Matrix(x.map((row) => [1, ...subset.map((j) => row[j] ?? 0)]));
  const yv = Matrix.columnVector(y);
  const xt = design.transpose();
  const b = solve(xt.mmul(design), xt.mmul(yv));
  const fitted = design.mmul(b).getColumn(0);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  let ssr = 0;
  let sst = 0;
  y.forEach((v, i) => {
    ssr += (v - (fitted[i] ?? 0)) ** 2;
    sst += (v - mean) ** 2;
  });
  return 1 - ssr / sst;
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((v, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [v, ...rest]),
  );
}

function systemOf(x: number[][], y: number[]): CorrelationSystem {
  const p = x[0]?.length ?? 0;
  const cols = Array.from({ length: p }, (_, j) => x.map((row) => row[j] ?? 0));
  const cm = correlationMatrix([...cols, y]);
  if (cm.status !== 'ok') throw new Error('degenerate sample');
  return splitOutcome(cm.matrix);
}

describe('allSubsetR2', () => {
  it('equals a direct solve r_S′R_SS⁻¹r_S for every subset', () => {
    const { x, y } = sample(
      300,
      [0.7, 0.5, 0.6, 0.3, 0.4, 0.2, 0.5, 0.6],
      [0.3, 0.2, 0.1, 0, 0.2, 0.1, 0, 0.3],
      11,
    );
    const sys = systemOf(x, y);
    const table = allSubsetR2(sys);
    if (table === null) throw new Error('unexpectedly singular');
    let worst = 0;
    for (let mask = 0; mask < 1 << 8; mask++) {
      const subset = [0, 1, 2, 3, 4, 5, 6, 7].filter((j) => mask & (1 << j));
      worst = Math.max(worst, Math.abs((table[mask] ?? NaN) - subsetR2(sys, subset)));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('returns null for collinear predictors', () => {
    expect(
      allSubsetR2({
        rxx: [
          [1, 1],
          [1, 1],
        ],
        rxy: [0.5, 0.5],
      }),
    ).toBeNull();
  });
});

describe('lmgFromCorrelation', () => {
  it('gives share_j = r_j²/Σr² when the predictors are uncorrelated', () => {
    const rxy = [0.5, 0.3, 0.1, -0.2];
    const res = lmgFromCorrelation({
      rxx: rxy.map((_, j) => rxy.map((__, k) => (j === k ? 1 : 0))),
      rxy,
    });
    if (res.status !== 'ok') throw new Error(res.reason);
    const total = rxy.reduce((s, r) => s + r * r, 0);
    expect(res.r2).toBeCloseTo(total, 12);
    rxy.forEach((r, j) => {
      expect(res.raw[j]).toBeCloseTo(r * r, 12);
      expect(res.shares[j]).toBeCloseTo((r * r) / total, 12);
    });
  });

  it('sums to R² and equals a brute-force Shapley value over refitted regressions', () => {
    const { x, y } = sample(250, [0.8, 0.6, 0.4, 0.5], [0.4, 0.1, 0.3, 0.05], 5);
    const res = lmgFromCorrelation(systemOf(x, y));
    if (res.status !== 'ok') throw new Error(res.reason);
    expect(res.shares.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(res.raw.reduce((s, v) => s + v, 0)).toBeCloseTo(res.r2, 12);
    expect(res.r2).toBeCloseTo(olsR2(x, y, [0, 1, 2, 3]), 10);
    // Shapley: average over all p! orderings of the R² gained when j joins its predecessors.
    const orders = permutations([0, 1, 2, 3]);
    const shapley = [0, 0, 0, 0];
    for (const order of orders) {
      order.forEach((j, pos) => {
        const before = order.slice(0, pos);
        shapley[j] = (shapley[j] ?? 0) + (olsR2(x, y, [...before, j]) - olsR2(x, y, before)) / orders.length;
      });
    }
    shapley.forEach((v, j) => expect(res.raw[j]).toBeCloseTo(v, 10));
  });

  it('reproduces the planted population LMG shares of methods §5.4 E5 (0.322, 0.246, 0.228, 0.048, 0.100, 0.057)', () => {
    const res = lmgFromCorrelation(splitOutcome(latentFullCorrelation()));
    if (res.status !== 'ok') throw new Error(res.reason);
    expect(res.r2).toBeCloseTo(0.55, 10);
    [0.322, 0.246, 0.228, 0.048, 0.1, 0.057].forEach((s, j) =>
      expect(Math.abs((res.shares[j] ?? NaN) - s)).toBeLessThan(6e-4),
    );
  });

  it.each([
    [{ rxx: [], rxy: [] }, 'no-predictors'],
    [
      {
        rxx: [
          [1, 1],
          [1, 1],
        ],
        rxy: [0.3, 0.3],
      },
      'singular',
    ],
    [
      {
        rxx: [
          [1, 0.2],
          [0.2, 1],
        ],
        rxy: [0, 0],
      },
      'zero-r2',
    ],
  ])('reports %j as %s', (sys, status) => {
    expect(lmgFromCorrelation(sys).status).toBe(status);
  });
});

describe('johnsonRelativeWeights', () => {
  it('agrees with LMG within 0.004 in share on the planted design (methods §5.4: 0.320, 0.248, 0.227, 0.048, 0.103, 0.054)', () => {
    for (const full of [latentFullCorrelation(), discretisedFullCorrelation()]) {
      const sys = splitOutcome(full);
      const rw = johnsonRelativeWeights(sys);
      const lmg = lmgFromCorrelation(sys);
      if (rw.status !== 'ok' || lmg.status !== 'ok') throw new Error('degenerate');
      expect(rw.r2).toBeCloseTo(lmg.r2, 10);
      rw.shares.forEach((s, j) => expect(Math.abs(s - (lmg.shares[j] ?? NaN))).toBeLessThan(0.004));
    }
    const rw = johnsonRelativeWeights(splitOutcome(latentFullCorrelation()));
    if (rw.status !== 'ok') throw new Error('degenerate');
    [0.32, 0.248, 0.227, 0.048, 0.103, 0.054].forEach((s, j) =>
      expect(Math.abs((rw.shares[j] ?? NaN) - s)).toBeLessThan(6e-4),
    );
  });

  it('is the default above p = 15 and stays within 0.015 of the exact LMG there', () => {
    const loadings = Array.from({ length: 16 }, (_, j) => 0.3 + 0.03 * j);
    const beta = Array.from({ length: 16 }, (_, j) => (j % 4 === 0 ? 0.3 : 0.05));
    const s = sample(2000, loadings, beta, 9);
    const sys = systemOf(s.x, s.y);
    const auto = relativeImportance(sys);
    const exact = relativeImportance(sys, { maxExactP: 16 });
    if (auto.status !== 'ok' || exact.status !== 'ok') throw new Error('degenerate');
    expect(auto.method).toBe('johnson');
    expect(exact.method).toBe('lmg');
    auto.shares.forEach((v, j) => expect(Math.abs(v - (exact.shares[j] ?? NaN))).toBeLessThan(0.015));
  });

  it('reports a singular predictor matrix', () => {
    expect(
      johnsonRelativeWeights({
        rxx: [
          [1, 1],
          [1, 1],
        ],
        rxy: [0.2, 0.2],
      }).status,
    ).toBe('singular');
  });
});
