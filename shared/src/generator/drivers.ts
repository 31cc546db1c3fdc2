/**
 * The self-contained driver (attribute) survey module of methods.md §5.3 step 7 and its population
 * truth (E5): one halo factor drives six standardised attribute ratings, overall satisfaction is
 * `Y = Xβ + e` with population R² = 0.55, and both are published on a 1–10 scale by
 * `clip(round(5.5 + 1.5·value), 1, 10)`. LMG and Johnson relative-weight shares are computed in
 * closed form from the population correlation matrix, both for the continuous latent scale and for
 * the discretised published scale (exact bivariate-normal moments by Gauss–Legendre quadrature).
 */
import normalCdfLib from '@stdlib/stats-base-dists-normal-cdf';
import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { at } from './util';

/** Attribute column suffixes in file order (survey-relationship.csv `attr_*`). */
export const ATTRIBUTES = [
  'response_time',
  'product_availability',
  'agent_knowledge',
  'billing_clarity',
  'price_value',
  'website_ease',
] as const;

/** One attribute name. */
export type Attribute = (typeof ATTRIBUTES)[number];

/** Halo-factor loadings per attribute (methods §5.3 step 7). */
export const HALO_LOADINGS: readonly number[] = [0.6, 0.5, 0.6, 0.4, 0.3, 0.5];
/** Structural coefficients β per attribute (methods §5.3 step 7). */
export const DRIVER_BETA: readonly number[] = [0.3, 0.25, 0.22, 0.05, 0.15, 0.03];
/** Population R² of overall satisfaction on the six latent attributes. */
export const DRIVER_R2 = 0.55;

/** Relative-importance shares of one scale (continuous latent or discretised 1–10). */
export interface DriverImportance {
  /** R² of Y on all six attributes. */
  r2: number;
  /** LMG (Shapley) shares of R², per attribute, summing to 1. */
  lmgShares: Record<Attribute, number>;
  /** Raw LMG contributions (sum = r2). */
  lmgRaw: Record<Attribute, number>;
  /** Johnson relative-weight shares, summing to 1. */
  johnsonShares: Record<Attribute, number>;
  /** Correlation of each attribute with Y. */
  correlations: Record<Attribute, number>;
}

/** Population correlation of the six latent attributes: `λ_j λ_k` off the diagonal, 1 on it. */
export function latentAttributeCorrelation(): number[][] {
  return HALO_LOADINGS.map((lj, j) => HALO_LOADINGS.map((lk, k) => (j === k ? 1 : lj * lk)));
}

/** Variance of `Xβ` under {@link latentAttributeCorrelation}. */
export function explainedVariance(): number {
  const r = latentAttributeCorrelation();
  let v = 0;
  for (let j = 0; j < 6; j++) {
    for (let k = 0; k < 6; k++) v += at(DRIVER_BETA, j) * at(DRIVER_BETA, k) * at(at(r, j), k);
  }
  return v;
}

/**
 * Full 7×7 population correlation of (X₁…X₆, Y) with Y standardised:
 * `corr(X_k, Y) = (Σβ)_k / sqrt(β'Σβ / R²)`.
 */
export function latentFullCorrelation(): number[][] {
  const r = latentAttributeCorrelation();
  const sdY = Math.sqrt(explainedVariance() / DRIVER_R2);
  const rxy = r.map((row) => row.reduce((s, v, k) => s + v * at(DRIVER_BETA, k), 0) / sdY);
  const full = r.map((row, j) => [...row, at(rxy, j)]);
  full.push([...rxy, 1]);
  return full;
}

/** Published 1–10 value of a standardised latent value: `clip(round(5.5 + 1.5 v), 1, 10)`. */
export function publishRating(v: number): number {
  return Math.min(10, Math.max(1, Math.round(5.5 + 1.5 * v)));
}

/** Bin edges in latent units of the published levels 1…10 (11 edges, ±∞ at the ends). */
function binEdges(): number[] {
  const edges = [-Infinity];
  for (let k = 2; k <= 10; k++) edges.push((k - 6) / 1.5);
  edges.push(Infinity);
  return edges;
}

function gaussLegendre(n: number): { x: number[]; w: number[] } {
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    x.push(z);
    w.push(2 / ((1 - z * z) * dp * dp));
  }
  return { x, w };
}

const GL = gaussLegendre(24);
const PHI_NORM = 1 / Math.sqrt(2 * Math.PI);
const TAIL = 9;

function phi(u: number): number {
  return PHI_NORM * Math.exp(-0.5 * u * u);
}

/** ∫_a^b f(u) du by composite Gauss–Legendre on pieces no wider than 0.5. */
function integrate(f: (u: number) => number, a: number, b: number): number {
  const pieces = Math.max(1, Math.ceil((b - a) / 0.5));
  const h = (b - a) / pieces;
  let total = 0;
  for (let p = 0; p < pieces; p++) {
    const lo = a + p * h;
    const mid = lo + h / 2;
    for (let i = 0; i < GL.x.length; i++) total += at(GL.w, i) * f(mid + (h / 2) * at(GL.x, i));
  }
  return (total * h) / 2;
}

/** Mean and variance of the published rating of a standard-normal latent. */
export function discreteMoments(): { mean: number; variance: number } {
  const e = binEdges();
  let m1 = 0;
  let m2 = 0;
  for (let k = 1; k <= 10; k++) {
    const p = normalCdfLib(at(e, k), 0, 1) - normalCdfLib(at(e, k - 1), 0, 1);
    m1 += k * p;
    m2 += k * k * p;
  }
  return { mean: m1, variance: m2 - m1 * m1 };
}

