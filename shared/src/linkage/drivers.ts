/**
 * Driver / key-driver analysis (methods §2.3) on relationship-survey attribute ratings, and
 * operational drivers (e.g. stock-out rate) against BU-month satisfaction.
 *
 * Survey drivers: listwise complete cases (all attribute ratings and overall satisfaction present);
 * Pearson r per driver with the Fisher z interval and Benjamini–Hochberg at q = 0.10 across drivers;
 * LMG (Shapley) shares of R² from the correlation matrix (Johnson's relative weights above p = 15);
 * a seeded nonparametric bootstrap (B = 1,000) of respondents for percentile intervals of each share
 * and of R², and the top-3 rank stability; performance = attribute top-2-box (9–10) with a Wilson
 * interval; importance × performance quadrant split at the medians. Minimum n = max(200, 30·p).
 */
import type { DriverAttribute, DriverRow, RelSurveyRow } from '../contracts/inputs';
import { DRIVER_ATTRIBUTES } from '../contracts/inputs';
import { benjaminiHochberg } from '../metrics/multiple-comparisons';
import { wilsonInterval } from '../metrics/proportion';
import { monthOfEpochMs, type Month } from '../month';
import { correlationMatrix, pearson, type CorrelationEstimate } from '../stats/correlation';
import { zForLevel } from '../stats/distributions';
import { createPrng, randomIndex } from '../stats/prng';
import { nearestRankPercentile } from '../stats/quantiles';
import {
  relativeImportance,
  splitOutcome,
  type RelativeImportanceResult,
} from '../stats/relative-importance';

/** Relationship-survey rows as the analytics receive them (with the BU of their scope). */
export type ScopedRelSurvey = RelSurveyRow & { scopeBu: string };

/** Which responses enter the driver analysis. */
export interface DriverSelection {
  /** Business unit id or `ALL` (default). */
  bu?: string;
  /** First response month, inclusive. */
  from?: Month;
  /** Last response month, inclusive. */
  to?: Month;
  /** Attributes to analyse, default all six {@link DRIVER_ATTRIBUTES}. */
  drivers?: readonly DriverAttribute[];
}

/** Listwise complete observations: one row per response, drivers then the outcome. */
export interface DriverObservations {
  drivers: DriverAttribute[];
  /** x[i][j] = rating of driver j in response i (1–10). */
  x: number[][];
  /** Overall satisfaction (1–10). */
  y: number[];
  /** Responses in scope that carry at least one attribute rating or an overall satisfaction. */
  eligible: number;
  /** Eligible responses dropped because a rating was missing (listwise deletion). */
  incomplete: number;
}

/**
 * Selects the driver-module responses of a scope: relationship responses in [from, to] (response
 * month, UTC) of the BU (or all), one per customer and month (the latest, §1.0 de-duplication),
 * that carry any attribute rating or overall satisfaction; keeps those with every selected rating and
 * overall satisfaction (listwise). No responses → empty arrays.
 */
export function driverObservations(
  surveys: readonly ScopedRelSurvey[],
  sel: DriverSelection = {},
): DriverObservations {
  const drivers = [...(sel.drivers ?? DRIVER_ATTRIBUTES)];
  const bu = sel.bu ?? 'ALL';
  const latest = new Map<string, ScopedRelSurvey>();
  for (const s of surveys) {
    if (bu !== 'ALL' && s.scopeBu !== bu) continue;
    const m = monthOfEpochMs(s.respondedMs);
    if ((sel.from !== undefined && m < sel.from) || (sel.to !== undefined && m > sel.to)) continue;
    const key = `${s.customerId}|${m}`;
    const prev = latest.get(key);
    if (!prev || prev.respondedMs <= s.respondedMs) latest.set(key, s);
  }
  const x: number[][] = [];
  const y: number[] = [];
  let eligible = 0;
  const ordered = [...latest.values()].sort((a, b) =>
    a.respondedMs !== b.respondedMs ? a.respondedMs - b.respondedMs : a.responseId < b.responseId ? -1 : 1,
  );
  for (const s of ordered) {
    const hasAny = s.overallSatisfaction !== null || drivers.some((d) => s.attrs[d] !== undefined);
    if (!hasAny) continue;
    eligible++;
    const row: number[] = [];
    for (const d of drivers) {
      const v = s.attrs[d];
      if (v === undefined) break;
      row.push(v);
    }
    if (row.length !== drivers.length || s.overallSatisfaction === null) continue;
    x.push(row);
    y.push(s.overallSatisfaction);
  }
  return { drivers, x, y, eligible, incomplete: eligible - x.length };
}

