/**
 * First response time (methods §1.4) with right-censoring: tickets still unanswered at the reporting
 * cut-off are censored at `cutoff − created`. Times are in seconds.
 */
import { Z95 } from '../stats/distributions';
import {
  assertNonNegative,
  gated,
  markProvisional,
  OPERATIONAL_GATE,
  withGate,
  type SmallNOptions,
} from './gating';
import { proportionMetric } from './proportion';
import { noData, type MetricResult } from './types';

export { nearestRankPercentile } from '../stats/quantiles';

/** One ticket: answered → `seconds` is the FRT; unanswered → censored at `seconds`. */
export interface FrtObservation {
  seconds: number;
  answered: boolean;
}

/** One step of the Kaplan–Meier curve at a distinct observed time. */
export interface KmPoint {
  /** Distinct observed time (an event and/or censoring time), seconds. */
  time: number;
  /** Ŝ(time): probability of no first response by `time` (after the step at `time`). */
  survival: number;
  /** Tickets at risk just before `time` (observed time ≥ `time`). */
  atRisk: number;
  /** First responses at `time`. */
  events: number;
  /** Tickets censored at `time` (counted at risk at `time`: events precede censoring on ties). */
  censored: number;
  /** Greenwood standard error Ŝ·√Σ d/(n(n − d)) over event times ≤ `time`; 0 once Ŝ = 0. */
  se: number;
}

/** Options of {@link frtStats}. */
export interface FrtOptions extends SmallNOptions {
  /** Critical value of the Brookmeyer–Crowley interval. Default Z95. */
  z?: number;
  /**
   * Marks both statistics `provisional` (`WINDOW_INCOMPLETE`). Default: true when any ticket is
   * unanswered (censored), since its answer can still move the estimate. Pass false for periods
   * whose provisional window (§1.4: last 1–2 weeks) has elapsed.
   */
  provisional?: boolean;
}

/**
 * Tolerance on Ŝ(t) ≤ 1 − q: the product-limit Ŝ is a float product, so Ŝ = (n − k)/n may land a few
 * ulps above its exact value. Steps of Ŝ are ≥ Ŝ/n, many orders of magnitude larger.
 */
const S_EPS = 1e-10;

function validate(obs: readonly FrtObservation[]): void {
  for (const o of obs) assertNonNegative(o.seconds, 'FRT seconds');
}

/**
 * Kaplan–Meier (product-limit) estimate Ŝ(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ) of "not yet answered",
 * one point per distinct observed time, with Greenwood standard errors. Empty input → [].
 * O(n log n).
 */
export function kaplanMeier(obs: readonly FrtObservation[]): KmPoint[] {
  validate(obs);
  const sorted = [...obs].sort((a, b) => a.seconds - b.seconds);
  const points: KmPoint[] = [];
  let atRisk = sorted.length;
  let s = 1;
  let greenwood = 0;
  let i = 0;
  while (i < sorted.length) {
    const time = sorted[i]?.seconds ?? 0;
    let events = 0;
    let censored = 0;
    while (i < sorted.length && sorted[i]?.seconds === time) {
      if (sorted[i]?.answered) events++;
      else censored++;
      i++;
    }
    if (events > 0) {
      s *= 1 - events / atRisk;
      if (atRisk > events) greenwood += events / (atRisk * (atRisk - events));
      else s = 0;
    }
    points.push({ time, survival: s, atRisk, events, censored, se: s === 0 ? 0 : s * Math.sqrt(greenwood) });
    atRisk -= events + censored;
  }
  return points;
}

function firstTime(curve: readonly KmPoint[], reached: (p: KmPoint) => boolean): number | null {
  for (const p of curve) if (reached(p)) return p.time;
  return null;
}