/** E[D(U)·D(V)] for standard normals U, V with correlation ρ, D = published 1–10 rating. */
export function discreteCrossMoment(rho: number): number {
  const e = binEdges();
  const s = Math.sqrt(1 - rho * rho);
  const g = (u: number): number => {
    let acc = 0;
    let prev = 0;
    for (let k = 1; k <= 10; k++) {
      const hi = k === 10 ? 1 : normalCdfLib((at(e, k) - rho * u) / s, 0, 1);
      acc += k * (hi - prev);
      prev = hi;
    }
    return acc;
  };
  let total = 0;
  for (let k = 1; k <= 10; k++) {
    const a = Math.max(at(e, k - 1), -TAIL);
    const b = Math.min(at(e, k), TAIL);
    total += k * integrate((u) => g(u) * phi(u), a, b);
  }
  return total;
}

/** Population correlation of the discretised published ratings (X₁…X₆, Y). */
export function discretisedFullCorrelation(): number[][] {
  const latent = latentFullCorrelation();
  const { mean, variance } = discreteMoments();
  return latent.map((row, j) =>
    row.map((rho, k) => (j === k ? 1 : (discreteCrossMoment(rho) - mean * mean) / variance)),
  );
}

/** R²(S) = r_S' R_SS⁻¹ r_S for the predictor subset `subset` of a full (p+1)×(p+1) correlation. */
export function subsetR2(full: number[][], subset: number[]): number {
  if (subset.length === 0) return 0;
  const p = full.length - 1;
  const rss = new Matrix(subset.map((j) => subset.map((k) => at(at(full, j), k))));
  const rsy = Matrix.columnVector(subset.map((j) => at(at(full, j), p)));
  const b = solve(rss, rsy);
  let r2 = 0;
  subset.forEach((j, idx) => {
    r2 += at(at(full, j), p) * b.get(idx, 0);
  });
  return r2;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

function toRecord(values: number[]): Record<Attribute, number> {
  const out = {} as Record<Attribute, number>;
  ATTRIBUTES.forEach((a, i) => {
    out[a] = at(values, i);
  });
  return out;
}

/**
 * LMG decomposition by exhaustive subsets: `LMG_k = Σ_{S ⊆ P∖k} |S|!(p−|S|−1)!/p! ·
 * (R²(S∪k) − R²(S))`; shares = LMG_k / R²(P).
 */
export function lmg(full: number[][]): { raw: number[]; shares: number[]; r2: number } {
  const p = full.length - 1;
  const r2ByMask = new Map<number, number>();
  for (let mask = 0; mask < 1 << p; mask++) {
    const subset: number[] = [];
    for (let j = 0; j < p; j++) if (mask & (1 << j)) subset.push(j);
    r2ByMask.set(mask, subsetR2(full, subset));
  }
  const r2Of = (mask: number): number => r2ByMask.get(mask) ?? 0;
  const raw: number[] = [];
  for (let k = 0; k < p; k++) {
    let acc = 0;
    for (let mask = 0; mask < 1 << p; mask++) {
      if (mask & (1 << k)) continue;
      let size = 0;
      for (let j = 0; j < p; j++) if (mask & (1 << j)) size += 1;
      const weight = (factorial(size) * factorial(p - size - 1)) / factorial(p);
      acc += weight * (r2Of(mask | (1 << k)) - r2Of(mask));
    }
    raw.push(acc);
  }
  const r2 = r2Of((1 << p) - 1);
  return { raw, shares: raw.map((v) => v / r2), r2 };
}

/**
 * Johnson's relative weights: Λ = R_xx^{1/2} (symmetric square root), β* = Λ⁻¹ r_xy,
 * ε_k = Σ_j Λ_kj² β*_j²; shares = ε / R².
 */
export function johnsonWeights(full: number[][]): number[] {
  const p = full.length - 1;
  const rxx = new Matrix(full.slice(0, p).map((row) => row.slice(0, p)));
  const rxy = Matrix.columnVector(full.slice(0, p).map((row) => at(row, p)));
  const eig = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const v = eig.eigenvectorMatrix;
  const sqrtD = Matrix.diag(eig.realEigenvalues.map((d) => Math.sqrt(d)));
  const lambda = v.mmul(sqrtD).mmul(v.transpose());
  const betaStar = solve(lambda, rxy);
  const eps: number[] = [];
  for (let k = 0; k < p; k++) {
    let acc = 0;
    for (let j = 0; j < p; j++) acc += lambda.get(k, j) ** 2 * betaStar.get(j, 0) ** 2;
    eps.push(acc);
  }
  const total = eps.reduce((s, x) => s + x, 0);
  return eps.map((x) => x / total);
}

/** Full relative-importance summary of one population correlation matrix. */
export function driverImportance(full: number[][]): DriverImportance {
  const p = full.length - 1;
  const { raw, shares, r2 } = lmg(full);
  return {
    r2,
    lmgShares: toRecord(shares),
    lmgRaw: toRecord(raw),
    johnsonShares: toRecord(johnsonWeights(full)),
    correlations: toRecord(full.slice(0, p).map((row) => at(row, p))),
  };
}