/** Importance × performance quadrant (classic importance–performance analysis). */
export type DriverQuadrant = 'fix-first' | 'keep-up' | 'possible-overkill' | 'low-priority';

/** An estimate with its interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

/** One driver's row of `GET /api/drivers`. */
export interface DriverResult {
  driver: DriverAttribute;
  /** Pearson r with the Fisher interval, t-test p, BH-adjusted p and the discovery flag at q. */
  correlation: Estimate & { p: number; pAdjusted: number; significant: boolean };
  /** LMG (or Johnson) share of R² with the bootstrap percentile interval. */
  share: Estimate;
  /** Rank of the share (1 = most important). */
  rank: number;
  /** Share of bootstrap resamples in which the driver ranks in the top 3. */
  top3Rate: number;
  /** Top-2-box (9–10) share of the rating with the Wilson interval, fraction 0–1. */
  performance: Estimate & { n: number };
  quadrant: DriverQuadrant;
}

/** Options of {@link analyseDrivers}. */
export interface DriverAnalysisOptions {
  /** Bootstrap resamples B (default 1,000). */
  resamples?: number;
  /** Seed of the bootstrap stream (default 1). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** FDR of Benjamini–Hochberg (default 0.10). */
  q?: number;
  /** Exact LMG up to this p, Johnson's weights above (default 15). */
  maxExactP?: number;
}

/** Result of {@link analyseDrivers}. */
export type DriverAnalysis =
  | {
      status: 'ok';
      n: number;
      p: number;
      minN: number;
      method: 'lmg' | 'johnson';
      /** R² of overall satisfaction on all drivers with the bootstrap percentile interval. */
      r2: Estimate;
      /** Sorted by rank. */
      drivers: DriverResult[];
      /** Drivers of the three largest shares. */
      top3: DriverAttribute[];
      /** Share of resamples whose top-3 set equals `top3`. */
      top3SetStability: number;
      bootstrap: { resamples: number; seed: number; failed: number };
      /** Listwise deletion: eligible responses, dropped ones and their share. */
      missing: { eligible: number; incomplete: number; share: number };
      notes: string[];
    }
  | {
      status: 'too-few' | 'singular' | 'zero-variance' | 'zero-r2' | 'no-predictors';
      n: number;
      p: number;
      minN: number;
      reason: string;
    };

