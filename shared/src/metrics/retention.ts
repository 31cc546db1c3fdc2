/** Retention, churn, GRR and NRR (methods §1.7). Rates are percentages (0–100). */
import { monthFromIndex, monthIndex, type Month } from '../month';
import { Z95 } from '../stats/distributions';
import {
  assertCount,
  gated,
  markProvisional,
  OPERATIONAL_GATE,
  withGate,
  type SmallNOptions,
} from './gating';
import { proportionMetric, wilsonInterval } from './proportion';
import { noData, type MetricResult } from './types';

/** Options of the logo-churn metrics. */
export interface ChurnOptions extends SmallNOptions {
  /** The churn confirmation window has not elapsed (§1.7) → `provisional`. Default false. */
  provisional?: boolean;
}

/**
 * Logo churn % = 100 × C/S, S = customers active at the start of the month (end of the previous
 * one), C = members of S who churned in the month; customers acquired during the month are in
 * neither. Wilson interval. S = 0 → no-data `NO_ACTIVE_CUSTOMERS`; S < 30 badged (not suppressed).
 */
export function logoChurn(
  c: { startActive: number; churned: number },
  opts: ChurnOptions = {},
): MetricResult {
  assertCount(c.startActive, 'startActive');
  assertCount(c.churned, 'churned');
  const result = proportionMetric(c.churned, c.startActive, {
    ...withGate(OPERATIONAL_GATE, opts),
    emptyReason: 'NO_ACTIVE_CUSTOMERS',
  });
  return opts.provisional ? markProvisional(result) : result;
}

/**
 * Customer retention rate CRR % = 100 × (E − N)/S (E = customers at end, N = new customers acquired
 * in the period, S = customers at start). Wilson interval on k = E − N of S when 0 ≤ E − N ≤ S,
 * otherwise (inconsistent inputs, e.g. win-backs not counted as new) bounds null. S = 0 → no-data
 * `NO_ACTIVE_CUSTOMERS`; S < 30 badged.
 */
export function customerRetentionRate(
  c: { startActive: number; endActive: number; newCustomers: number },
  opts: ChurnOptions = {},
): MetricResult {
  assertCount(c.startActive, 'startActive');
  assertCount(c.endActive, 'endActive');
  assertCount(c.newCustomers, 'newCustomers');
  if (c.startActive === 0) return noData('NO_ACTIVE_CUSTOMERS');
  const retained = c.endActive - c.newCustomers;
  let low: number | null = null;
  let high: number | null = null;
  if (retained >= 0 && retained <= c.startActive) {
    const ci = wilsonInterval(retained, c.startActive, Z95);
    low = 100 * ci.low;
    high = 100 * ci.high;
  }
  const result = gated(
    c.startActive,
    (100 * retained) / c.startActive,
    low,
    high,
    withGate(OPERATIONAL_GATE, opts),
  );
  return opts.provisional ? markProvisional(result) : result;
}

/** One customer of the starting cohort: revenue (or MRR) at start and at end, integer minor units. */
export interface RevenuePair {
  startMinor: number;
  endMinor: number;
}

/**
 * Revenue retention of a starting cohort (new customers excluded), ratio of sums in percent:
 * GRR = 100 × Σ min(endᵢ, startᵢ)/Σ startᵢ (≤ 100), NRR = 100 × Σ endᵢ/Σ startᵢ. Sums are exact
 * (BigInt over integer minor units). Deterministic ledger quantities: low/high null. No pairs or
 * Σ start ≤ 0 → no-data `NO_ACTIVE_CUSTOMERS`; fewer than 30 customers badged.
 */
