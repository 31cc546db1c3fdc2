/**
 * Generalized linear models by iteratively reweighted least squares (IRLS) on a streaming design:
 * binomial–logit, Poisson–log (with offset) and Gaussian–identity, prior weights, model-based and
 * cluster-robust (CR1 sandwich) covariance.
 *
 * The design is never materialised as an n × p matrix: each IRLS pass visits the rows once and
 * accumulates XᵀWX (p × p), XᵀWz (p) and, per cluster, the score Σ xᵢ·wᵢ·(yᵢ − μᵢ). Rows may be
 * sparse (`index` + values), so a customer-month panel with month and BU dummies costs O(nnz²) per
 * row. Memory is O(p² + G·p).
 *
 * IRLS (canonical links, so the working weight is w = prior·V(μ) and w·z = prior·(V(μ)·η̃ + y − μ),
 * η̃ = η − offset): start from μ₀ = (y + ½)/2 (binomial), y + 0.1 (Poisson), y (Gaussian); iterate
 * β ← (XᵀWX)⁻¹XᵀWz until |D_k − D_{k−1}| / (|D_k| + 0.1) < tolerance (R's glm.fit rule), halving
 * the step when the deviance increases or is not finite. The returned β is the iterate whose pass
 * produced XᵀWX, so the model covariance (XᵀWX)⁻¹·φ is evaluated exactly at β̂.
 */
import { chiSquareCdf, twoSidedNormalP, zForLevel } from './distributions';
import { cholesky, get, invertSpd, matMul, solveSpd, subMatrix, zeros } from './linalg';

/** Response distribution with its canonical link. */
export type GlmFamily = 'binomial' | 'poisson' | 'gaussian';

/**
 * Outcome of a fit. `ok`: converged, estimates usable. `not-converged`: iteration limit reached
 * (last iterate returned, flagged). `separation`: fitted probabilities/rates numerically 0 or 1
 * (complete or quasi-complete separation, or an outcome of one class) — estimates diverge and are
 * returned only for diagnosis. `singular`: XᵀWX not invertible (collinear or constant columns) — no
 * estimates. `insufficient-data`: no rows, or n < p (Gaussian n ≤ p) — no estimates.
 */
export type GlmStatus = 'ok' | 'singular' | 'not-converged' | 'separation' | 'insufficient-data';

/**
 * One observation. Dense: `x` holds all p values. Sparse: `index` holds the column of each value in
 * `x` (first `nnz` entries; default all). Buffers may be reused between calls; the visitor never keeps
 * a reference.
 */
export interface GlmRow {
  x: ArrayLike<number>;
  index?: ArrayLike<number>;
  nnz?: number;
  y: number;
  /** Added to the linear predictor (e.g. log exposure); default 0. */
  offset?: number;
  /** Prior (frequency) weight ≥ 0; default 1. Rows with weight 0 are skipped. */
  weight?: number;
  /** Cluster id for the cluster-robust covariance. */
  cluster?: number | string;
}

/** A streaming design: p columns, and a visitor over the rows in the same order on every call. */
export interface GlmDesign {
  p: number;
  names?: readonly string[];
  forEach(visit: (row: GlmRow) => void): void;
}

/** Options of {@link fitGlm}. */
export interface GlmOptions {
  family: GlmFamily;
  /** Maximum IRLS iterations (default 25). */
  maxIterations?: number;
  /** Relative deviance change for convergence (default 1e-8). */
  tolerance?: number;
  /** Starting coefficients (default: from μ₀). */
  start?: readonly number[];
  /**
   * Column that is all ones. Without `start`, a cheap pre-pass then starts IRLS at the intercept-only
   * MLE (logit ȳ, or log(Σy / Σe^offset) for Poisson), which saves one or two full passes.
   */
  intercept?: number;
}