/** Minimum sample for showing importance: n ≥ max(200, 30·p) (methods §2.3). */
export function driverMinimumN(p: number): number {
  return Math.max(200, 30 * p);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Quadrant of each driver: importance above the median share and performance below the median
 * performance → `fix-first`; above/above → `keep-up`; below/above → `possible-overkill`; below/below
 * → `low-priority` ("above"/"below" are strict; a value equal to the median counts as below for
 * importance and above for performance). Empty input → [].
 */
export function importancePerformanceQuadrants(
  importance: readonly number[],
  performance: readonly number[],
): DriverQuadrant[] {
  if (importance.length !== performance.length) throw new RangeError('importance and performance differ');
  if (importance.length === 0) return [];
  const mi = median(importance);
  const mp = median(performance);
  return importance.map((imp, j) => {
    const high = imp > mi;
    const low = (performance[j] ?? 0) < mp;
    if (high) return low ? 'fix-first' : 'keep-up';
    return low ? 'low-priority' : 'possible-overkill';
  });
}

/** Correlation system of (x, y) rows: predictors first, outcome last. */
function systemOf(
  columns: number[][],
): { status: 'ok'; full: number[][] } | { status: 'zero-variance'; reason: string } {
  const cm = correlationMatrix(columns);
  if (cm.status !== 'ok') return { status: 'zero-variance', reason: cm.reason };
  return { status: 'ok', full: cm.matrix };
}

/** Ranks (1 = largest) of shares; ties broken by driver order. */
function ranksOf(shares: readonly number[]): number[] {
  const order = shares.map((_, j) => j).sort((a, b) => (shares[b] ?? 0) - (shares[a] ?? 0) || a - b);
  const ranks = new Array<number>(shares.length).fill(0);
  order.forEach((j, r) => {
    ranks[j] = r + 1;
  });
  return ranks;
}

/**
 * Key-driver analysis of listwise complete observations (methods §2.3). n < max(200, 30·p) →
 * `too-few` with n; constant rating or outcome → `zero-variance`; collinear drivers → `singular`;
 * R² = 0 → `zero-r2`. Otherwise, per driver: Pearson r (Fisher interval, t-test p, BH at q across
 * drivers), share of R² (LMG for p ≤ 15, else Johnson) with bootstrap percentile interval and top-3
 * rate, top-2-box performance (Wilson) and the importance × performance quadrant. Bootstrap resamples
 * with a constant column or singular matrix are skipped and counted in `failed`.
 */
export function analyseDrivers(obs: DriverObservations, opts: DriverAnalysisOptions = {}): DriverAnalysis {
  const p = obs.drivers.length;
  const n = obs.y.length;
  const minN = driverMinimumN(p);
  if (p === 0) return { status: 'no-predictors', n, p, minN, reason: 'no drivers selected' };
  if (n < minN) {
    return { status: 'too-few', n, p, minN, reason: `n = ${n} < max(200, 30·p) = ${minN}` };
  }
  const level = opts.level ?? 0.95;
  const q = opts.q ?? 0.1;
  const b = opts.resamples ?? 1000;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(b) || b < 1) throw new RangeError(`resamples must be a positive integer: ${b}`);
  const riOpts = opts.maxExactP === undefined ? {} : { maxExactP: opts.maxExactP };

  const columns: number[][] = obs.drivers.map((_, j) => obs.x.map((row) => row[j] ?? 0));
  columns.push([...obs.y]);
  const sys = systemOf(columns);
  if (sys.status !== 'ok') return { status: 'zero-variance', n, p, minN, reason: sys.reason };
  const point = relativeImportance(splitOutcome(sys.full), riOpts);
  if (point.status !== 'ok') return { status: point.status, n, p, minN, reason: point.reason };

  // Pearson + BH
  const corr: CorrelationEstimate[] = obs.drivers.map((_, j) => pearson(columns[j] ?? [], obs.y, { level }));
  const pValues = corr.map((c) => (c.status === 'ok' ? c.p : 1));
  const bh = benjaminiHochberg(pValues, q);

  // Bootstrap of respondents
  const width = p + 1;
  const data = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) data[i * width + j] = obs.x[i]?.[j] ?? 0;
    data[i * width + p] = obs.y[i] ?? 0;
  }
  const rng = createPrng(seed);
  const shareDraws: number[][] = obs.drivers.map(() => []);
  const r2Draws: number[] = [];
  const top3Count = new Array<number>(p).fill(0);
  const pointRanks = ranksOf(point.shares);
  const pointTop3 = new Set(pointRanks.flatMap((r, j) => (r <= 3 ? [j] : [])));
  let sameTop3 = 0;
  let failed = 0;
  const sums = new Float64Array(width);
  const cross = new Float64Array(width * width);
  for (let r = 0; r < b; r++) {
    sums.fill(0);
    cross.fill(0);
    for (let i = 0; i < n; i++) {
      const base = randomIndex(rng, n) * width;
      for (let j = 0; j < width; j++) {
        const vj = data[base + j] ?? 0;
        sums[j] = (sums[j] ?? 0) + vj;
        for (let k = j; k < width; k++)
          cross[j * width + k] = (cross[j * width + k] ?? 0) + vj * (data[base + k] ?? 0);
      }
    }
    const res = importanceFromMoments(sums, cross, width, n, riOpts);
    if (res === null || res.status !== 'ok') {
      failed++;
      continue;
    }
    r2Draws.push(res.r2);
    res.shares.forEach((s, j) => shareDraws[j]?.push(s));
    const ranks = ranksOf(res.shares);
    let same = true;
    ranks.forEach((rk, j) => {
      if (rk <= 3) {
        top3Count[j] = (top3Count[j] ?? 0) + 1;
        if (!pointTop3.has(j)) same = false;
      }
    });
    if (same) sameTop3++;
  }
  const ok = b - failed;
  const alpha = 1 - level;
  const pct = (draws: number[], fallback: number): { low: number; high: number } => {
    if (draws.length === 0) return { low: fallback, high: fallback };
    draws.sort((a, c) => a - c);
    return {
      low: nearestRankPercentile(draws, alpha / 2) ?? fallback,
      high: nearestRankPercentile(draws, 1 - alpha / 2) ?? fallback,
    };
  };

  // Performance (top-2-box) and quadrants
  const z = zForLevel(level);
  const performance = obs.drivers.map((_, j) => {
    const col = columns[j] ?? [];
    const k = col.filter((v) => v >= 9).length;
    const ci = wilsonInterval(k, n, z);
    return { value: k / n, low: ci.low, high: ci.high, n };
  });
  const quadrants = importancePerformanceQuadrants(
    point.shares,
    performance.map((x) => x.value),
  );

  const drivers: DriverResult[] = obs.drivers.map((driver, j) => {
    const c = corr[j];
    const cOk = c?.status === 'ok' ? c : null;
    return {
      driver,
      correlation: {
        value: cOk?.r ?? 0,
        low: cOk?.low ?? 0,
        high: cOk?.high ?? 0,
        p: cOk?.p ?? 1,
        pAdjusted: bh.adjusted[j] ?? 1,
        significant: bh.discoveries[j] ?? false,
      },
      share: { value: point.shares[j] ?? 0, ...pct(shareDraws[j] ?? [], point.shares[j] ?? 0) },
      rank: pointRanks[j] ?? p,
      top3Rate: ok > 0 ? (top3Count[j] ?? 0) / ok : 0,
      performance: performance[j] ?? { value: 0, low: 0, high: 0, n },
      quadrant: quadrants[j] ?? 'low-priority',
    };
  });
  drivers.sort((a, c) => a.rank - c.rank);
  const notes: string[] = [];
  const missingShare = obs.eligible > 0 ? obs.incomplete / obs.eligible : 0;
  if (missingShare > 0.05) {
    notes.push(
      `${(100 * missingShare).toFixed(1)} % of responses are incomplete; listwise deletion is used ` +
        '(methods §2.3 recommends multiple imputation above 5 %).',
    );
  }
  if (point.method === 'johnson') notes.push(`p = ${p} > 15: Johnson's relative weights approximate LMG.`);
  return {
    status: 'ok',
    n,
    p,
    minN,
    method: point.method,
    r2: { value: point.r2, ...pct(r2Draws, point.r2) },
    drivers,
    top3: drivers.filter((d) => d.rank <= 3).map((d) => d.driver),
    top3SetStability: ok > 0 ? sameTop3 / ok : 0,
    bootstrap: { resamples: b, seed, failed },
    missing: { eligible: obs.eligible, incomplete: obs.incomplete, share: missingShare },
    notes,
  };
}

