/**
 * Relative importance of correlated predictors from a correlation matrix (methods §2.3 step 2):
 * LMG / Shapley decomposition of R² over all subsets (exact, p ≤ 15 by default) and Johnson's relative
 * weights (fast approximation for larger p). A singular predictor correlation matrix or R² = 0 gives
 * an explicit status, never NaN.
 */
import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';

/** Predictor correlations R_xx (p×p) and predictor–outcome correlations r_xy (length p). */
export interface CorrelationSystem {
  rxx: readonly (readonly number[])[];
  rxy: readonly number[];
}

/** Largest p for which the exact all-subsets LMG is the default (2¹⁵ = 32,768 subsets). */
export const LMG_EXACT_MAX_P = 15;

/**
 * Relative tolerance on the Cholesky pivot: a predictor whose residual variance given the others is
 * ≤ 1e-10 of its own is treated as collinear.
 */
const PIVOT_TOL = 1e-10;

/** Importance shares, or the reason there are none. */
export type RelativeImportanceResult =
  | {
      status: 'ok';
      method: 'lmg' | 'johnson';
      /** R² of the outcome on all p predictors, r_xy' R_xx⁻¹ r_xy. */
      r2: number;
      /** Contributions summing to r2 (LMG_j, or Johnson ε_j). */
      raw: number[];
      /** raw / r2: non-negative, summing to 1. */
      shares: number[];
    }
  | { status: 'singular' | 'zero-r2' | 'no-predictors'; reason: string };

function validate(sys: CorrelationSystem): number {
  const p = sys.rxy.length;
  if (sys.rxx.length !== p || sys.rxx.some((row) => row.length !== p)) {
    throw new RangeError(`rxx must be ${p}×${p} to match rxy`);
  }
  for (const row of sys.rxx)
    for (const v of row) if (!Number.isFinite(v)) throw new RangeError('non-finite rxx');
  for (const v of sys.rxy) if (!Number.isFinite(v)) throw new RangeError('non-finite rxy');
  return p;
}

/**
 * R²(S) = r_S' R_SS⁻¹ r_S for every subset S of the p predictors, indexed by bit mask (bit j set ⇔
 * predictor j ∈ S; R²(∅) = 0). Subsets are visited depth-first in increasing index order; each child
 * extends its parent's Cholesky factor L_S by one row and the forward solution z = L_S⁻¹ r_S by one
 * element, so R²(S) = ‖z‖² costs O(|S|²) per subset and O(2ᵖ p²) in all. Returns null when R_xx is
 * singular (some pivot ≤ 1e-10 of its diagonal). p is limited to 20 (2²⁰ subsets, 8 MB).
 */
export function allSubsetR2(sys: CorrelationSystem): Float64Array | null {
  const p = validate(sys);
  if (p > 20) throw new RangeError(`all-subset R² is limited to p ≤ 20: ${p}`);
  const { rxx, rxy } = sys;
  const r2 = new Float64Array(1 << p);
  const L = new Float64Array(p * p);
  const z = new Float64Array(p);
  const path = new Int32Array(p);
  let singular = false;
  const visit = (mask: number, depth: number, next: number, sum: number): void => {
    for (let v = next; v < p && !singular; v++) {
      const rowV = rxx[v] ?? [];
      let ss = 0;
      let zz = 0;
      for (let i = 0; i < depth; i++) {
        let acc = rowV[path[i] ?? 0] ?? 0;
        for (let j = 0; j < i; j++) acc -= (L[i * p + j] ?? 0) * (L[depth * p + j] ?? 0);
        const x = acc / (L[i * p + i] ?? 1);
        L[depth * p + i] = x;
        ss += x * x;
        zz += x * (z[i] ?? 0);
      }
      const diag = rowV[v] ?? 1;
      const d2 = diag - ss;
      if (!(d2 > PIVOT_TOL * diag)) {
        singular = true;
        return;
      }
      const d = Math.sqrt(d2);
      L[depth * p + depth] = d;
      const zNew = ((rxy[v] ?? 0) - zz) / d;
      z[depth] = zNew;
      path[depth] = v;
      const child = mask | (1 << v);
      const value = sum + zNew * zNew;
      r2[child] = value;
      visit(child, depth + 1, v + 1, value);
    }
  };
  visit(0, 0, 0, 0);
  return singular ? null : r2;
}

/** R²(S) of one subset by a direct solve (ml-matrix); S = predictor indices. Empty S → 0. */
export function subsetR2(sys: CorrelationSystem, subset: readonly number[]): number {
  validate(sys);
  if (subset.length === 0) return 0;
  const rss = new Matrix(subset.map((j) => subset.map((k) => sys.rxx[j]?.[k] ?? 0)));
  const rs = Matrix.columnVector(subset.map((j) => sys.rxy[j] ?? 0));
  const b = solve(rss, rs);
  return subset.reduce((acc, j, idx) => acc + (sys.rxy[j] ?? 0) * b.get(idx, 0), 0);
}

function popcount(x: number): number {
  let c = 0;
  let v = x;
  while (v) {
    v &= v - 1;
    c++;
  }
  return c;
}