export function revenueRetention(
  pairs: readonly RevenuePair[],
  opts: SmallNOptions = {},
): { grr: MetricResult; nrr: MetricResult } {
  let start = 0n;
  let end = 0n;
  let kept = 0n;
  for (const p of pairs) {
    if (!Number.isSafeInteger(p.startMinor) || !Number.isSafeInteger(p.endMinor)) {
      throw new RangeError(`revenue must be integer minor units: ${p.startMinor}, ${p.endMinor}`);
    }
    const s = BigInt(p.startMinor);
    const e = BigInt(p.endMinor);
    start += s;
    end += e;
    kept += e < s ? e : s;
  }
  return revenueRetentionFromSums(
    { startMinor: start, endMinor: end, keptMinor: kept, n: pairs.length },
    opts,
  );
}

/**
 * GRR and NRR from a cohort's sums (exact integer minor units): GRR = Σ min(end, start) / Σ start,
 * NRR = Σ end / Σ start. n = cohort size. Empty cohort or Σ start ≤ 0 → NULL (NO_ACTIVE_CUSTOMERS).
 */
export function revenueRetentionFromSums(
  sums: { startMinor: bigint | number; endMinor: bigint | number; keptMinor: bigint | number; n: number },
  opts: SmallNOptions = {},
): { grr: MetricResult; nrr: MetricResult } {
  const start = BigInt(sums.startMinor);
  if (sums.n === 0 || start <= 0n) {
    return { grr: noData('NO_ACTIVE_CUSTOMERS'), nrr: noData('NO_ACTIVE_CUSTOMERS') };
  }
  const gate = withGate(OPERATIONAL_GATE, opts);
  return {
    grr: gated(sums.n, bigRatioPct(BigInt(sums.keptMinor), start), null, null, gate),
    nrr: gated(sums.n, bigRatioPct(BigInt(sums.endMinor), start), null, null, gate),
  };
}

/** 100 × a/b for exact integer sums (b > 0), truncated at 10⁻¹² of a percentage point. */
function bigRatioPct(a: bigint, b: bigint): number {
  const scale = 10n ** 12n;
  return Number((a * 100n * scale) / b) / 1e12;
}

/**
 * Annual churn % from monthly churn percentages: 100 × (1 − Π(1 − cₘ/100)) (never 12 × monthly);
 * 2 %/month for 12 months → 21.5 %. Null for an empty array.
 */
export function annualizeChurn(monthlyChurnPct: readonly number[]): number | null {
  if (monthlyChurnPct.length === 0) return null;
  let survive = 1;
  for (const c of monthlyChurnPct) {
    if (!(c >= 0 && c <= 100)) throw new RangeError(`monthly churn must be a percentage in 0–100: ${c}`);
    survive *= 1 - c / 100;
  }
  return 100 * (1 - survive);
}

/** One recorded churn (churn-events file): effective month and optional win-back month. */
export interface ChurnEvent {
  churnMonth: Month;
  winbackMonth?: Month | null;
}

/**
 * An active spell: the customer is active at the end of every month m with from ≤ m < until
 * (`until` = churn month; null = still active).
 */
export interface ActiveSpell {
  from: Month;
  until: Month | null;
}

/**
 * Active spells from the start month and churn events: each churn ends the current spell (the
 * customer is not active at the end of the churn month); a win-back starts a new spell at its month
 * (the earlier churn stands). Spells with no month-end (churn in the start month) are dropped.
 * Throws a RangeError for a churn before the current spell's start, a churn while already churned
 * (no win-back in between) or a win-back before its churn. No events → one open spell.
 */
export function churnSpells(startMonth: Month, events: readonly ChurnEvent[]): ActiveSpell[] {
  const sorted = [...events].sort((a, b) => monthIndex(a.churnMonth) - monthIndex(b.churnMonth));
  const spells: ActiveSpell[] = [];
  let from: Month | null = startMonth;
  for (const e of sorted) {
    if (from === null)
      throw new RangeError(`churn in ${e.churnMonth} while not active (no win-back before it)`);
    if (monthIndex(e.churnMonth) < monthIndex(from)) {
      throw new RangeError(`churn in ${e.churnMonth} before the spell started in ${from}`);
    }
    if (monthIndex(e.churnMonth) > monthIndex(from)) spells.push({ from, until: e.churnMonth });
    const winback = e.winbackMonth ?? null;
    if (winback !== null && monthIndex(winback) < monthIndex(e.churnMonth)) {
      throw new RangeError(`win-back ${winback} before churn ${e.churnMonth}`);
    }
    from = winback;
  }
  if (from !== null) spells.push({ from, until: null });
  return spells;
}