/** Relative importance from raw sums Σv and upper-triangular cross-products Σv_j v_k of n rows. */
function importanceFromMoments(
  sums: Float64Array,
  cross: Float64Array,
  width: number,
  n: number,
  riOpts: { maxExactP?: number },
): RelativeImportanceResult | null {
  const cov: number[][] = [];
  for (let j = 0; j < width; j++) {
    const row: number[] = [];
    for (let k = 0; k < width; k++) {
      const a = Math.min(j, k);
      const c = Math.max(j, k);
      row.push((cross[a * width + c] ?? 0) - ((sums[a] ?? 0) * (sums[c] ?? 0)) / n);
    }
    cov.push(row);
  }
  const sd = cov.map((row, j) => Math.sqrt(Math.max(0, row[j] ?? 0)));
  if (sd.some((s) => !(s > 1e-12))) return null;
  const full = cov.map((row, j) => row.map((v, k) => (j === k ? 1 : v / ((sd[j] ?? 1) * (sd[k] ?? 1)))));
  return relativeImportance(splitOutcome(full), riOpts);
}

// ---------------------------------------------------------------------------------------------------
// Operational drivers per BU-month

/** How BU-month satisfaction is summarised from overall-satisfaction ratings (1–10). */
export type SatisfactionSummary = 'mean' | 't2b';