/** A fitted GLM. Estimate fields are null when the status is `singular` or `insufficient-data`. */
export interface GlmFit {
  status: GlmStatus;
  reason: string | null;
  family: GlmFamily;
  names: string[];
  /** Rows with positive weight. */
  n: number;
  sumWeights: number;
  p: number;
  iterations: number;
  converged: boolean;
  coefficients: number[] | null;
  /** Model-based covariance φ·(XᵀWX)⁻¹. */
  cov: number[][] | null;
  se: number[] | null;
  /** CR1 cluster-robust covariance; null without ≥ 2 clusters. */
  robustCov: number[][] | null;
  robustSe: number[] | null;
  /** Number of clusters G (0 when rows carry no cluster id). */
  clusters: number;
  /** XᵀWX at β̂ (the bread's inverse), for callers that build their own sandwich. */
  information: number[][] | null;
  deviance: number | null;
  logLik: number | null;
  /** φ: 1 for binomial and Poisson; RSS/(n − p) for Gaussian. */
  dispersion: number;
}

const LOG_FACTORIAL_TABLE: number[] = [0];
for (let k = 1; k <= 256; k++) LOG_FACTORIAL_TABLE.push((LOG_FACTORIAL_TABLE[k - 1] ?? 0) + Math.log(k));

/**
 * log Γ(y + 1) for y ≥ 0: exact sum of logs for integers ≤ 256, otherwise Stirling's series
 * ln Γ(z) ≈ (z − ½)ln z − z + ½ln 2π + 1/(12z) − 1/(360z³) + 1/(1260z⁵) after shifting z ≥ 10
 * (absolute error < 1e-12). Used for the Poisson log-likelihood.
 */
export function logFactorial(y: number): number {
  if (!(y >= 0)) throw new RangeError(`logFactorial needs y ≥ 0: ${y}`);
  if (Number.isInteger(y) && y <= 256) return LOG_FACTORIAL_TABLE[y] ?? 0;
  let z = y + 1;
  let shift = 0;
  while (z < 10) {
    shift -= Math.log(z);
    z += 1;
  }
  const z2 = z * z;
  return (
    shift +
    (z - 0.5) * Math.log(z) -
    z +
    0.5 * Math.log(2 * Math.PI) +
    1 / (12 * z) -
    1 / (360 * z * z2) +
    1 / (1260 * z * z2 * z2)
  );
}

const xlogy = (x: number, y: number): number => (x === 0 ? 0 : x * Math.log(y));

/** Integer cluster ids below this are indexed through a dense array instead of a Map. */
const DENSE_CLUSTER_LIMIT = 1 << 24;

/** A design over an in-memory array of rows (small problems and tests). */
export function designFromRows(rows: readonly GlmRow[], p: number, names?: readonly string[]): GlmDesign {
  return {
    p,
    ...(names ? { names } : {}),
    forEach: (visit) => {
      for (const r of rows) visit(r);
    },
  };
}

/** Linear predictor xᵀβ of one row (offset excluded). */
export function linearPredictor(beta: ArrayLike<number>, row: GlmRow): number {
  let s = 0;
  const idx = row.index;
  const k = row.nnz ?? (idx ? idx.length : row.x.length);
  for (let a = 0; a < k; a++) s += (row.x[a] ?? 0) * (beta[idx ? (idx[a] ?? 0) : a] ?? 0);
  return s;
}

/** Inverse canonical link μ(η). */
export function inverseLink(family: GlmFamily, eta: number): number {
  if (family === 'binomial') return 1 / (1 + Math.exp(-eta));
  if (family === 'poisson') return Math.exp(eta);
  return eta;
}

/**
 * CR1 cluster-robust covariance V = c · B⁻¹ (Σ_g s_g s_gᵀ) B⁻¹ with the bread B⁻¹ = (XᵀWX)⁻¹, cluster
 * scores s_g = Σ_{i∈g} xᵢ·wᵢ·(yᵢ − μᵢ) and the small-sample factor c = G/(G − 1) · (n − 1)/(n − p).
 * Null when G < 2 or n ≤ p.
 */
