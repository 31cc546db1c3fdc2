import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, inverse } from 'ml-matrix';
import {
  clusterRobustCovariance,
  coefficientTable,
  designFromRows,
  fitGlm,
  logFactorial,
  waldTest,
  type GlmRow,
} from '@cxl/shared/stats/glm';
import {
  cholesky,
  invertGeneral,
  invertSpd,
  mvnSampler,
  quadraticForm,
  solveSpd,
} from '@cxl/shared/stats/linalg';
import { createPrng } from '@cxl/shared/stats/prng';

/** Expands a 2×2 table into one row per subject: x ∈ {0, 1}, y ∈ {0, 1}. */
function table2x2(a: number, b: number, c: number, d: number): GlmRow[] {
  // a = events at x=1, b = non-events at x=1, c = events at x=0, d = non-events at x=0
  const rows: GlmRow[] = [];
  const push = (x: number, y: number, n: number) => {
    for (let i = 0; i < n; i++) rows.push({ x: [1, x], y, cluster: rows.length });
  };
  push(1, 1, a);
  push(1, 0, b);
  push(0, 1, c);
  push(0, 0, d);
  return rows;
}

describe('linear algebra', () => {
  it('solves and inverts a symmetric positive-definite matrix', () => {
    const a = [
      [4, 2, 0.6],
      [2, 3, 0.4],
      [0.6, 0.4, 2],
    ];
    const x = solveSpd(a, [1, 2, 3]);
    expect(x.status).toBe('ok');
    if (x.status !== 'ok') return;
    const back = a.map((row) => row.reduce((s, v, j) => s + v * (x.value[j] ?? 0), 0));
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i] ?? NaN, 12));
    const inv = invertSpd(a);
    const ref = inverse(new Matrix(a)).to2DArray();
    expect(inv.status).toBe('ok');
    if (inv.status === 'ok')
      inv.value.forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(ref[i]?.[j] ?? NaN, 12)));
  });

  it('reports the collinear column of a singular matrix instead of returning NaN', () => {
    const a = [
      [1, 2, 3],
      [2, 4, 6],
      [3, 6, 10],
    ];
    const c = cholesky(a);
    expect(c.status).toBe('singular');
    if (c.status === 'singular') expect(c.column).toBe(1);
    expect(
      invertGeneral([
        [1, 2],
        [2, 4],
      ]).status,
    ).toBe('singular');
    expect(cholesky([]).status).toBe('singular');
  });

  it('draws multivariate normals with the requested covariance', () => {
    const cov = [
      [1, 0.6],
      [0.6, 2],
    ];
    const s = mvnSampler([1, -1], cov, createPrng(42));
    expect(s.status).toBe('ok');
    if (s.status !== 'ok') return;
    const n = 40_000;
    let m0 = 0;
    let m1 = 0;
    let c00 = 0;
    let c01 = 0;
    let c11 = 0;
    const xs = Array.from({ length: n }, () => s.value());
    for (const [a = 0, b = 0] of xs) {
      m0 += a / n;
      m1 += b / n;
    }
    for (const [a = 0, b = 0] of xs) {
      c00 += ((a - m0) * (a - m0)) / n;
      c01 += ((a - m0) * (b - m1)) / n;
      c11 += ((b - m1) * (b - m1)) / n;
    }
    expect(m0).toBeCloseTo(1, 1);
    expect(m1).toBeCloseTo(-1, 1);
    expect(c00).toBeCloseTo(1, 1);
    expect(c01).toBeCloseTo(0.6, 1);
    expect(c11).toBeCloseTo(2, 1);
  });

  it('evaluates a quadratic form', () => {
    expect(
      quadraticForm(
        [1, 2],
        [
          [2, 1],
          [1, 3],
        ],
      ),
    ).toBe(2 + 2 * 2 + 3 * 4);
  });
});