/** One BU-month of satisfaction. */
export interface BuMonthSatisfaction {
  bu: string;
  month: Month;
  /** Responses with an overall-satisfaction rating. */
  n: number;
  /** Mean rating, or top-2-box (9–10) share as a fraction. */
  value: number;
}

/**
 * BU-month satisfaction from relationship responses with an overall-satisfaction rating (one per
 * customer-month, the latest): mean rating or top-2-box share. BU-months with fewer than `minN`
 * ratings (default 30, the survey gate of §1.0) are omitted. No ratings → [].
 */
export function buMonthSatisfaction(
  surveys: readonly ScopedRelSurvey[],
  summary: SatisfactionSummary = 'mean',
  minN = 30,
): BuMonthSatisfaction[] {
  const latest = new Map<string, ScopedRelSurvey>();
  for (const s of surveys) {
    if (s.overallSatisfaction === null) continue;
    const key = `${s.customerId}|${monthOfEpochMs(s.respondedMs)}`;
    const prev = latest.get(key);
    if (!prev || prev.respondedMs <= s.respondedMs) latest.set(key, s);
  }
  const acc = new Map<string, { bu: string; month: Month; n: number; sum: number; top: number }>();
  for (const s of latest.values()) {
    const month = monthOfEpochMs(s.respondedMs);
    const key = `${s.scopeBu}#${month}`;
    const a = acc.get(key) ?? { bu: s.scopeBu, month, n: 0, sum: 0, top: 0 };
    const v = s.overallSatisfaction ?? 0;
    a.n++;
    a.sum += v;
    if (v >= 9) a.top++;
    acc.set(key, a);
  }
  return [...acc.values()]
    .filter((a) => a.n >= minN)
    .map((a) => ({ bu: a.bu, month: a.month, n: a.n, value: summary === 'mean' ? a.sum / a.n : a.top / a.n }))
    .sort((a, b) => (a.bu === b.bu ? (a.month < b.month ? -1 : 1) : a.bu < b.bu ? -1 : 1));
}

/** Correlation of one operational metric with BU-month satisfaction. */
export interface OperationalDriverResult {
  metric: string;
  /** BU-months with both the metric and satisfaction. */
  n: number;
  businessUnits: number;
  /** `small-n`: fewer than 30 BU-months, shown with its (wide) interval; `too-few`: no interval. */
  status: 'ok' | 'small-n' | 'too-few';
  reason?: string;
  /** Pearson r over all BU-months (between-BU differences included). */
  pooled: CorrelationEstimate;
  /**
   * Pearson r after removing BU means from both variables (within-BU association; the Fisher and t
   * degrees of freedom drop by the number of BUs − 1).
   */
  withinBu: CorrelationEstimate;
  /** BH-adjusted p of the within-BU correlation across metrics, and its discovery flag at q. */
  pAdjusted: number | null;
  significant: boolean;
}