export function clusterRobustCovariance(
  bread: readonly (readonly number[])[],
  scores: readonly ArrayLike<number>[],
  n: number,
): number[][] | null {
  const p = bread.length;
  const G = scores.length;
  if (G < 2 || n <= p) return null;
  const meat = zeros(p);
  for (const s of scores) {
    for (let i = 0; i < p; i++) {
      const si = s[i] ?? 0;
      if (si === 0) continue;
      const row = meat[i];
      if (!row) continue;
      for (let j = 0; j < p; j++) row[j] = (row[j] ?? 0) + si * (s[j] ?? 0);
    }
  }
  const c = (G / (G - 1)) * ((n - 1) / (n - p));
  const v = matMul(matMul(bread, meat), bread);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      const s = (c * (get(v, i, j) + get(v, j, i))) / 2;
      const ri = v[i];
      const rj = v[j];
      if (ri) ri[j] = s;
      if (rj) rj[i] = s;
    }
  }
  return v;
}

interface PassResult {
  n: number;
  sumW: number;
  sumY: number;
  deviance: number;
  logLik: number;
  minMu: number;
  maxMu: number;
  allYZero: boolean;
  allYOne: boolean;
}

/**
 * Fits a GLM by IRLS over a streaming design (see the module comment). Degenerate input never gives
 * NaN: no rows, n < p (Gaussian: n ≤ p) → `insufficient-data`; collinear or constant columns → `singular` (the reason
 * names the column); an outcome of one class, or fitted values numerically 0/1 (|μ| < 1e-10 or
 * μ > 1 − 1e-10 for binomial) → `separation`; no convergence within `maxIterations` →
 * `not-converged`. Throws a RangeError for invalid outcomes (binomial y ∉ [0, 1], Poisson y < 0,
 * non-finite values) or negative weights.
 */
