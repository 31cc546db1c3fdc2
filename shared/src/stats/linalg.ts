/**
 * Small dense linear algebra for the regression code: symmetric positive-definite solves and
 * inverses (Cholesky, from ml-matrix), a general inverse (LU), quadratic forms and multivariate
 * normal draws. Matrices are plain `number[][]` (row-major) at the API boundary; degenerate input
 * gives `{ status: 'singular', reason }`, never NaN.
 */
import { CholeskyDecomposition, LuDecomposition, Matrix } from 'ml-matrix';
import type { Prng } from './prng';

/** Result of a decomposition-based operation: the value, or why it could not be computed. */
export type LinalgResult<T> =
  { status: 'ok'; value: T } | { status: 'singular'; reason: string; column: number | null };

/**
 * Tolerance on 1 − R²_j: a column whose squared Cholesky pivot is below this fraction of its diagonal
 * element is (numerically) a linear combination of the earlier columns.
 */
export const COLLINEARITY_TOLERANCE = 1e-10;

/** p × p zero matrix. */
export function zeros(p: number, q = p): number[][] {
  return Array.from({ length: p }, () => new Array<number>(q).fill(0));
}

/** `a[i][j]`, 0 when out of range (keeps strict index access readable). */
export function get(a: readonly (readonly number[])[], i: number, j: number): number {
  return a[i]?.[j] ?? 0;
}

/**
 * Cholesky factor L (A = L Lᵀ) of a symmetric matrix. Singular when A is not positive definite or
 * when some column j has L_jj² < {@link COLLINEARITY_TOLERANCE} · A_jj (collinear with columns < j, or
 * all zero). Empty matrix → singular.
 */
export function cholesky(a: readonly (readonly number[])[]): LinalgResult<Matrix> {
  const p = a.length;
  if (p === 0) return { status: 'singular', reason: 'empty matrix', column: null };
  for (let j = 0; j < p; j++) {
    const d = get(a, j, j);
    if (!(d > 0) || !Number.isFinite(d)) {
      return {
        status: 'singular',
        reason: `column ${j} has no variation (diagonal ${d})`,
        column: j,
      };
    }
  }
  const m = new Matrix(a.map((r) => [...r]));
  let dec: CholeskyDecomposition;
  try {
    dec = new CholeskyDecomposition(m);
  } catch (e) {
    return { status: 'singular', reason: e instanceof Error ? e.message : String(e), column: null };
  }
  const L = dec.lowerTriangularMatrix;
  for (let j = 0; j < p; j++) {
    const l = L.get(j, j);
    if (!Number.isFinite(l) || l * l < COLLINEARITY_TOLERANCE * get(a, j, j)) {
      return {
        status: 'singular',
        reason: `column ${j} is collinear with earlier columns`,
        column: j,
      };
    }
  }
  if (!dec.isPositiveDefinite()) return { status: 'singular', reason: 'not positive definite', column: null };
  return { status: 'ok', value: L };
}

/** Solves L Lᵀ x = b given the Cholesky factor L. */
function cholSolve(L: Matrix, b: readonly number[]): number[] {
  const p = L.rows;
  const y = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= L.get(i, k) * (y[k] ?? 0);
    y[i] = s / L.get(i, i);
  }
  const x = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < p; k++) s -= L.get(k, i) * (x[k] ?? 0);
    x[i] = s / L.get(i, i);
  }
  return x;
}

/** x with A x = b for symmetric positive-definite A (Cholesky); singular as in {@link cholesky}. */
export function solveSpd(a: readonly (readonly number[])[], b: readonly number[]): LinalgResult<number[]> {
  const c = cholesky(a);
  if (c.status !== 'ok') return c;
  return { status: 'ok', value: cholSolve(c.value, b) };
}