function checkQ(q: number): void {
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile must be in (0, 1): ${q}`);
}

/** KM quantile from a curve: min{t : Ŝ(t) ≤ 1 − q}; null when Ŝ never falls that low. */
export function kmQuantileFromCurve(curve: readonly KmPoint[], q: number): number | null {
  checkQ(q);
  return firstTime(curve, (p) => p.survival <= 1 - q + S_EPS);
}

/**
 * KM quantile min{t : Ŝ(t) ≤ 1 − q} (median q = 0.5, p90 q = 0.9); null when Ŝ never falls to 1 − q
 * ("> max observed") or there are no observations. Without censoring it equals the nearest-rank
 * percentile (value at rank ⌈q·n⌉ of the sorted times).
 */
export function kmQuantile(obs: readonly FrtObservation[], q: number): number | null {
  return kmQuantileFromCurve(kaplanMeier(obs), q);
}

/**
 * Brookmeyer–Crowley interval for the KM q-quantile: the times t whose Ŝ(t) is compatible with
 * 1 − q, |Ŝ(t) − (1 − q)| ≤ z·SE(Ŝ(t)), with the plain Greenwood SE. low = min{t : Ŝ − z·SE ≤ 1 − q},
 * high = min{t : Ŝ + z·SE ≤ 1 − q}; a bound is null when the band never reaches 1 − q. Chosen over
 * an order-statistic interval because it handles censoring; without censoring Greenwood reduces
 * to the binomial variance Ŝ(1 − Ŝ)/n, so the two agree closely.
 */
export function kmQuantileInterval(
  curve: readonly KmPoint[],
  q: number,
  z: number = Z95,
): { low: number | null; high: number | null } {
  checkQ(q);
  const target = 1 - q + S_EPS;
  return {
    low: firstTime(curve, (p) => p.survival - z * p.se <= target),
    high: firstTime(curve, (p) => p.survival + z * p.se <= target),
  };
}

function quantileResult(
  curve: readonly KmPoint[],
  q: number,
  n: number,
  opts: FrtOptions,
  provisional: boolean,
): MetricResult {
  const value = kmQuantileFromCurve(curve, q);
  const maxObserved = curve[curve.length - 1]?.time ?? 0;
  const { low, high } = kmQuantileInterval(curve, q, opts.z ?? Z95);
  const base = gated(n, value ?? maxObserved, low, high, withGate(OPERATIONAL_GATE, opts));
  if (value === null) {
    return {
      ...base,
      value: null,
      low: maxObserved,
      high: null,
      status: 'incomplete',
      reason: 'KM_NOT_REACHED',
    };
  }
  return provisional ? markProvisional(base) : base;
}

/**
 * Median and p90 FRT by Kaplan–Meier, in seconds, each with a Brookmeyer–Crowley interval
 * ({@link kmQuantileInterval}). n = all tickets (answered + censored).
 * - n = 0 → no-data `NO_ELIGIBLE_CONTACTS`.
 * - Operational metric: n < 30 is shown with the `low-precision` badge, never suppressed.
 * - Ŝ never reaches the threshold → value null, status `incomplete`, reason `KM_NOT_REACHED`, and
 *   `low` = the maximum observed time, so the tile can read "> max observed".
 * - `provisional` (default: any ticket censored) → status `provisional`, reason `WINDOW_INCOMPLETE`.
 */
export function frtStats(
  obs: readonly FrtObservation[],
  opts: FrtOptions = {},
): { median: MetricResult; p90: MetricResult } {
  if (obs.length === 0) {
    return { median: noData('NO_ELIGIBLE_CONTACTS'), p90: noData('NO_ELIGIBLE_CONTACTS') };
  }
  const curve = kaplanMeier(obs);
  const provisional = opts.provisional ?? obs.some((o) => !o.answered);
  return {
    median: quantileResult(curve, 0.5, obs.length, opts, provisional),
    p90: quantileResult(curve, 0.9, obs.length, opts, provisional),
  };
}

/**
 * % first-responded within the SLA: 100 × answered with seconds ≤ sla / tickets whose outcome is
 * known (answered, or unanswered for ≥ sla), with a Wilson interval. Tickets censored before the SLA
 * elapsed are excluded and make the result `provisional`. No known outcome → no-data
 * `NO_ELIGIBLE_CONTACTS`; operational small-n rules.
 */
export function frtWithinSla(
  obs: readonly FrtObservation[],
  slaSeconds: number,
  opts: SmallNOptions = {},
): MetricResult {
  validate(obs);
  assertNonNegative(slaSeconds, 'SLA seconds');
  let k = 0;
  let n = 0;
  let pending = false;
  for (const o of obs) {
    if (o.answered) {
      n++;
      if (o.seconds <= slaSeconds) k++;
    } else if (o.seconds >= slaSeconds) n++;
    else pending = true;
  }
  const result = proportionMetric(k, n, {
    ...withGate(OPERATIONAL_GATE, opts),
    emptyReason: 'NO_ELIGIBLE_CONTACTS',
  });
  if (n === 0 && pending) return { ...result, status: 'provisional', reason: 'WINDOW_INCOMPLETE' };
  return pending ? markProvisional(result) : result;
}