/**
 * LMG (Lindeman–Merenda–Gold) = Shapley value of R²:
 * LMG_j = Σ_{S ⊆ X∖{j}} |S|!(p − |S| − 1)!/p! · (R²(S ∪ {j}) − R²(S)); share_j = LMG_j / R²_full.
 * Contributions sum to R²_full (efficiency) and are ≥ 0 up to rounding (clamped at 0). Statuses:
 * `no-predictors` (p = 0), `singular` (collinear predictors), `zero-r2` (R²_full ≤ 1e-12).
 */
export function lmgFromCorrelation(sys: CorrelationSystem): RelativeImportanceResult {
  const p = validate(sys);
  if (p === 0) return { status: 'no-predictors', reason: 'no predictors' };
  const r2 = allSubsetR2(sys);
  if (r2 === null) return { status: 'singular', reason: 'the predictor correlation matrix is singular' };
  const full = r2[(1 << p) - 1] ?? 0;
  if (!(full > 1e-12)) return { status: 'zero-r2', reason: 'R² of the full model is 0' };
  // Shapley weights by subset size k: k!(p − k − 1)!/p!.
  const weight: number[] = [];
  for (let k = 0; k < p; k++) {
    let w = 1 / p;
    // k!(p−k−1)!/p! = 1 / (p · C(p−1, k))
    for (let i = 1; i <= k; i++) w *= i / (p - i);
    weight.push(w);
  }
  const raw = new Array<number>(p).fill(0);
  for (let mask = 0; mask < 1 << p; mask++) {
    const w = weight[popcount(mask)] ?? 0;
    const base = r2[mask] ?? 0;
    for (let j = 0; j < p; j++) {
      const bit = 1 << j;
      if (mask & bit) continue;
      raw[j] = (raw[j] ?? 0) + w * ((r2[mask | bit] ?? 0) - base);
    }
  }
  const clamped = raw.map((v) => Math.max(0, v));
  return { status: 'ok', method: 'lmg', r2: full, raw: clamped, shares: clamped.map((v) => v / full) };
}

/**
 * Johnson's relative weights: R_xx = PΛPᵀ, Λ* = PΛ^{1/2}Pᵀ, β* = Λ*⁻¹ r_xy, RW_j = Σ_k (Λ*_jk)² β*_k²;
 * Σ RW_j = R²_full; shares = RW / Σ RW. `singular` when the smallest eigenvalue ≤ 1e-10 × the
 * largest; `zero-r2` when Σ RW ≤ 1e-12; `no-predictors` for p = 0.
 */
export function johnsonRelativeWeights(sys: CorrelationSystem): RelativeImportanceResult {
  const p = validate(sys);
  if (p === 0) return { status: 'no-predictors', reason: 'no predictors' };
  const rxx = new Matrix(sys.rxx.map((row) => [...row]));
  const eig = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const maxEig = Math.max(...values);
  if (!(Math.min(...values) > PIVOT_TOL * maxEig)) {
    return { status: 'singular', reason: 'the predictor correlation matrix is singular' };
  }
  const vecs = eig.eigenvectorMatrix;
  const lambda = vecs.mmul(Matrix.diag(values.map((d) => Math.sqrt(d)))).mmul(vecs.transpose());
  const beta = solve(lambda, Matrix.columnVector([...sys.rxy]));
  const raw: number[] = [];
  for (let j = 0; j < p; j++) {
    let acc = 0;
    for (let k = 0; k < p; k++) acc += lambda.get(j, k) ** 2 * beta.get(k, 0) ** 2;
    raw.push(acc);
  }
  const total = raw.reduce((s, v) => s + v, 0);
  if (!(total > 1e-12)) return { status: 'zero-r2', reason: 'R² of the full model is 0' };
  return { status: 'ok', method: 'johnson', r2: total, raw, shares: raw.map((v) => v / total) };
}

/** Options of {@link relativeImportance}. */
export interface RelativeImportanceOptions {
  /** Largest p for the exact LMG; above it Johnson's weights are used. Default {@link LMG_EXACT_MAX_P}. */
  maxExactP?: number;
}

/** LMG shares for p ≤ maxExactP (default 15), Johnson's relative weights above; same statuses. */
export function relativeImportance(
  sys: CorrelationSystem,
  opts: RelativeImportanceOptions = {},
): RelativeImportanceResult {
  return sys.rxy.length <= (opts.maxExactP ?? LMG_EXACT_MAX_P)
    ? lmgFromCorrelation(sys)
    : johnsonRelativeWeights(sys);
}

/** Splits a (p+1)×(p+1) correlation matrix whose last variable is the outcome into R_xx and r_xy. */
export function splitOutcome(full: readonly (readonly number[])[]): CorrelationSystem {
  const p = full.length - 1;
  if (p < 0 || full.some((row) => row.length !== p + 1)) throw new RangeError('matrix must be square');
  return {
    rxx: full.slice(0, p).map((row) => row.slice(0, p)),
    rxy: full.slice(0, p).map((row) => row[p] ?? 0),
  };
}