export function fitGlm(design: GlmDesign, options: GlmOptions): GlmFit {
  const { family } = options;
  const p = design.p;
  const names = design.names ? [...design.names] : Array.from({ length: p }, (_, j) => `x${j}`);
  const maxIter = options.maxIterations ?? 25;
  const tol = options.tolerance ?? 1e-8;
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  const clusterIndex = new Map<number | string, number>();
  let denseCluster = new Int32Array(0);
  const scores: Float64Array[] = [];

  const base = (over: Partial<GlmFit>): GlmFit => ({
    status: 'insufficient-data',
    reason: null,
    family,
    names,
    n: 0,
    sumWeights: 0,
    p,
    iterations: 0,
    converged: false,
    coefficients: null,
    cov: null,
    se: null,
    robustCov: null,
    robustSe: null,
    clusters: 0,
    information: null,
    deviance: null,
    logLik: null,
    dispersion: 1,
    ...over,
  });

  const pass = (beta: readonly number[] | null): PassResult => {
    xtwx.fill(0);
    xtwz.fill(0);
    for (const s of scores) s.fill(0);
    const r: PassResult = {
      n: 0,
      sumW: 0,
      sumY: 0,
      deviance: 0,
      logLik: 0,
      minMu: Infinity,
      maxMu: -Infinity,
      allYZero: true,
      allYOne: true,
    };
    design.forEach((row) => {
      const pw = row.weight ?? 1;
      if (!(pw >= 0) || !Number.isFinite(pw)) throw new RangeError(`weight must be finite and ≥ 0: ${pw}`);
      if (pw === 0) return;
      const y = row.y;
      if (!Number.isFinite(y)) throw new RangeError(`outcome must be finite: ${y}`);
      if (family === 'binomial' && (y < 0 || y > 1))
        throw new RangeError(`binomial outcome must be in [0, 1]: ${y}`);
      if (family === 'poisson' && y < 0) throw new RangeError(`Poisson outcome must be ≥ 0: ${y}`);
      const off = row.offset ?? 0;
      const idx = row.index;
      const k = row.nnz ?? (idx ? idx.length : p);
      const x = row.x;
      let etaLin: number;
      let mu: number;
      if (beta === null) {
        if (family === 'binomial') {
          mu = (pw * y + 0.5) / (pw + 1);
          etaLin = Math.log(mu / (1 - mu)) - off;
        } else if (family === 'poisson') {
          mu = y + 0.1;
          etaLin = Math.log(mu) - off;
        } else {
          mu = y;
          etaLin = y - off;
        }
      } else {
        etaLin = 0;
        for (let a = 0; a < k; a++) etaLin += (x[a] ?? 0) * (beta[idx ? (idx[a] ?? 0) : a] ?? 0);
        mu = inverseLink(family, etaLin + off);
      }
      let v: number;
      if (family === 'binomial') v = mu * (1 - mu);
      else if (family === 'poisson') v = mu;
      else v = 1;
      const w = pw * v;
      const wz = w * etaLin + pw * (y - mu);
      const res = pw * (y - mu);
      for (let a = 0; a < k; a++) {
        const xa = x[a] ?? 0;
        if (xa === 0) continue;
        const ia = idx ? (idx[a] ?? 0) : a;
        xtwz[ia] = (xtwz[ia] ?? 0) + xa * wz;
        const wxa = w * xa;
        for (let b = 0; b < k; b++) {
          const ib = idx ? (idx[b] ?? 0) : b;
          if (ib < ia) continue;
          const xb = x[b] ?? 0;
          if (xb === 0) continue;
          const cell = ia * p + ib;
          xtwx[cell] = (xtwx[cell] ?? 0) + wxa * xb;
        }
      }
      const cl = row.cluster;
      if (cl !== undefined) {
        let g: number | undefined;
        const dense = typeof cl === 'number' && cl >= 0 && cl < DENSE_CLUSTER_LIMIT && Number.isInteger(cl);
        if (dense) {
          if (cl >= denseCluster.length) {
            const grown = new Int32Array(Math.max(cl + 1, denseCluster.length * 2)).fill(-1);
            grown.set(denseCluster);
            denseCluster = grown;
          }
          const d = denseCluster[cl] ?? -1;
          g = d >= 0 ? d : undefined;
        } else g = clusterIndex.get(cl);
        if (g === undefined) {
          g = scores.length;
          if (dense) denseCluster[cl] = g;
          else clusterIndex.set(cl, g);
          scores.push(new Float64Array(p));
        }
        const s = scores[g];
        if (s) {
          for (let a = 0; a < k; a++) {
            const ia = idx ? (idx[a] ?? 0) : a;
            s[ia] = (s[ia] ?? 0) + (x[a] ?? 0) * res;
          }
        }
      }
      r.n += 1;
      r.sumW += pw;
      r.sumY += pw * y;
      if (y !== 0) r.allYZero = false;
      if (y !== 1) r.allYOne = false;
      if (mu < r.minMu) r.minMu = mu;
      if (mu > r.maxMu) r.maxMu = mu;
      if (family === 'binomial') {
        r.deviance += 2 * pw * (xlogy(y, y / mu) + xlogy(1 - y, (1 - y) / (1 - mu)));
        r.logLik += pw * (xlogy(y, mu) + xlogy(1 - y, 1 - mu));
      } else if (family === 'poisson') {
        r.deviance += 2 * pw * (xlogy(y, y / mu) - (y - mu));
        r.logLik += pw * (xlogy(y, mu) - mu - logFactorial(y));
      } else {
        r.deviance += pw * (y - mu) * (y - mu);
      }
    });
    return r;
  };

  const symmetric = (): number[][] => {
    const a = zeros(p);
    for (let i = 0; i < p; i++) {
      for (let j = i; j < p; j++) {
        const v = xtwx[i * p + j] ?? 0;
        const ri = a[i];
        const rj = a[j];
        if (ri) ri[j] = v;
        if (rj) rj[i] = v;
      }
    }
    return a;
  };

  let beta: number[] | null = options.start ? [...options.start] : null;
  if (!beta && options.intercept !== undefined && family !== 'gaussian')
    beta = interceptStart(design, family, options.intercept);
  let betaOld: number[] | null = null;
  let devOld: number | null = null;
  let converged = false;
  let iterations = 0;
  let halvings = 0;
  let last: PassResult | null = null;
  for (let iter = 0; iter <= maxIter + 20; iter++) {
    const r = pass(beta);
    last = r;
    if (r.n === 0) return base({ reason: 'no rows with positive weight' });
    if (r.n < p || (family === 'gaussian' && r.n === p)) {
      return base({ n: r.n, sumWeights: r.sumW, reason: `n = ${r.n} rows is too few for p = ${p} columns` });
    }
    if (family === 'binomial' && (r.allYZero || r.allYOne)) {
      return base({
        status: 'separation',
        n: r.n,
        sumWeights: r.sumW,
        reason: `all outcomes are ${r.allYZero ? 0 : 1} (one class): the MLE does not exist`,
      });
    }
    if (family === 'poisson' && r.allYZero) {
      return base({
        status: 'separation',
        n: r.n,
        sumWeights: r.sumW,
        reason: 'all counts are 0: the MLE does not exist',
      });
    }
    if (beta !== null) {
      const worse = devOld !== null && r.deviance > devOld * (1 + 1e-9) + 1e-9;
      if ((!Number.isFinite(r.deviance) || worse) && betaOld !== null && halvings < 20) {
        const bo = betaOld;
        beta = beta.map((b, j) => (b + (bo[j] ?? 0)) / 2);
        halvings += 1;
        continue;
      }
      if (family === 'gaussian') {
        converged = true;
        break;
      }
      if (devOld !== null && Math.abs(r.deviance - devOld) / (Math.abs(r.deviance) + 0.1) < tol) {
        converged = true;
        break;
      }
      if (iterations >= maxIter) break;
      devOld = r.deviance;
    }
    halvings = 0;
    const sol = solveSpd(symmetric(), Array.from(xtwz));
    if (sol.status !== 'ok') {
      const col = sol.column !== null ? names[sol.column] : null;
      return base({
        status: 'singular',
        n: r.n,
        sumWeights: r.sumW,
        iterations,
        reason: col ? `XᵀWX is singular: column "${col}" is constant or collinear` : `XᵀWX ${sol.reason}`,
      });
    }
    betaOld = beta;
    beta = sol.value;
    iterations += 1;
  }
  if (beta === null || last === null) return base({ reason: 'no iterations' });
  const r = last;
  const info = symmetric();
  const inv = invertSpd(info);
  if (inv.status !== 'ok') {
    const col = inv.column !== null ? names[inv.column] : null;
    return base({
      status: 'singular',
      n: r.n,
      sumWeights: r.sumW,
      iterations,
      reason: col ? `XᵀWX is singular: column "${col}" is constant or collinear` : `XᵀWX ${inv.reason}`,
    });
  }
  const dispersion = family === 'gaussian' ? r.deviance / (r.n - p) : 1;
  const cov = inv.value.map((row) => row.map((v) => v * dispersion));
  const se = cov.map((row, j) => Math.sqrt(Math.max(0, row[j] ?? 0)));
  const robustCov = clusterRobustCovariance(inv.value, scores, r.n);
  const robustSe = robustCov ? robustCov.map((row, j) => Math.sqrt(Math.max(0, row[j] ?? 0))) : null;
  const logLik =
    family === 'gaussian' ? -(r.sumW / 2) * (Math.log((2 * Math.PI * r.deviance) / r.sumW) + 1) : r.logLik;
  const eps = 1e-10;
  const separated =
    (family === 'binomial' && (r.minMu < eps || r.maxMu > 1 - eps)) ||
    (family === 'poisson' && r.minMu < eps);
  let status: GlmStatus = 'ok';
  let reason: string | null = null;
  if (separated) {
    status = 'separation';
    reason =
      family === 'binomial'
        ? 'fitted probabilities numerically 0 or 1 (complete or quasi-complete separation)'
        : 'fitted rates numerically 0 (a group without events)';
  } else if (!converged) {
    status = 'not-converged';
    reason = `no convergence after ${iterations} iterations (tolerance ${tol})`;
  }
  return {
    status,
    reason,
    family,
    names,
    n: r.n,
    sumWeights: r.sumW,
    p,
    iterations,
    converged,
    coefficients: beta,
    cov,
    se,
    robustCov,
    robustSe,
    clusters: scores.length,
    information: info,
    deviance: r.deviance,
    logLik,
    dispersion,
  };
}

