/** Average handle time (methods §1.5): ratio of sums per channel, in seconds. */
import { tIntervalFromMoments, tMeanInterval, sortedAscending } from '../stats/descriptive';
import { zForLevel } from '../stats/distributions';
import { nearestRankPercentile, orderStatisticInterval } from '../stats/quantiles';
import {
  assertCount,
  assertNonNegative,
  gated,
  OPERATIONAL_GATE,
  withGate,
  type SmallNOptions,
} from './gating';
import { noData, type MetricResult } from './types';

/** Handle-time components of one handled contact, seconds. */
export interface HandleTimes {
  talkS: number;
  holdS: number;
  acwS: number;
}

/** Pre-aggregated sums over handled contacts (re-aggregation from sums, §1.0). */
export interface AhtSums {
  talkS: number;
  holdS: number;
  acwS: number;
  handled: number;
  /** Optional Σ (talk + hold + acw)² per contact; enables the t interval from sums. */
  handleSqS?: number;
}

/** Options of the AHT metrics: operational small-n rules and interval level. */
export interface AhtOptions extends SmallNOptions {
  /** Confidence level. Default 0.95. */
  level?: number;
}

/** Handle time of one contact: talk + hold + after-contact work (throws on negative parts). */
export function handleTime(c: HandleTimes): number {
  assertNonNegative(c.talkS, 'talkS');
  assertNonNegative(c.holdS, 'holdS');
  assertNonNegative(c.acwS, 'acwS');
  return c.talkS + c.holdS + c.acwS;
}

/**
 * AHT = (Σ talk + Σ hold + Σ ACW)/handled contacts, seconds. Interval x̄ ± t(n−1)·s/√n only when
 * `handleSqS` is given (s² = (Σx² − n·x̄²)/(n − 1)); otherwise low/high null. handled = 0 → no-data
 * `NO_ELIGIBLE_CONTACTS`; operational metric: n < 30 badged, never suppressed.
 */
export function ahtFromSums(s: AhtSums, opts: AhtOptions = {}): MetricResult {
  assertCount(s.handled, 'handled');
  if (s.handled === 0) return noData('NO_ELIGIBLE_CONTACTS');
  const n = s.handled;
  const m = handleTime(s) / n;
  let interval: { low: number | null; high: number | null } = { low: null, high: null };
  if (s.handleSqS !== undefined && n >= 2) {
    const variance = Math.max(0, (s.handleSqS - n * m * m) / (n - 1));
    interval = tIntervalFromMoments(m, variance, n, opts.level ?? 0.95);
  }
  return gated(n, m, interval.low, interval.high, withGate(OPERATIONAL_GATE, opts));
}

/**
 * AHT from handled contacts: Σ handle time/n (equal to the ratio of sums), with
 * x̄ ± t(n−1)·s/√n of per-contact handle time (null bounds when n = 1). n = 0 → no-data
 * `NO_ELIGIBLE_CONTACTS`; n < 30 badged.
 */
export function aht(contacts: readonly HandleTimes[], opts: AhtOptions = {}): MetricResult {
  if (contacts.length === 0) return noData('NO_ELIGIBLE_CONTACTS');
  const times = contacts.map(handleTime);
  let sum = 0;
  for (const t of times) sum += t;
  const { low, high } = tMeanInterval(times, opts.level ?? 0.95);
  return gated(times.length, sum / times.length, low, high, withGate(OPERATIONAL_GATE, opts));
}

/**
 * Median handle time (robust companion of AHT): nearest-rank median (rank ⌈n/2⌉) of per-contact
 * handle time with a distribution-free order-statistic interval (bounds null when n is too small).
 * n = 0 → no-data `NO_ELIGIBLE_CONTACTS`; n < 30 badged.
 */
export function medianHandleTime(contacts: readonly HandleTimes[], opts: AhtOptions = {}): MetricResult {
  if (contacts.length === 0) return noData('NO_ELIGIBLE_CONTACTS');
  const sorted = sortedAscending(contacts.map(handleTime));
  const value = nearestRankPercentile(sorted, 0.5) ?? 0;
  const { low, high } = orderStatisticInterval(sorted, 0.5, zForLevel(opts.level ?? 0.95));
  return gated(sorted.length, value, low, high, withGate(OPERATIONAL_GATE, opts));
}
