/**
 * Bivariate association with intervals (methods §2.3 step 1): Pearson r with the Fisher z interval and
 * a t-test p-value, Spearman ρ with a seeded percentile-bootstrap interval, and correlation matrices.
 * Degenerate inputs (too few pairs, zero variance, unequal lengths) return an explicit status, never NaN.
 */
import { tCdf, zForLevel } from './distributions';
import { createPrng, randomIndex } from './prng';
import { nearestRankPercentile } from './quantiles';

/** Why a correlation could not be computed. */
export type CorrelationProblem = 'too-few' | 'zero-variance';

/** A correlation estimate, or the reason there is none. */
export type CorrelationEstimate =
  | {
      status: 'ok';
      /** The coefficient in [−1, 1]. */
      r: number;
      n: number;
      /** Interval bounds at `level`. */
      low: number;
      high: number;
      /** Two-sided p-value of H₀: ρ = 0. */
      p: number;
      level: number;
    }
  | { status: CorrelationProblem; n: number; reason: string };

/** Options shared by the correlation estimators. */
export interface CorrelationOptions {
  /** Confidence level of the interval, default 0.95. */
  level?: number;
}

function checkPairs(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`x and y differ in length: ${x.length} vs ${y.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]))
      throw new RangeError(`non-finite value at index ${i}`);
  }
}

/**
 * Pearson r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²) (two-pass, clamped to [−1, 1]).
 * Returns null when either variable has zero variance or n < 2.
 */
export function pearsonR(x: readonly number[], y: readonly number[]): number | null {
  checkPairs(x, y);
  const n = x.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] ?? 0;
    my += y[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Fisher z interval: z = atanh(r), SE = 1/√(n − 3 − k), CI = tanh(z ± z_{1−α/2}·SE), where k is the
 * number of partialled-out variables (0 for a plain correlation). Null when n − 3 − k ≤ 0;
 * |r| = 1 gives the degenerate interval [r, r].
 */
export function fisherInterval(
  r: number,
  n: number,
  level = 0.95,
  partialled = 0,
): { low: number; high: number } | null {
  if (!(r >= -1 && r <= 1)) throw new RangeError(`r must be in [−1, 1]: ${r}`);
  const df = n - 3 - partialled;
  if (!(df > 0)) return null;
  if (Math.abs(r) === 1) return { low: r, high: r };
  const z = Math.atanh(r);
  const half = zForLevel(level) / Math.sqrt(df);
  return { low: Math.tanh(z - half), high: Math.tanh(z + half) };
}

/**
 * Two-sided p-value of H₀: ρ = 0 from t = r·√(df/(1 − r²)) with df = n − 2 − k Student-t degrees of
 * freedom (k partialled-out variables). |r| = 1 → 0. Null when df ≤ 0.
 */
export function correlationPValue(r: number, n: number, partialled = 0): number | null {
  const df = n - 2 - partialled;
  if (!(df > 0)) return null;
  if (Math.abs(r) >= 1) return 0;
  const t = r * Math.sqrt(df / (1 - r * r));
  return Math.min(1, Math.max(0, 2 * (1 - tCdf(Math.abs(t), df))));
}

/**
 * Pearson r with its Fisher z interval and t-test p-value. n < 4 (no Fisher SE) → `too-few`; a
 * constant variable → `zero-variance`. With `partialled = k` the degrees of freedom drop by k (use for
 * a correlation of residuals after removing k fixed effects, e.g. BU means).
 */
export function pearson(
  x: readonly number[],
  y: readonly number[],
  opts: CorrelationOptions & { partialled?: number } = {},
): CorrelationEstimate {
  checkPairs(x, y);
  const n = x.length;
  const level = opts.level ?? 0.95;
  const k = opts.partialled ?? 0;
  if (n - 3 - k <= 0) {
    return { status: 'too-few', n, reason: `${n} pairs; the Fisher interval needs n > ${3 + k}` };
  }
  const r = pearsonR(x, y);
  if (r === null) return { status: 'zero-variance', n, reason: 'a variable is constant' };
  const ci = fisherInterval(r, n, level, k);
  const p = correlationPValue(r, n, k);
  if (ci === null || p === null) return { status: 'too-few', n, reason: `${n} pairs` };
  return { status: 'ok', r, n, low: ci.low, high: ci.high, p, level };
}

/** Ranks 1…n with ties given their average rank. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const ranks = new Array<number>(values.length).fill(0);
  let i = 0;
  while (i < order.length) {
    let j = i;
    const v = values[order[i] ?? 0];
    while (j + 1 < order.length && values[order[j + 1] ?? 0] === v) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] ?? 0] = avg;
    i = j + 1;
  }
  return ranks;
}

/** Options of {@link spearman}. */
export interface SpearmanOptions extends CorrelationOptions {
  /** Seed of the bootstrap stream (default 1). */
  seed?: number;
  /** Bootstrap resamples B (default 1,000). */
  resamples?: number;
}

/**
 * Spearman ρ = Pearson r of average ranks, with a percentile-bootstrap interval (pairs resampled
 * with replacement, B resamples, seeded; methods §2.3: bootstrap CI for ordinal scales) and the t-test
 * p-value on ρ. Resamples with a constant variable are skipped; if more than half are skipped the
 * bounds fall back to the Fisher interval. Same statuses as {@link pearson}.
 */
export function spearman(
  x: readonly number[],
  y: readonly number[],
  opts: SpearmanOptions = {},
): CorrelationEstimate {
  checkPairs(x, y);
  const n = x.length;
  const level = opts.level ?? 0.95;
  if (n < 4) return { status: 'too-few', n, reason: `${n} pairs; need at least 4` };
  const rho = pearsonR(averageRanks(x), averageRanks(y));
  if (rho === null) return { status: 'zero-variance', n, reason: 'a variable is constant' };
  const b = opts.resamples ?? 1000;
  if (!Number.isInteger(b) || b < 1) throw new RangeError(`resamples must be a positive integer: ${b}`);
  const rng = createPrng(opts.seed ?? 1);
  const draws: number[] = [];
  const bx = new Array<number>(n);
  const by = new Array<number>(n);
  for (let r = 0; r < b; r++) {
    for (let i = 0; i < n; i++) {
      const k = randomIndex(rng, n);
      bx[i] = x[k] ?? 0;
      by[i] = y[k] ?? 0;
    }
    const v = pearsonR(averageRanks(bx), averageRanks(by));
    if (v !== null) draws.push(v);
  }
  const p = correlationPValue(rho, n) ?? 1;
  if (draws.length < b / 2) {
    const ci = fisherInterval(rho, n, level) ?? { low: -1, high: 1 };
    return { status: 'ok', r: rho, n, low: ci.low, high: ci.high, p, level };
  }
  draws.sort((a, c) => a - c);
  const alpha = 1 - level;
  return {
    status: 'ok',
    r: rho,
    n,
    low: nearestRankPercentile(draws, alpha / 2) ?? -1,
    high: nearestRankPercentile(draws, 1 - alpha / 2) ?? 1,
    p,
    level,
  };
}

/** A correlation matrix, or the columns that prevent one. */
export type CorrelationMatrixResult =
  | { status: 'ok'; n: number; matrix: number[][]; means: number[]; sds: number[] }
  | { status: CorrelationProblem; n: number; reason: string; constantColumns: number[] };

/**
 * Pearson correlation matrix of p columns of equal length n (listwise complete input):
 * R_jk = S_jk/√(S_jj S_kk) with S the centred cross-product matrix; unit diagonal; sds use n − 1.
 * n < 2 → `too-few`; any constant column → `zero-variance` listing the columns.
 */
export function correlationMatrix(columns: readonly (readonly number[])[]): CorrelationMatrixResult {
  const p = columns.length;
  const n = columns[0]?.length ?? 0;
  for (const c of columns) {
    if (c.length !== n) throw new RangeError('columns differ in length');
    for (const v of c) if (!Number.isFinite(v)) throw new RangeError('non-finite value in a column');
  }
  if (n < 2) return { status: 'too-few', n, reason: `${n} rows`, constantColumns: [] };
  const means = columns.map((c) => c.reduce((s, v) => s + v, 0) / n);
  const s: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const dj = (columns[j]?.[i] ?? 0) - (means[j] ?? 0);
      const row = s[j] ?? [];
      for (let k = j; k < p; k++) row[k] = (row[k] ?? 0) + dj * ((columns[k]?.[i] ?? 0) - (means[k] ?? 0));
    }
  }
  const diag = s.map((row, j) => row[j] ?? 0);
  const constantColumns = diag.flatMap((d, j) => (d > 0 ? [] : [j]));
  if (constantColumns.length > 0) {
    return { status: 'zero-variance', n, reason: 'constant column(s)', constantColumns };
  }
  const matrix = s.map((_, j) =>
    s.map((__, k) => {
      if (j === k) return 1;
      const a = Math.min(j, k);
      const b = Math.max(j, k);
      const v = (s[a]?.[b] ?? 0) / Math.sqrt((diag[a] ?? 1) * (diag[b] ?? 1));
      return Math.max(-1, Math.min(1, v));
    }),
  );
  return { status: 'ok', n, matrix, means, sds: diag.map((d) => Math.sqrt(d / (n - 1))) };
}