/** Options of {@link operationalDriverCorrelations}. */
export interface OperationalDriverOptions {
  summary?: SatisfactionSummary;
  /** Minimum ratings per BU-month (default 30). */
  minResponses?: number;
  level?: number;
  q?: number;
  /** BU-months below which the result is flagged `small-n` (default 30). */
  smallN?: number;
}

/**
 * Operational drivers (rows of the operational-drivers file, one value per BU, month and metric)
 * against BU-month satisfaction ({@link buMonthSatisfaction}). Per metric: the BU-months present in
 * both; pooled Pearson r and the within-BU r (BU-demeaned) with Fisher intervals; BH across metrics on
 * the within-BU p-values. n − 3 − (BUs − 1) ≤ 0 → `too-few`; n < 30 → `small-n`. Metrics are sorted by
 * name; no rows → [].
 */
export function operationalDriverCorrelations(
  rows: readonly DriverRow[],
  surveys: readonly ScopedRelSurvey[],
  opts: OperationalDriverOptions = {},
): OperationalDriverResult[] {
  const level = opts.level ?? 0.95;
  const smallN = opts.smallN ?? 30;
  const sat = new Map(
    buMonthSatisfaction(surveys, opts.summary ?? 'mean', opts.minResponses ?? 30).map((s) => [
      `${s.bu}#${s.month}`,
      s.value,
    ]),
  );
  const byMetric = new Map<string, { bu: string; x: number; y: number }[]>();
  for (const r of rows) {
    const y = sat.get(`${r.bu}#${r.month}`);
    if (y === undefined || !Number.isFinite(r.value)) continue;
    const list = byMetric.get(r.metric) ?? [];
    list.push({ bu: r.bu, x: r.value, y });
    byMetric.set(r.metric, list);
  }
  const metrics = [...byMetric.keys()].sort();
  const results = metrics.map((metric): OperationalDriverResult => {
    const pts = byMetric.get(metric) ?? [];
    const bus = [...new Set(pts.map((p) => p.bu))];
    const mean = new Map<string, { x: number; y: number; n: number }>();
    for (const p of pts) {
      const m = mean.get(p.bu) ?? { x: 0, y: 0, n: 0 };
      m.x += p.x;
      m.y += p.y;
      m.n++;
      mean.set(p.bu, m);
    }
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const dx = pts.map((p) => {
      const m = mean.get(p.bu);
      return m ? p.x - m.x / m.n : 0;
    });
    const dy = pts.map((p) => {
      const m = mean.get(p.bu);
      return m ? p.y - m.y / m.n : 0;
    });
    const pooled = pearson(xs, ys, { level });
    const withinBu = pearson(dx, dy, { level, partialled: Math.max(0, bus.length - 1) });
    const n = pts.length;
    const status: OperationalDriverResult['status'] =
      withinBu.status === 'too-few' ? 'too-few' : n < smallN ? 'small-n' : 'ok';
    const reason =
      status === 'too-few'
        ? `${n} BU-months over ${bus.length} BU(s): too few for an interval`
        : status === 'small-n'
          ? `only ${n} BU-months with satisfaction ratings: wide interval, treat as indicative`
          : undefined;
    return {
      metric,
      n,
      businessUnits: bus.length,
      status,
      ...(reason ? { reason } : {}),
      pooled,
      withinBu,
      pAdjusted: null,
      significant: false,
    };
  });
  const tested = results.flatMap((r, i) => (r.withinBu.status === 'ok' ? [{ i, p: r.withinBu.p }] : []));
  const bh = benjaminiHochberg(
    tested.map((t) => t.p),
    opts.q ?? 0.1,
  );
  tested.forEach((t, k) => {
    const r = results[t.i];
    if (!r) return;
    r.pAdjusted = bh.adjusted[k] ?? null;
    r.significant = bh.discoveries[k] ?? false;
  });
  return results;
}