describe('fitGlm closed forms', () => {
  it('recovers the log odds ratio and Woolf SE of a 2×2 table with one binary covariate', () => {
    const [a, b, c, d] = [60, 60, 30, 70];
    const fit = fitGlm(designFromRows(table2x2(a, b, c, d), 2, ['(Intercept)', 'x']), {
      family: 'binomial',
      tolerance: 1e-13,
    });
    expect(fit.status).toBe('ok');
    expect(fit.coefficients?.[1]).toBeCloseTo(Math.log((a * d) / (b * c)), 9);
    expect(fit.coefficients?.[0]).toBeCloseTo(Math.log(c / d), 9);
    expect(fit.se?.[1]).toBeCloseTo(Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d), 9);
    // Log-likelihood of the saturated 2×2 model.
    const ll = a * Math.log(0.5) + b * Math.log(0.5) + c * Math.log(0.3) + d * Math.log(0.7);
    expect(fit.logLik).toBeCloseTo(ll, 8);
  });

  it('gives the same estimate for frequency-weighted rows as for expanded rows', () => {
    const weighted: GlmRow[] = [
      { x: [1, 1], y: 1, weight: 60 },
      { x: [1, 1], y: 0, weight: 60 },
      { x: [1, 0], y: 1, weight: 30 },
      { x: [1, 0], y: 0, weight: 70 },
    ];
    const fw = fitGlm(designFromRows(weighted, 2), { family: 'binomial', tolerance: 1e-13 });
    const fe = fitGlm(designFromRows(table2x2(60, 60, 30, 70), 2), { family: 'binomial', tolerance: 1e-13 });
    expect(fw.coefficients?.[1]).toBeCloseTo(fe.coefficients?.[1] ?? NaN, 9);
    expect(fw.se?.[1]).toBeCloseTo(fe.se?.[1] ?? NaN, 9);
  });

  it('matches exp(coefficients) of Poisson group dummies with an exposure offset to the rate ratios', () => {
    const groups = [
      { events: 12, exposure: 100 },
      { events: 30, exposure: 150 },
      { events: 5, exposure: 80 },
    ];
    const rows: GlmRow[] = groups.map((g, i) => ({
      x: [1, i === 1 ? 1 : 0, i === 2 ? 1 : 0],
      y: g.events,
      offset: Math.log(g.exposure),
    }));
    const fit = fitGlm(designFromRows(rows, 3), { family: 'poisson' });
    expect(fit.status).toBe('ok');
    const rate = groups.map((g) => g.events / g.exposure);
    expect(Math.exp(fit.coefficients?.[0] ?? NaN)).toBeCloseTo(rate[0] ?? NaN, 10);
    expect(Math.exp(fit.coefficients?.[1] ?? NaN)).toBeCloseTo((rate[1] ?? 0) / (rate[0] ?? 1), 10);
    expect(Math.exp(fit.coefficients?.[2] ?? NaN)).toBeCloseTo((rate[2] ?? 0) / (rate[0] ?? 1), 10);
    // SE of a log rate ratio = sqrt(1/a + 1/b).
    expect(fit.se?.[1]).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 12), 9);
    const ll = groups.reduce(
      (s, g) => s + g.events * Math.log(g.events) - g.events - logFactorial(g.events),
      0,
    );
    expect(fit.logLik).toBeCloseTo(ll, 9);
  });

  it('reproduces a least-squares line computed by hand', () => {
    // x̄ = 3, ȳ = 4, Sxy = 9, Sxx = 10 → slope 0.9, intercept 1.3; RSS = 1.9, σ² = 1.9/3.
    const rows = [
      [1, 2],
      [2, 3],
      [3, 5],
      [4, 4],
      [5, 6],
    ].map(([x = 0, y = 0]) => ({ x: [1, x], y }));
    const fit = fitGlm(designFromRows(rows, 2), { family: 'gaussian' });
    expect(fit.status).toBe('ok');
    expect(fit.coefficients?.[0]).toBeCloseTo(1.3, 12);
    expect(fit.coefficients?.[1]).toBeCloseTo(0.9, 12);
    expect(fit.dispersion).toBeCloseTo(1.9 / 3, 12);
    expect(fit.se?.[1]).toBeCloseTo(Math.sqrt(1.9 / 3 / 10), 12);
  });

  it('computes the CR1 cluster-robust covariance of least squares as the explicit sandwich', () => {
    const data = [
      [1, 2.1, 0],
      [2, 2.9, 0],
      [3, 5.2, 1],
      [4, 3.8, 1],
      [5, 6.3, 2],
      [6, 6.1, 2],
      [7, 8.4, 3],
      [8, 7.7, 3],
    ];
    const rows = data.map(([x = 0, y = 0, g = 0]) => ({ x: [1, x], y, cluster: g }));
    const fit = fitGlm(designFromRows(rows, 2), { family: 'gaussian' });
    const X = new Matrix(data.map(([x = 0]) => [1, x]));
    const y = Matrix.columnVector(data.map(([, v = 0]) => v));
    const bread = inverse(X.transpose().mmul(X));
    const beta = bread.mmul(X.transpose()).mmul(y);
    const e = y.sub(X.mmul(beta));
    const meat = Matrix.zeros(2, 2);
    for (let g = 0; g < 4; g++) {
      const s = Matrix.zeros(2, 1);
      data.forEach(([x = 0, , gg], i) => {
        if (gg !== g) return;
        s.add(Matrix.columnVector([1, x]).mul(e.get(i, 0)));
      });
      meat.add(s.mmul(s.transpose()));
    }
    const G = 4;
    const n = 8;
    const p = 2;
    const v = bread
      .mmul(meat)
      .mmul(bread)
      .mul((G / (G - 1)) * ((n - 1) / (n - p)));
    expect(fit.clusters).toBe(4);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) expect(fit.robustCov?.[i]?.[j]).toBeCloseTo(v.get(i, j), 12);
    expect(clusterRobustCovariance([[1]], [[1]], 10)).toBeNull();
  });

  it('gives identical fits for sparse and dense encodings of the same rows', () => {
    const rng = createPrng(7);
    const dense: GlmRow[] = [];
    const sparse: GlmRow[] = [];
    for (let i = 0; i < 400; i++) {
      const g = Math.floor(rng() * 3);
      const z = rng() * 2 - 1;
      const eta = -1 + 0.5 * (g === 1 ? 1 : 0) - 0.4 * (g === 2 ? 1 : 0) + 0.8 * z;
      const y = rng() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
      const x = [1, g === 1 ? 1 : 0, g === 2 ? 1 : 0, z];
      dense.push({ x, y, cluster: i % 50 });
      const idx = x.map((_, j) => j).filter((j) => x[j] !== 0);
      sparse.push({ x: idx.map((j) => x[j] ?? 0), index: idx, y, cluster: i % 50 });
    }
    const a = fitGlm(designFromRows(dense, 4), { family: 'binomial' });
    const b = fitGlm(designFromRows(sparse, 4), { family: 'binomial' });
    expect(a.status).toBe('ok');
    a.coefficients?.forEach((v, j) => expect(b.coefficients?.[j]).toBeCloseTo(v, 12));
    a.robustSe?.forEach((v, j) => expect(b.robustSe?.[j]).toBeCloseTo(v, 12));
  });

  it('satisfies the score equations Xᵀ(y − μ̂) = 0 at convergence for random logistic data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 60, max: 300 }), (seed, n) => {
        const rng = createPrng(seed);
        const rows: GlmRow[] = [];
        for (let i = 0; i < n; i++) {
          const x1 = rng() * 2 - 1;
          const x2 = rng() < 0.5 ? 1 : 0;
          const y = rng() < 1 / (1 + Math.exp(-(0.3 + x1 - 0.5 * x2))) ? 1 : 0;
          rows.push({ x: [1, x1, x2], y });
        }
        const fit = fitGlm(designFromRows(rows, 3), { family: 'binomial', tolerance: 1e-12 });
        if (fit.status !== 'ok' || !fit.coefficients) return fit.status === 'separation';
        const beta = fit.coefficients;
        const score = [0, 0, 0];
        for (const r of rows) {
          const x = r.x as number[];
          const mu = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0)));
          x.forEach((v, j) => (score[j] = (score[j] ?? 0) + v * (r.y - mu)));
        }
        return score.every((s) => Math.abs(s) < 1e-6);
      }),
      { seed: 20260101, numRuns: 40 },
    );
  });

  it('tests coefficients jointly with a Wald statistic whose one-df case is z²', () => {
    const fit = fitGlm(designFromRows(table2x2(60, 60, 30, 70), 2), { family: 'binomial' });
    const beta = fit.coefficients ?? [];
    const cov = fit.cov ?? [];
    const w = waldTest(beta, cov, [1]);
    const z = (beta[1] ?? 0) / (fit.se?.[1] ?? 1);
    expect(w?.statistic).toBeCloseTo(z * z, 10);
    expect(w?.df).toBe(1);
    const table = coefficientTable(fit, { robust: false });
    expect(w?.p).toBeCloseTo(table[1]?.p ?? NaN, 8);
    expect(waldTest(beta, cov, [])).toBeNull();
  });
});

