/**
 * Revenue, churn and growth by loyalty segment (methods §2.2, Bain-style promoter vs detractor value).
 *
 * Design (landmark; documented choices marked ASSUMPTION in methods §2.2):
 * - Surveyed landmarks: every accepted relationship response (one per customer and month, the latest)
 *   is a landmark at its response month t. The segment is that response's NPS category, which is the
 *   most recent category observed as of t. A customer responding twice contributes two landmarks; the
 *   customer-level (cluster) bootstrap keeps its landmarks together.
 * - Not-surveyed landmarks: at each quarter start (January, April, July, October) every customer active
 *   at the end of that month with no accepted response in the 12 months up to it (the look-back is
 *   truncated at the first month of data) is a `not-surveyed` landmark.
 * - A landmark needs the customer active at the end of t and a complete outcome window t+1 … t+w inside
 *   the data (t + w ≤ asOf); windows of 3, 6 and 12 months are supported (any w ≥ 1).
 * - Outcomes per segment, ratio of sums over landmarks: logo churn within the window (a churn event in
 *   t+1 … t+w); GRR = Σ min(end, start)/Σ start and NRR = Σ end/Σ start with start = revenue in t and
 *   end = revenue in t+w (reporting-currency minor units via the month's FX rate), over landmarks with
 *   start > 0 and finance coverage of the customer's BU in t and t+w; ARPU growth = Σ end/Σ start − 1
 *   over those of them with end > 0 (survivors); monthly churn hazard h = churns/at-risk months in the
 *   windows and r = 1 − h; margin per at-risk month m = Σ revenue × margin_BU / covered at-risk months −
 *   Σ contacts × cost per contact / at-risk months (cost-to-serve); CLV = m·r/(1 + i − r) with the
 *   monthly discount rate i = (1 + i_annual)^(1/12) − 1, and the finite-horizon CLV_H.
 * - Value gap VG = CLV_P − CLV_D and ratio CLV_P/CLV_D with P10/P50/P90 from a customer-level bootstrap
 *   (B = 2,000); churn ratios with the Katz log-ratio delta-method interval; the value of moving
 *   detractors is labelled an associational upper bound.
 */
import type { ChurnRow, CustomerRow } from '../contracts/inputs';
import { convertMinor } from '../contracts/values';
import { clvFinite, clvInfinite, monthlyDiscountRate } from '../metrics/clv';
import { npsCategory, type NpsCategory } from '../metrics/nps';
import { wilsonInterval } from '../metrics/proportion';
import type { MetricResult, ReasonCode } from '../metrics/types';
import { monthFromIndex, monthIndex, type Month } from '../month';
import { zForLevel } from '../stats/distributions';
import { createPrng } from '../stats/prng';
import { nearestRankPercentile } from '../stats/quantiles';
import type { Facts } from '../views/metric-views';

/** Loyalty segments of `GET /api/linkage`. */
export const LOYALTY_SEGMENTS = ['promoter', 'passive', 'detractor', 'not-surveyed'] as const;
/** One loyalty segment. */
export type LoyaltySegment = (typeof LOYALTY_SEGMENTS)[number];

/**
 * Business inputs of the linkage (the assumptions register): gross margin on revenue per BU (fraction),
 * cost per contact per channel (reporting-currency major units, e.g. 8 = $8), annual discount rate,
 * CLV horizon in months. A BU without a margin uses `defaultMargin` when given; otherwise, like a
 * channel without a cost, it counts as 0 and is listed in `assumptionGaps`.
 */
export interface LinkageAssumptions {
  marginByBu: Record<string, number>;
  defaultMargin?: number;
  costPerContact: Record<string, number>;
  annualDiscountRate: number;
  horizonMonths: number;
}

const SEG_INDEX: Record<LoyaltySegment, number> = {
  promoter: 0,
  passive: 1,
  detractor: 2,
  'not-surveyed': 3,
};

/** One customer's indexed facts (month offsets count from {@link LinkageIndex.first}). */
export interface LinkageCustomer {
  id: string;
  bu: string;
  /** Active spells as month indexes: active at the end of m when start ≤ m < end. */
  spells: { start: number; end: number | null }[];
  churnMonths: number[];
  /** 1 when active at the end of month `first − 1 + k` (k = 0 … len). */
  active: Uint8Array;
  /** 1 when a spell ends with a churn in month `first + k`. */
  spellEnd: Uint8Array;
  /** Reporting minor units by month offset from `first` (0 when no row). */
  revenue: Float64Array;
  /** Accepted responses (one per month, the latest), ascending by time. */
  responses: { month: number; ms: number; category: NpsCategory }[];
  /** Contacts by month offset and channel. */
  contacts: Map<number, Map<string, number>>;
}

/** Facts indexed per customer for the linkage analytics; build once, analyse many scopes/windows. */
export interface LinkageIndex {
  reportingCurrency: string;
  /** First and last month index of the data. */
  first: number;
  last: number;
  businessUnits: string[];
  customers: LinkageCustomer[];
  /** Per BU: 1 when month `first + k` has an accepted finance upload with every row converted. */
  coverage: Map<string, Uint8Array>;
}

function isCovered(index: LinkageIndex, bu: string, m: number): boolean {
  return (index.coverage.get(bu)?.[m - index.first] ?? 0) === 1;
}