/** A⁻¹ for symmetric positive-definite A (Cholesky), exactly symmetrised; singular as in {@link cholesky}. */
export function invertSpd(a: readonly (readonly number[])[]): LinalgResult<number[][]> {
  const c = cholesky(a);
  if (c.status !== 'ok') return c;
  const p = a.length;
  const inv = zeros(p);
  const e = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = cholSolve(c.value, e);
    for (let i = 0; i < p; i++) {
      const row = inv[i];
      if (row) row[j] = col[i] ?? 0;
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const s = (get(inv, i, j) + get(inv, j, i)) / 2;
      const ri = inv[i];
      const rj = inv[j];
      if (ri) ri[j] = s;
      if (rj) rj[i] = s;
    }
  }
  return { status: 'ok', value: inv };
}

/** A⁻¹ of a square matrix by LU with partial pivoting; singular when LU reports a zero pivot. */
export function invertGeneral(a: readonly (readonly number[])[]): LinalgResult<number[][]> {
  const p = a.length;
  if (p === 0) return { status: 'singular', reason: 'empty matrix', column: null };
  const lu = new LuDecomposition(new Matrix(a.map((r) => [...r])));
  if (lu.isSingular()) return { status: 'singular', reason: 'LU has a zero pivot', column: null };
  const inv = lu.solve(Matrix.eye(p)).to2DArray();
  if (inv.some((r) => r.some((v) => !Number.isFinite(v)))) {
    return { status: 'singular', reason: 'inverse is not finite', column: null };
  }
  return { status: 'ok', value: inv };
}

/** Quadratic form vᵀ A v. 0 for empty input. */
export function quadraticForm(v: readonly number[], a: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const vi = v[i] ?? 0;
    if (vi === 0) continue;
    for (let j = 0; j < v.length; j++) s += vi * get(a, i, j) * (v[j] ?? 0);
  }
  return s;
}

/** Matrix product A B (dimensions taken from A's rows, B's rows and B's columns). */
export function matMul(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const k = b.length;
  const m = b[0]?.length ?? 0;
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const row = out[i];
    if (!row) continue;
    for (let t = 0; t < k; t++) {
      const ait = get(a, i, t);
      if (ait === 0) continue;
      const bt = b[t];
      if (!bt) continue;
      for (let j = 0; j < m; j++) row[j] = (row[j] ?? 0) + ait * (bt[j] ?? 0);
    }
  }
  return out;
}

/** The sub-matrix of rows and columns `idx`. */
export function subMatrix(a: readonly (readonly number[])[], idx: readonly number[]): number[][] {
  return idx.map((i) => idx.map((j) => get(a, i, j)));
}

/**
 * One standard-normal draw by Box–Muller from two uniforms of `rng` (u₁ is shifted away from 0 so
 * log(u₁) is finite).
 */
export function normalDraw(rng: Prng): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Sampler of x ~ N(mean, cov): x = mean + L z with cov = L Lᵀ (Cholesky) and z i.i.d. N(0, 1) from
 * `rng`. Coordinates with zero variance (row and column all 0) are held at their mean. Singular when
 * the remaining covariance is not positive definite.
 */
export function mvnSampler(
  mean: readonly number[],
  cov: readonly (readonly number[])[],
  rng: Prng,
): LinalgResult<() => number[]> {
  const p = mean.length;
  const free: number[] = [];
  for (let j = 0; j < p; j++) if (get(cov, j, j) > 0) free.push(j);
  if (free.length === 0) return { status: 'ok', value: () => [...mean] };
  const c = cholesky(subMatrix(cov, free));
  if (c.status !== 'ok') return c;
  const L = c.value;
  const q = free.length;
  return {
    status: 'ok',
    value: () => {
      const z = new Array<number>(q);
      for (let k = 0; k < q; k++) z[k] = normalDraw(rng);
      const x = [...mean];
      for (let a = 0; a < q; a++) {
        let s = 0;
        for (let b = 0; b <= a; b++) s += L.get(a, b) * (z[b] ?? 0);
        const j = free[a] ?? 0;
        x[j] = (x[j] ?? 0) + s;
      }
      return x;
    },
  };
}