/** Intercept-only MLE as a start vector (null when it does not exist: no rows, or ȳ at a bound). */
function interceptStart(design: GlmDesign, family: GlmFamily, col: number): number[] | null {
  let sw = 0;
  let swy = 0;
  let sExp = 0;
  design.forEach((row) => {
    const w = row.weight ?? 1;
    sw += w;
    swy += w * row.y;
    sExp += w * Math.exp(row.offset ?? 0);
  });
  let b0: number;
  if (family === 'binomial') {
    const ybar = sw > 0 ? swy / sw : NaN;
    if (!(ybar > 0 && ybar < 1)) return null;
    b0 = Math.log(ybar / (1 - ybar));
  } else {
    if (!(swy > 0 && sExp > 0)) return null;
    b0 = Math.log(swy / sExp);
  }
  const start = new Array<number>(design.p).fill(0);
  start[col] = b0;
  return start;
}

/** One row of a coefficient table. */
export interface CoefficientRow {
  name: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
  low: number;
  high: number;
}

/**
 * Coefficient table β̂ ± z(1 − α/2)·SE with Wald z and two-sided normal p, using the cluster-robust
 * covariance when available and `robust` (default true), else the model covariance. Empty when the
 * fit has no estimates.
 */
export function coefficientTable(
  fit: GlmFit,
  opts: { robust?: boolean; level?: number } = {},
): CoefficientRow[] {
  const beta = fit.coefficients;
  const se = (opts.robust ?? true) && fit.robustSe ? fit.robustSe : fit.se;
  if (!beta || !se) return [];
  const z = zForLevel(opts.level ?? 0.95);
  return beta.map((b, j) => {
    const s = se[j] ?? NaN;
    const zv = s > 0 ? b / s : 0;
    return {
      name: fit.names[j] ?? `x${j}`,
      estimate: b,
      se: s,
      z: zv,
      p: s > 0 ? twoSidedNormalP(zv) : 1,
      low: b - z * s,
      high: b + z * s,
    };
  });
}

/** Result of a Wald test. */
export interface WaldResult {
  statistic: number;
  df: number;
  p: number;
}

/**
 * Joint Wald test of H₀: β_j = 0 for j ∈ idx: W = β_Sᵀ V_SS⁻¹ β_S ~ χ²(|S|), p = 1 − F_χ²(W).
 * Null when idx is empty or V_SS is singular.
 */
export function waldTest(
  beta: readonly number[],
  cov: readonly (readonly number[])[],
  idx: readonly number[],
): WaldResult | null {
  if (idx.length === 0) return null;
  const b = idx.map((j) => beta[j] ?? 0);
  const sol = solveSpd(subMatrix(cov, idx), b);
  if (sol.status !== 'ok') return null;
  let w = 0;
  for (let i = 0; i < b.length; i++) w += (b[i] ?? 0) * (sol.value[i] ?? 0);
  return { statistic: w, df: idx.length, p: 1 - chiSquareCdf(w, idx.length) };
}

/** True when the symmetric matrix is numerically positive definite (see {@link cholesky}). */
export function isPositiveDefinite(a: readonly (readonly number[])[]): boolean {
  return cholesky(a).status === 'ok';
}