/** monthIndex with a per-call cache (revenue rows repeat the same few months). */
function cachedMonthIndex(): (m: Month) => number {
  const cache = new Map<Month, number>();
  return (m) => {
    let v = cache.get(m);
    if (v === undefined) {
      v = monthIndex(m);
      cache.set(m, v);
    }
    return v;
  };
}
/** Month index (UTC) of an epoch-ms timestamp, equal to monthIndex(monthOfEpochMs(ms)). */
function msMonth(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function spellsOf(
  c: CustomerRow,
  events: readonly ChurnRow[],
  mi: (m: Month) => number,
): { start: number; end: number | null }[] {
  const sorted = [...events].sort((a, b) => (a.churnMonth < b.churnMonth ? -1 : 1));
  const spells: { start: number; end: number | null }[] = [];
  let start: number | null = mi(c.startMonth);
  for (const e of sorted) {
    const churn = mi(e.churnMonth);
    if (start !== null && churn >= start) {
      spells.push({ start, end: churn });
      start = null;
    }
    if (e.winbackMonth !== null && start === null) start = mi(e.winbackMonth);
  }
  if (start !== null) spells.push({ start, end: null });
  return spells;
}

function activeAtEnd(index: LinkageIndex, c: LinkageCustomer, m: number): boolean {
  const k = m - index.first + 1;
  if (k >= 0 && k < c.active.length) return c.active[k] === 1;
  return c.spells.some((s) => s.start <= m && (s.end === null || s.end > m));
}

/**
 * Indexes the facts per customer: spells from the customer start month and churn events (a win-back
 * starts a new spell), revenue in reporting-currency minor units (`convertMinor` at the month's FX
 * rate; rows of one month summed), finance coverage per BU-month (a month with an unconvertible row
 * is not covered), accepted relationship responses (one per customer-month, the latest; invalid LTRs
 * skipped) and contacts per month and channel. The calendar spans the months of revenue, contacts and
 * surveys; no such facts → `first > last`.
 */
export function buildLinkageIndex(facts: Facts): LinkageIndex {
  const mi = cachedMonthIndex();
  const months: number[] = [];
  for (const r of facts.revenue) months.push(mi(r.month));
  for (const s of facts.relSurveys) months.push(msMonth(s.respondedMs));
  for (const c of facts.contacts) months.push(msMonth(c.createdMs));
  let first = Infinity;
  let last = -Infinity;
  for (const m of months) {
    if (m < first) first = m;
    if (m > last) last = m;
  }
  if (!Number.isFinite(first)) {
    return {
      reportingCurrency: facts.reportingCurrency,
      first: 0,
      last: -1,
      businessUnits: [],
      customers: [],
      coverage: new Map(),
    };
  }
  const len = last - first + 1;
  const events = new Map<string, ChurnRow[]>();
  for (const e of facts.churnEvents) {
    const l = events.get(e.customerId) ?? [];
    l.push(e);
    events.set(e.customerId, l);
  }
  const byId = new Map<string, LinkageCustomer>();
  for (const c of facts.customers) {
    const ev = events.get(c.customerId) ?? [];
    const spells = spellsOf(c, ev, mi);
    const active = new Uint8Array(len + 1);
    const spellEnd = new Uint8Array(len);
    for (const sp of spells) {
      for (let k = 0; k <= len; k++) {
        const m = first - 1 + k;
        if (sp.start <= m && (sp.end === null || sp.end > m)) active[k] = 1;
      }
      if (sp.end !== null && sp.end >= first && sp.end <= last) spellEnd[sp.end - first] = 1;
    }
    byId.set(c.customerId, {
      id: c.customerId,
      bu: c.bu,
      spells,
      churnMonths: ev.map((e) => mi(e.churnMonth)),
      active,
      spellEnd,
      revenue: new Float64Array(len),
      responses: [],
      contacts: new Map(),
    });
  }
  const fx = new Map<string, number>();
  for (const r of facts.fx) fx.set(`${r.currency}|${r.month}`, r.rate);
  const gaps = new Set<string>();
  for (const r of facts.revenue) {
    const c = byId.get(r.customerId);
    if (!c) continue;
    const cur = r.currency ?? facts.reportingCurrency;
    const rate = cur === facts.reportingCurrency ? 1 : fx.get(`${cur}|${r.month}`);
    const m = mi(r.month);
    if (rate === undefined) {
      gaps.add(`${c.bu}#${m}`);
      continue;
    }
    c.revenue[m - first] = (c.revenue[m - first] ?? 0) + convertMinor(r.amountMinor, rate);
  }
  const coverage = new Map<string, Uint8Array>();
  for (const k of facts.revenueCoverage) {
    const [bu = '', month = ''] = k.split('#');
    const m = mi(month);
    if (gaps.has(`${bu}#${m}`) || m < first || m > last) continue;
    const arr = coverage.get(bu) ?? new Uint8Array(len);
    arr[m - first] = 1;
    coverage.set(bu, arr);
  }
  const latest = new Map<string, { month: number; ms: number; ltr: number; id: string }>();
  for (const s of facts.relSurveys) {
    if (!Number.isInteger(s.ltr) || s.ltr < 0 || s.ltr > 10) continue;
    const month = msMonth(s.respondedMs);
    const key = `${s.customerId}|${month}`;
    const prev = latest.get(key);
    if (!prev || prev.ms <= s.respondedMs)
      latest.set(key, { month, ms: s.respondedMs, ltr: s.ltr, id: s.customerId });
  }
  for (const r of latest.values()) {
    byId.get(r.id)?.responses.push({ month: r.month, ms: r.ms, category: npsCategory(r.ltr) });
  }
  for (const c of byId.values()) c.responses.sort((a, b) => a.ms - b.ms);
  for (const k of facts.contacts) {
    const c = byId.get(k.customerId);
    if (!c) continue;
    const m = msMonth(k.createdMs) - first;
    const byCh = c.contacts.get(m) ?? new Map<string, number>();
    byCh.set(k.channel, (byCh.get(k.channel) ?? 0) + 1);
    c.contacts.set(m, byCh);
  }
  return {
    reportingCurrency: facts.reportingCurrency,
    first,
    last,
    businessUnits: [...new Set(facts.customers.map((c) => c.bu))].sort(),
    customers: [...byId.values()],
    coverage,
  };
}

// ---------------------------------------------------------------------------------------------------
// Risk ratio (Katz)

/** A risk ratio with its Katz interval, or the reason there is none. */
export type RiskRatio =
  | {
      status: 'ok';
      value: number;
      low: number;
      high: number;
      level: number;
      /** SE of log RR. */
      seLog: number;
      /** Events and totals of the numerator (1) and reference (2) groups. */
      a: number;
      n1: number;
      c: number;
      n2: number;
    }
  | { status: 'no-data' | 'no-events'; reason: string; a: number; n1: number; c: number; n2: number };

/**
 * Risk ratio RR = (a/n₁)/(c/n₂) with the Katz log-ratio delta-method interval
 * exp(log RR ± z·SE), SE(log RR) = √(1/a − 1/n₁ + 1/c − 1/n₂). n₁ = 0 or n₂ = 0 → `no-data`;
 * a = 0 or c = 0 → `no-events` (log RR undefined).
 */
export function katzRiskRatio(a: number, n1: number, c: number, n2: number, level = 0.95): RiskRatio {
  for (const [v, name] of [
    [a, 'a'],
    [n1, 'n1'],
    [c, 'c'],
    [n2, 'n2'],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be an integer ≥ 0: ${v}`);
  }
  if (a > n1 || c > n2) throw new RangeError('events exceed the group size');
  if (n1 === 0 || n2 === 0) return { status: 'no-data', reason: 'an empty group', a, n1, c, n2 };
  if (a === 0 || c === 0) return { status: 'no-events', reason: 'no events in a group', a, n1, c, n2 };
  const value = a / n1 / (c / n2);
  const seLog = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
  const z = zForLevel(level);
  return {
    status: 'ok',
    value,
    low: value * Math.exp(-z * seLog),
    high: value * Math.exp(z * seLog),
    level,
    seLog,
    a,
    n1,
    c,
    n2,
  };
}

// ---------------------------------------------------------------------------------------------------
// Landmarks

/** Scope and window of a landmark analysis. */
export interface LandmarkOptions {
  /** Business unit id or `ALL` (default). */
  bu?: string;
  /** Outcome window w in months (default 12). */
  windowMonths?: number;
  /** Last month of outcome data (default: the last month of the data). */
  asOf?: Month;
  /** First landmark month (default: the first month of the data). */
  from?: Month;
}

/** Per-landmark outcome numbers (money in reporting minor units). */
interface Landmark {
  customer: LinkageCustomer;
  month: number;
  segment: LoyaltySegment;
  churned: boolean;
  revenueEligible: boolean;
  start: number;
  end: number;
  atRisk: number;
  hazardEvents: number;
  coveredMonths: number;
  revenueInCovered: number;
  /** Contacts in the at-risk months and their cost (minor units, 0 without a cost function). */
  contacts: number;
  contactCost: number;
}

function resolveWindow(index: LinkageIndex, opts: LandmarkOptions) {
  const w = opts.windowMonths ?? 12;
  if (!Number.isInteger(w) || w < 1) throw new RangeError(`window must be a positive integer: ${w}`);
  const asOf = opts.asOf === undefined ? index.last : Math.min(index.last, monthIndex(opts.asOf));
  const from = opts.from === undefined ? index.first : Math.max(index.first, monthIndex(opts.from));
  return { w, asOf, from, lastLandmark: asOf - w, bu: opts.bu ?? 'ALL' };
}

function collectLandmarks(
  index: LinkageIndex,
  opts: LandmarkOptions,
  includeNotSurveyed: boolean,
  costOf: (channel: string) => number = () => 0,
): Landmark[] {
  const { w, from, lastLandmark, bu } = resolveWindow(index, opts);
  const out: Landmark[] = [];
  if (lastLandmark < from) return out;
  const first = index.first;
  const make = (c: LinkageCustomer, t: number, segment: LoyaltySegment): Landmark => {
    const start = c.revenue[t - first] ?? 0;
    const end = c.revenue[t + w - first] ?? 0;
    const revenueEligible = start > 0 && isCovered(index, c.bu, t) && isCovered(index, c.bu, t + w);
    let atRisk = 0;
    let hazardEvents = 0;
    let coveredMonths = 0;
    let revenueInCovered = 0;
    let contacts = 0;
    let contactCost = 0;
    for (let u = t + 1; u <= t + w; u++) {
      if (!activeAtEnd(index, c, u - 1)) continue;
      atRisk++;
      if (c.spellEnd[u - first] === 1) hazardEvents++;
      if (isCovered(index, c.bu, u)) {
        coveredMonths++;
        revenueInCovered += c.revenue[u - first] ?? 0;
      }
      for (const [ch, k] of c.contacts.get(u - first) ?? []) {
        contacts += k;
        contactCost += k * costOf(ch);
      }
    }
    return {
      customer: c,
      month: t,
      segment,
      churned: c.churnMonths.some((m) => m > t && m <= t + w),
      revenueEligible,
      start,
      end,
      atRisk,
      hazardEvents,
      coveredMonths,
      revenueInCovered,
      contacts,
      contactCost,
    };
  };
  for (const c of index.customers) {
    if (bu !== 'ALL' && c.bu !== bu) continue;
    for (const r of c.responses) {
      if (r.month < from || r.month > lastLandmark || !activeAtEnd(index, c, r.month)) continue;
      out.push(make(c, r.month, r.category));
    }
    if (!includeNotSurveyed) continue;
    for (let q = from; q <= lastLandmark; q++) {
      if (((q % 3) + 3) % 3 !== 0 || !activeAtEnd(index, c, q)) continue;
      if (c.responses.some((r) => r.month <= q && r.month >= q - 11)) continue;
      out.push(make(c, q, 'not-surveyed'));
    }
  }
  return out;
}

/** D/P and N/P churn ratios of one scope and window. */
export interface ChurnRatios {
  bu: string;
  windowMonths: number;
  /** First and last landmark month. */
  landmarks: { from: Month; to: Month } | null;
  counts: Record<'promoter' | 'passive' | 'detractor', { landmarks: number; churned: number }>;
  detractorToPromoter: RiskRatio;
  passiveToPromoter: RiskRatio;
}

/**
 * Landmark churn ratios over surveyed landmarks (accepted relationship responses at month t with the
 * customer active at the end of t and t + w ≤ asOf): churn = a churn event in t+1 … t+w; D/P and N/P
 * risk ratios with Katz intervals at `level` (default 0.95). With w = 3 this is the 90-day ratio of
 * methods §5.4 E2 (responders). No landmarks → `no-data` ratios.
 */
export function churnRatios(
  index: LinkageIndex,
  opts: LandmarkOptions & { level?: number } = {},
): ChurnRatios {
  const { w, from, lastLandmark, bu } = resolveWindow(index, { windowMonths: 3, ...opts });
  const counts = {
    promoter: { landmarks: 0, churned: 0 },
    passive: { landmarks: 0, churned: 0 },
    detractor: { landmarks: 0, churned: 0 },
  };
  for (const l of collectLandmarks(index, { ...opts, windowMonths: w }, false)) {
    if (l.segment === 'not-surveyed') continue;
    counts[l.segment].landmarks++;
    if (l.churned) counts[l.segment].churned++;
  }
  const level = opts.level ?? 0.95;
  const { promoter: P, passive: N, detractor: D } = counts;
  return {
    bu,
    windowMonths: w,
    landmarks: lastLandmark >= from ? { from: monthFromIndex(from), to: monthFromIndex(lastLandmark) } : null,
    counts,
    detractorToPromoter: katzRiskRatio(D.churned, D.landmarks, P.churned, P.landmarks, level),
    passiveToPromoter: katzRiskRatio(N.churned, N.landmarks, P.churned, P.landmarks, level),
  };
}

// ---------------------------------------------------------------------------------------------------
// Calendar cohort (E6 form)

/** Retention of one segment of a calendar cohort. */
export interface CohortSegmentRetention {
  customers: number;
  churned: number;
  startMinor: number | null;
  endMinor: number | null;
  /** Fractions (1.0 = 100 %); null when incomplete or Σ start = 0. */
  grr: number | null;
  nrr: number | null;
}

/** Result of {@link segmentCohortRetention}. */
export interface CohortRetention {
  startMonth: Month;
  endMonth: Month;
  /** Finance data missing at the start or end month (for ALL: in any BU). */
  incomplete: boolean;
  segments: Record<LoyaltySegment, CohortSegmentRetention>;
}

/**
 * Calendar-cohort variant of the segment retention (the form of the generator's E6
 * `segmentRetention12m`): cohort = customers of the scope with revenue > 0 in the start month s;
 * segment = the category of the most recent accepted response with response month in [s − 11, s],
 * else `not-surveyed`; churned = a churn event in s+1 … s+w; GRR = Σ min(end, start)/Σ start,
 * NRR = Σ end/Σ start with end = revenue in s+w (0 without a row). Missing finance coverage in s or
 * s+w for the BU (for ALL: any BU) → `incomplete` with revenue figures null. Deterministic: no
 * interval.
 */
export function segmentCohortRetention(
  index: LinkageIndex,
  opts: { bu?: string; startMonth: Month; windowMonths?: number },
): CohortRetention {
  const s = monthIndex(opts.startMonth);
  const w = opts.windowMonths ?? 12;
  const e = s + w;
  const bu = opts.bu ?? 'ALL';
  const scopeBus = bu === 'ALL' ? index.businessUnits : [bu];
  const incomplete = scopeBus.some((b) => !isCovered(index, b, s) || !isCovered(index, b, e));
  const acc = {} as Record<
    LoyaltySegment,
    { customers: number; churned: number; start: number; end: number; capped: number }
  >;
  for (const seg of LOYALTY_SEGMENTS) acc[seg] = { customers: 0, churned: 0, start: 0, end: 0, capped: 0 };
  for (const c of index.customers) {
    if (bu !== 'ALL' && c.bu !== bu) continue;
    const start = s >= index.first && s <= index.last ? (c.revenue[s - index.first] ?? 0) : 0;
    if (!(start > 0)) continue;
    const end = e >= index.first && e <= index.last ? (c.revenue[e - index.first] ?? 0) : 0;
    let latest: { ms: number; category: NpsCategory } | null = null;
    for (const r of c.responses)
      if (r.month >= s - 11 && r.month <= s && (!latest || r.ms > latest.ms)) latest = r;
    const a = acc[latest ? SEGMENT_OF[latest.category] : 'not-surveyed'];
    a.customers++;
    if (c.churnMonths.some((m) => m > s && m <= e)) a.churned++;
    a.start += start;
    a.end += end;
    a.capped += Math.min(start, end);
  }
  const segments = {} as Record<LoyaltySegment, CohortSegmentRetention>;
  for (const seg of LOYALTY_SEGMENTS) {
    const a = acc[seg];
    segments[seg] = {
      customers: a.customers,
      churned: a.churned,
      startMinor: incomplete ? null : a.start,
      endMinor: incomplete ? null : a.end,
      grr: incomplete || a.start <= 0 ? null : a.capped / a.start,
      nrr: incomplete || a.start <= 0 ? null : a.end / a.start,
    };
  }
  return { startMonth: monthFromIndex(s), endMonth: monthFromIndex(e), incomplete, segments };
}

const SEGMENT_OF: Record<NpsCategory, LoyaltySegment> = {
  promoter: 'promoter',
  passive: 'passive',
  detractor: 'detractor',
};

// ---------------------------------------------------------------------------------------------------
// Segment economics

/** A money estimate (reporting-currency major units) with P10/P50/P90 from the bootstrap. */
export interface MoneyEstimate {
  value: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  /** Landmarks behind the value. */
  n: number;
  status: 'ok' | 'no-data' | 'suppressed';
  reason?: ReasonCode | 'NO_CHURN_OBSERVED' | 'NON_POSITIVE_REFERENCE';
}

/** A ratio estimate with P10/P50/P90 from the bootstrap. */
export type RatioEstimate = MoneyEstimate;

/** One row of the `GET /api/linkage` segment table. */
export interface SegmentEconomics {
  segment: LoyaltySegment;
  /** Distinct customers with a landmark in the segment. */
  customers: number;
  /** Landmarks (customer × landmark month). */
  landmarks: number;
  /** Logo churn within the window, fraction, Wilson interval. */
  churnRate: MetricResult;
  /** Fractions (1.02 = 102 %), bootstrap percentile interval at `level`. */
  nrr: MetricResult;
  grr: MetricResult;
  /** Σ end/Σ start − 1 over surviving revenue landmarks, fraction. */
  arpuGrowth: MetricResult;
  /** Churns per at-risk customer-month, fraction, Wilson interval on months. */
  monthlyChurn: MetricResult;
  /** Contacts per at-risk customer-month. */
  contactsPerCustomerMonth: number | null;
  /** Contact cost per at-risk customer-month (major units). */
  costToServePerMonth: number | null;
  /** m: gross margin minus cost-to-serve per at-risk customer-month (major units). */
  marginPerMonth: MoneyEstimate;
  /** CLV = m·r/(1 + i − r), infinite horizon (major units). */
  clv: MoneyEstimate;
  /** CLV_H = m·Σ_{t=1..H} rᵗ/(1 + i)ᵗ (major units). */
  clvFinite: MoneyEstimate;
}

/** Options of {@link loyaltySegments}. */
export interface LoyaltySegmentOptions extends LandmarkOptions {
  /** Bootstrap resamples B (default 2,000). */
  resamples?: number;
  /** Seed of the bootstrap stream (default 1). */
  seed?: number;
  /** Confidence level of rate intervals and the churn ratio (default 0.95). */
  level?: number;
  /** Landmarks below which money figures are suppressed and rates badged (default 30, §1.9). */
  minLandmarks?: number;
  /** Scenario: share x of current detractors moved to `target` (default 10 % to passive). */
  moveDetractors?: { share: number; target: 'passive' | 'promoter' };
}

/** Result of {@link loyaltySegments} (`GET /api/linkage`). */
export interface LoyaltySegmentsResult {
  status: 'ok' | 'no-data';
  reason?: string;
  bu: string;
  windowMonths: number;
  asOf: Month | null;
  /** First and last landmark month, null when the window does not fit the data. */
  landmarkMonths: { from: Month; to: Month } | null;
  currency: string;
  segments: SegmentEconomics[];
  /** CLV_P − CLV_D (major units), evidence class: model-based association. */
  valueGap: MoneyEstimate;
  /** CLV_P / CLV_D. */
  clvRatio: RatioEstimate;
  churnRatioDetractorToPromoter: RiskRatio;
  churnRatioPassiveToPromoter: RiskRatio;
  /** ΔValue = x × N_D × (CLV_target − CLV_D), N_D = detractors active at asOf. */
  moveDetractors: {
    share: number;
    target: 'passive' | 'promoter';
    detractors: number;
    value: MoneyEstimate;
    evidenceClass: 'associational upper bound';
  };
  bootstrap: { resamples: number; seed: number; clusters: number };
  /** Channels or BUs missing from the assumptions (treated as cost 0 / margin 0). */
  assumptionGaps: string[];
  design: string;
}

/** Statistics per (cluster, segment) entry; money in minor units. */
const S = {
  start: 0,
  end: 1,
  capped: 2,
  survStart: 3,
  survEnd: 4,
  atRisk: 5,
  events: 6,
  covMonths: 7,
  revMargin: 8,
  cost: 9,
  revN: 10,
  landmarks: 11,
} as const;
const K = 12;
/** Statistics 0 … KB − 1 are the ones the bootstrap needs. */
const KB = 10;

interface SegmentFigures {
  nrr: number | null;
  grr: number | null;
  arpu: number | null;
  h: number | null;
  m: number | null;
  clv: number | null;
  clvFinite: number | null;
}

function figures(v: Float64Array, off: number, i: number, horizon: number): SegmentFigures {
  const g = (k: number) => v[off + k] ?? 0;
  const start = g(S.start);
  const atRisk = g(S.atRisk);
  const h = atRisk > 0 ? g(S.events) / atRisk : null;
  const gross = g(S.covMonths) > 0 ? g(S.revMargin) / g(S.covMonths) : null;
  const m = gross === null || atRisk <= 0 ? null : gross - g(S.cost) / atRisk;
  let clv: number | null = null;
  let fin: number | null = null;
  if (h !== null && m !== null) {
    const r = 1 - h;
    const inf = clvInfinite({ margin: m, retention: r, discountRate: i });
    clv = inf.value;
    fin = clvFinite({ margin: m, retention: r, discountRate: i, horizon });
  }
  return {
    nrr: start > 0 ? g(S.end) / start : null,
    grr: start > 0 ? g(S.capped) / start : null,
    arpu: g(S.survStart) > 0 ? g(S.survEnd) / g(S.survStart) - 1 : null,
    h,
    m,
    clv,
    clvFinite: fin,
  };
}

const pctl = (sorted: number[], q: number): number | null => nearestRankPercentile(sorted, q);

/**
 * Loyalty-segment economics of one scope and window (methods §2.2; design in the module comment).
 * Rates are fractions with 95 % intervals (Wilson for churn, customer-level bootstrap percentiles for
 * NRR/GRR/ARPU growth); money in reporting-currency major units with bootstrap P10/P50/P90 (B = 2,000,
 * seeded). Small n: a segment with no landmarks → `no-data` (`NO_ACTIVE_CUSTOMERS`); fewer than 30
 * landmarks → CLV suppressed and rates badged (§1.9); zero churn in a segment → infinite CLV
 * `FORMULA_INVALID` (use the finite horizon). VG and the CLV ratio are null with a reason when a CLV is
 * missing or CLV_D ≤ 0. No landmark fits the window → status `no-data`.
 */
export function loyaltySegments(
  index: LinkageIndex,
  assumptions: LinkageAssumptions,
  opts: LoyaltySegmentOptions = {},
): LoyaltySegmentsResult {
  const { w, from, lastLandmark, bu, asOf } = resolveWindow(index, opts);
  const level = opts.level ?? 0.95;
  const minN = opts.minLandmarks ?? 30;
  const B = opts.resamples ?? 2000;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`resamples must be a positive integer: ${B}`);
  const move = opts.moveDetractors ?? { share: 0.1, target: 'passive' as const };
  if (!(move.share >= 0 && move.share <= 1)) throw new RangeError(`share must be in [0, 1]: ${move.share}`);
  if (!(assumptions.annualDiscountRate > -1)) throw new RangeError('annual discount rate must be > −1');
  if (!Number.isInteger(assumptions.horizonMonths) || assumptions.horizonMonths < 0)
    throw new RangeError('horizon must be an integer ≥ 0');
  const iM = monthlyDiscountRate(assumptions.annualDiscountRate);
  const horizon = assumptions.horizonMonths;

  const gaps = new Set<string>();
  const costOf = (ch: string): number => {
    const v = assumptions.costPerContact[ch];
    if (v === undefined) {
      gaps.add(`costPerContact.${ch}`);
      return 0;
    }
    return v * 100;
  };
  const marginOf = (b: string): number => {
    const v = assumptions.marginByBu[b] ?? assumptions.defaultMargin;
    if (v === undefined) {
      gaps.add(`marginByBu.${b}`);
      return 0;
    }
    return v;
  };

  const landmarks = collectLandmarks(index, opts, true, costOf);
  const base = {
    bu,
    windowMonths: w,
    asOf: index.last >= index.first ? monthFromIndex(asOf) : null,
    landmarkMonths:
      lastLandmark >= from ? { from: monthFromIndex(from), to: monthFromIndex(lastLandmark) } : null,
    currency: index.reportingCurrency,
    design: DESIGN,
  };

  // Per (customer, segment) sufficient statistics; a customer's landmarks are contiguous.
  const entryCluster: number[] = [];
  const entrySeg: number[] = [];
  const stats: number[] = [];
  const churn = LOYALTY_SEGMENTS.map(() => ({ n: 0, churned: 0, customers: 0, contacts: 0 }));
  let current: LinkageCustomer | null = null;
  let clusters = 0;
  const slot = [-1, -1, -1, -1];
  for (const l of landmarks) {
    if (l.customer !== current) {
      current = l.customer;
      clusters++;
      slot.fill(-1);
    }
    const seg = SEG_INDEX[l.segment];
    let e = slot[seg] ?? -1;
    if (e < 0) {
      e = entryCluster.length;
      slot[seg] = e;
      entryCluster.push(clusters - 1);
      entrySeg.push(seg);
      for (let k = 0; k < K; k++) stats.push(0);
      const cs = churn[seg];
      if (cs) cs.customers++;
    }
    const o = e * K;
    const add = (k: number, v: number) => {
      stats[o + k] = (stats[o + k] ?? 0) + v;
    };
    add(S.landmarks, 1);
    if (l.revenueEligible) {
      add(S.revN, 1);
      add(S.start, l.start);
      add(S.end, l.end);
      add(S.capped, Math.min(l.start, l.end));
      if (l.end > 0) {
        add(S.survStart, l.start);
        add(S.survEnd, l.end);
      }
    }
    add(S.atRisk, l.atRisk);
    add(S.events, l.hazardEvents);
    add(S.covMonths, l.coveredMonths);
    add(S.revMargin, l.revenueInCovered * marginOf(l.customer.bu));
    add(S.cost, l.contactCost);
    const cs = churn[seg];
    if (cs) {
      cs.n++;
      if (l.churned) cs.churned++;
      cs.contacts += l.contacts;
    }
  }
  const nSeg = LOYALTY_SEGMENTS.length;
  const pointTotals = new Float64Array(nSeg * K);
  const entries = entryCluster.length;
  const statArr = Float64Array.from(stats);
  for (let e = 0; e < entries; e++) {
    const seg = entrySeg[e] ?? 0;
    for (let k = 0; k < K; k++)
      pointTotals[seg * K + k] = (pointTotals[seg * K + k] ?? 0) + (statArr[e * K + k] ?? 0);
  }
  const point = LOYALTY_SEGMENTS.map((_, s) => figures(pointTotals, s * K, iM, horizon));

  // Current detractors for the scenario: active at asOf with the latest response in [asOf − 11, asOf] = D.
  let detractorsNow = 0;
  for (const c of index.customers) {
    if (bu !== 'ALL' && c.bu !== bu) continue;
    if (!activeAtEnd(index, c, asOf)) continue;
    let latest: { ms: number; category: NpsCategory } | null = null;
    for (const r of c.responses)
      if (r.month >= asOf - 11 && r.month <= asOf && (!latest || r.ms > latest.ms)) latest = r;
    if (latest?.category === 'detractor') detractorsNow++;
  }

  // Customer-level bootstrap.
  const draws = LOYALTY_SEGMENTS.map(() => ({
    nrr: [] as number[],
    grr: [] as number[],
    arpu: [] as number[],
    m: [] as number[],
    clv: [] as number[],
    clvFinite: [] as number[],
  }));
  const gapDraws: number[] = [];
  const ratioDraws: number[] = [];
  const moveDraws: number[] = [];
  const P = SEG_INDEX.promoter;
  const D = SEG_INDEX.detractor;
  const T = SEG_INDEX[move.target];
  if (clusters > 0) {
    const rng = createPrng(seed);
    const weight = new Int32Array(clusters);
    const totals = new Float64Array(nSeg * K);
    const eCluster = Int32Array.from(entryCluster);
    const eOffset = Int32Array.from(entrySeg, (s) => s * K);
    for (let b = 0; b < B; b++) {
      weight.fill(0);
      for (let j = 0; j < clusters; j++) {
        const c = Math.floor(rng() * clusters);
        weight[c] = (weight[c] ?? 0) + 1;
      }
      totals.fill(0);
      for (let e = 0; e < entries; e++) {
        const wgt = weight[eCluster[e] ?? 0] ?? 0;
        if (wgt === 0) continue;
        const o = eOffset[e] ?? 0;
        const so = e * K;
        for (let k = 0; k < KB; k++) totals[o + k] = (totals[o + k] ?? 0) + wgt * (statArr[so + k] ?? 0);
      }
      const f = LOYALTY_SEGMENTS.map((_, s) => figures(totals, s * K, iM, horizon));
      f.forEach((x, s) => {
        const d = draws[s];
        if (!d) return;
        if (x.nrr !== null) d.nrr.push(x.nrr);
        if (x.grr !== null) d.grr.push(x.grr);
        if (x.arpu !== null) d.arpu.push(x.arpu);
        if (x.m !== null) d.m.push(x.m / 100);
        if (x.clv !== null) d.clv.push(x.clv / 100);
        if (x.clvFinite !== null) d.clvFinite.push(x.clvFinite / 100);
      });
      const cp = f[P]?.clv ?? null;
      const cd = f[D]?.clv ?? null;
      const ct = f[T]?.clv ?? null;
      if (cp !== null && cd !== null) {
        gapDraws.push((cp - cd) / 100);
        if (cd > 0) ratioDraws.push(cp / cd);
      }
      if (ct !== null && cd !== null) moveDraws.push((move.share * detractorsNow * (ct - cd)) / 100);
    }
  }
  for (const d of draws) for (const arr of Object.values(d)) arr.sort((a, b) => a - b);
  gapDraws.sort((a, b) => a - b);
  ratioDraws.sort((a, b) => a - b);
  moveDraws.sort((a, b) => a - b);

  const alpha = 1 - level;
  const z = zForLevel(level);
  const segments: SegmentEconomics[] = LOYALTY_SEGMENTS.map((segment, s) => {
    const cs = churn[s] ?? { n: 0, churned: 0, customers: 0, contacts: 0 };
    const n = cs.n;
    const tot = (k: number) => pointTotals[s * K + k] ?? 0;
    const f = point[s] ?? { nrr: null, grr: null, arpu: null, h: null, m: null, clv: null, clvFinite: null };
    const d = draws[s] ?? { nrr: [], grr: [], arpu: [], m: [], clv: [], clvFinite: [] };
    const empty = (): MetricResult => ({
      value: null,
      low: null,
      high: null,
      n,
      status: 'no-data',
      reason: 'NO_ACTIVE_CUSTOMERS',
    });
    const badge = (r: MetricResult): MetricResult =>
      r.n < minN && r.status === 'ok' ? { ...r, badge: 'low-precision' } : r;
    const rate = (value: number | null, sorted: number[], nn: number): MetricResult =>
      value === null || nn === 0
        ? { ...empty(), n: nn }
        : badge({
            value,
            low: pctl(sorted, alpha / 2),
            high: pctl(sorted, 1 - alpha / 2),
            n: nn,
            status: 'ok',
          });
    const money = (
      value: number | null,
      sorted: number[],
      invalidReason?: MoneyEstimate['reason'],
    ): MoneyEstimate => {
      if (n === 0)
        return {
          value: null,
          p10: null,
          p50: null,
          p90: null,
          n,
          status: 'no-data',
          reason: 'NO_ACTIVE_CUSTOMERS',
        };
      if (n < minN)
        return {
          value: null,
          p10: null,
          p50: null,
          p90: null,
          n,
          status: 'suppressed',
          reason: 'SUPPRESSED_SMALL_N',
        };
      if (value === null)
        return {
          value: null,
          p10: null,
          p50: null,
          p90: null,
          n,
          status: 'no-data',
          reason: invalidReason ?? 'FORMULA_INVALID',
        };
      return {
        value,
        p10: pctl(sorted, 0.1),
        p50: pctl(sorted, 0.5),
        p90: pctl(sorted, 0.9),
        n,
        status: 'ok',
      };
    };
    let churnRate: MetricResult = empty();
    if (n > 0) {
      const ci = wilsonInterval(cs.churned, n, z);
      churnRate = badge({ value: cs.churned / n, low: ci.low, high: ci.high, n, status: 'ok' });
    }
    const atRisk = tot(S.atRisk);
    let monthlyChurn: MetricResult = { ...empty(), n: atRisk };
    if (atRisk > 0) {
      const ci = wilsonInterval(tot(S.events), atRisk, z);
      monthlyChurn = { value: tot(S.events) / atRisk, low: ci.low, high: ci.high, n: atRisk, status: 'ok' };
    }
    return {
      segment,
      customers: cs.customers,
      landmarks: n,
      churnRate,
      nrr: rate(f.nrr, d.nrr, tot(S.revN)),
      grr: rate(f.grr, d.grr, tot(S.revN)),
      arpuGrowth: rate(f.arpu, d.arpu, tot(S.revN)),
      monthlyChurn,
      contactsPerCustomerMonth: atRisk > 0 ? cs.contacts / atRisk : null,
      costToServePerMonth: atRisk > 0 ? tot(S.cost) / atRisk / 100 : null,
      marginPerMonth: money(f.m === null ? null : f.m / 100, d.m),
      clv: money(
        f.clv === null ? null : f.clv / 100,
        d.clv,
        f.h === 0 ? 'NO_CHURN_OBSERVED' : 'FORMULA_INVALID',
      ),
      clvFinite: money(f.clvFinite === null ? null : f.clvFinite / 100, d.clvFinite),
    };
  });

  const segP = segments[P];
  const segD = segments[D];
  const segT = segments[T];
  const gapN = (segP?.landmarks ?? 0) + (segD?.landmarks ?? 0);
  const derived = (
    value: number | null,
    sorted: number[],
    ok: boolean,
    reason: MoneyEstimate['reason'],
    n: number,
  ): MoneyEstimate =>
    ok && value !== null
      ? { value, p10: pctl(sorted, 0.1), p50: pctl(sorted, 0.5), p90: pctl(sorted, 0.9), n, status: 'ok' }
      : { value: null, p10: null, p50: null, p90: null, n, status: 'no-data', ...(reason ? { reason } : {}) };
  const cP = segP?.clv.status === 'ok' ? segP.clv.value : null;
  const cD = segD?.clv.status === 'ok' ? segD.clv.value : null;
  const cT = segT?.clv.status === 'ok' ? segT.clv.value : null;
  const valueGap = derived(
    cP !== null && cD !== null ? cP - cD : null,
    gapDraws,
    true,
    segP?.clv.reason ?? segD?.clv.reason,
    gapN,
  );
  const clvRatio = derived(
    cP !== null && cD !== null && cD > 0 ? cP / cD : null,
    ratioDraws,
    cD === null || cD > 0,
    cD !== null && cD <= 0 ? 'NON_POSITIVE_REFERENCE' : (segP?.clv.reason ?? segD?.clv.reason),
    gapN,
  );
  const moveValue = derived(
    cT !== null && cD !== null ? move.share * detractorsNow * (cT - cD) : null,
    moveDraws,
    true,
    segT?.clv.reason ?? segD?.clv.reason,
    (segT?.landmarks ?? 0) + (segD?.landmarks ?? 0),
  );
  const cnt = (s: number) => churn[s] ?? { n: 0, churned: 0 };
  const N = SEG_INDEX.passive;
  return {
    status: landmarks.length > 0 ? 'ok' : 'no-data',
    ...(landmarks.length > 0 ? {} : { reason: 'no landmark has a complete outcome window in the data' }),
    ...base,
    segments,
    valueGap,
    clvRatio,
    churnRatioDetractorToPromoter: katzRiskRatio(cnt(D).churned, cnt(D).n, cnt(P).churned, cnt(P).n, level),
    churnRatioPassiveToPromoter: katzRiskRatio(cnt(N).churned, cnt(N).n, cnt(P).churned, cnt(P).n, level),
    moveDetractors: {
      share: move.share,
      target: move.target,
      detractors: detractorsNow,
      value: moveValue,
      evidenceClass: 'associational upper bound',
    },
    bootstrap: { resamples: B, seed, clusters },
    assumptionGaps: [...gaps].sort(),
  };
}

const DESIGN =
  'Landmarks: each accepted relationship response (one per customer-month) at its response month t, segment = its NPS ' +
  'category; not-surveyed = customers active at a quarter start with no response in the 12 months up to it. The customer ' +
  'must be active at the end of t and t + window ≤ asOf. Churn = a churn event in t+1 … t+window; NRR/GRR = Σ revenue(t+window)/Σ ' +
  'revenue(t) (GRR capped per landmark) over landmarks with revenue(t) > 0 and finance coverage; ARPU growth over survivors; ' +
  'CLV = m·r/(1+i−r) with r = 1 − churns/at-risk months and m = gross margin − cost-to-serve per at-risk month. ' +
  'Associational: segments differ in unobserved ways (methods §2.2).';