describe('fitGlm degenerate input', () => {
  it('flags complete separation instead of returning diverging estimates as ok', () => {
    const rows = [0, 1, 2, 3, 4, 5].map((x) => ({ x: [1, x], y: x >= 3 ? 1 : 0 }));
    const fit = fitGlm(designFromRows(rows, 2), { family: 'binomial' });
    expect(fit.status).toBe('separation');
    expect(fit.reason).toMatch(/separation/);
  });

  it('flags an outcome of one class', () => {
    const rows = [0, 1, 2, 3].map((x) => ({ x: [1, x], y: 0 }));
    const fit = fitGlm(designFromRows(rows, 2), { family: 'binomial' });
    expect(fit.status).toBe('separation');
    expect(fit.coefficients).toBeNull();
    expect(fitGlm(designFromRows(rows, 2), { family: 'poisson' }).status).toBe('separation');
  });

  it('names the collinear column of a singular design', () => {
    const rows = [0, 1, 2, 3, 1].map((x, i) => ({ x: [1, x, 2 * x], y: i % 2 }));
    const fit = fitGlm(designFromRows(rows, 3, ['(Intercept)', 'x', 'twice-x']), { family: 'binomial' });
    expect(fit.status).toBe('singular');
    expect(fit.reason).toContain('twice-x');
    expect(fit.coefficients).toBeNull();
  });

  it('reports too few rows and an empty design', () => {
    expect(fitGlm(designFromRows([{ x: [1, 2, 3], y: 1 }], 3), { family: 'gaussian' }).status).toBe(
      'insufficient-data',
    );
    const none = fitGlm(designFromRows([], 2), { family: 'poisson' });
    expect(none.status).toBe('insufficient-data');
    expect(none.reason).toMatch(/no rows/);
  });

  it('reports non-convergence when the iteration limit is reached', () => {
    const fit = fitGlm(designFromRows(table2x2(60, 60, 30, 70), 2), { family: 'binomial', maxIterations: 1 });
    expect(fit.status).toBe('not-converged');
    expect(fit.converged).toBe(false);
  });

  it('rejects outcomes outside the family support', () => {
    expect(() => fitGlm(designFromRows([{ x: [1], y: 2 }], 1), { family: 'binomial' })).toThrow(RangeError);
    expect(() => fitGlm(designFromRows([{ x: [1], y: -1 }], 1), { family: 'poisson' })).toThrow(RangeError);
  });

  it('computes log factorials exactly for small integers and by Stirling beyond the table', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 12);
    let s = 0;
    for (let k = 2; k <= 300; k++) s += Math.log(k);
    expect(logFactorial(300)).toBeCloseTo(s, 8);
    expect(logFactorial(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 10);
  });
});