/** True when some spell covers the end of `month` (from ≤ month < until). */
export function isActiveAtEnd(spells: readonly ActiveSpell[], month: Month): boolean {
  const m = monthIndex(month);
  return spells.some((s) => monthIndex(s.from) <= m && (s.until === null || m < monthIndex(s.until)));
}

/** True when a spell ends with a churn in `month` (the customer was active at the end of month − 1). */
export function churnedInMonth(spells: readonly ActiveSpell[], month: Month): boolean {
  return spells.some((s) => s.until === month);
}

/** Revenue-based active status: active when revenue floored at 0 is > 0 (credits never make active). */
export function activeByRevenue(monthlyRevenueMinor: number): boolean {
  return Math.max(0, monthlyRevenueMinor) > 0;
}

/** Revenue of one customer in one month, integer minor units. */
export interface MonthlyRevenue {
  month: Month;
  revenueMinor: number;
}

/** A churn derived from revenue: win-back month when revenue resumed; provisional inside the window. */
export interface RevenueChurnEvent {
  churnMonth: Month;
  winbackMonth: Month | null;
  /** The k-month confirmation window reaches beyond the last observed month. */
  provisional: boolean;
}

/**
 * Churn events from one customer's revenue (§1.7, revenue-only BUs): churn in month t when the
 * customer was active (revenue > 0 after flooring at 0) in t − 1 and has zero revenue for k
 * consecutive months starting at t. Months with no row count as zero; rows of the same month are
 * summed. The series runs from the earliest row to `lastMonth` (default: the latest row). When the
 * window t … t + k − 1 extends past `lastMonth` and every observed month of it is zero, the churn is
 * returned with `provisional: true`. The first active month after a churn is its win-back; later
 * churns are detected again from there. No rows → [].
 */
export function churnFromRevenue(
  revenueByMonth: readonly MonthlyRevenue[],
  k = 2,
  lastMonth?: Month,
): RevenueChurnEvent[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer: ${k}`);
  if (revenueByMonth.length === 0) return [];
  const byIndex = new Map<number, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const r of revenueByMonth) {
    if (!Number.isSafeInteger(r.revenueMinor))
      throw new RangeError(`revenue must be integer minor units: ${r.revenueMinor}`);
    const i = monthIndex(r.month);
    byIndex.set(i, (byIndex.get(i) ?? 0) + r.revenueMinor);
    first = Math.min(first, i);
    last = Math.max(last, i);
  }
  if (lastMonth !== undefined) last = monthIndex(lastMonth);
  const active = (i: number): boolean => activeByRevenue(byIndex.get(i) ?? 0);
  const events: RevenueChurnEvent[] = [];
  let open: RevenueChurnEvent | null = null;
  for (let t = first + 1; t <= last; t++) {
    if (open !== null) {
      if (active(t)) {
        open.winbackMonth = monthFromIndex(t);
        open = null;
      }
      continue;
    }
    if (!active(t - 1) || active(t)) continue;
    let confirmed = true;
    let zeroSoFar = true;
    for (let u = t; u < t + k; u++) {
      if (u > last) {
        confirmed = false;
        break;
      }
      if (active(u)) {
        zeroSoFar = false;
        break;
      }
    }
    if (!zeroSoFar) continue;
    open = { churnMonth: monthFromIndex(t), winbackMonth: null, provisional: !confirmed };
    events.push(open);
  }
  return events;
}
