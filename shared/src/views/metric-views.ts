import type {
  ChurnRow,
  ContactRow,
  CustomerRow,
  FxRow,
  RelSurveyRow,
  RevenueRow,
  TxnSurveyRow,
} from '../contracts/inputs';
import { convertMinor } from '../contracts/values';
import { addMonths, monthFromIndex, monthIndex, monthOfEpochMs, monthRange, type Month } from '../month';
import { aht } from '../metrics/aht';
import { cesMean } from '../metrics/ces';
import {
  annotateRepeats,
  fcr7d,
  repeatRate,
  type ContactEvent,
  type RepeatAnnotation,
} from '../metrics/contacts';
import { csatT2B } from '../metrics/csat';
import { frtStats, type FrtObservation } from '../metrics/frt';
import { npsCategory, npsFromCounts } from '../metrics/nps';
import { customerRetentionRate, logoChurn, revenueRetentionFromSums } from '../metrics/retention';
import type { MetricResult } from '../metrics/types';

/** Version of the metric definitions; bump when a convention changes (a new series, history kept). */
export const DEFINITION_VERSION = 'metrics-2026.11.1';

export const GRAINS = ['month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

export const METRICS = [
  'nps',
  'csat',
  'ces',
  'frt_median',
  'frt_p90',
  'aht',
  'fcr',
  'repeat_rate',
  'churn',
  'retention',
  'grr',
  'nrr',
  'grr_1m',
  'nrr_1m',
  'revenue',
  'arpu',
  'customers',
] as const;
export type MetricId = (typeof METRICS)[number];
export type Unit = 'points' | 'percent' | 'score' | 'seconds' | 'currency' | 'count';

export const METRIC_UNITS: Record<MetricId, Unit> = {
  nps: 'points',
  csat: 'percent',
  ces: 'score',
  frt_median: 'seconds',
  frt_p90: 'seconds',
  aht: 'seconds',
  fcr: 'percent',
  repeat_rate: 'percent',
  churn: 'percent',
  retention: 'percent',
  grr: 'percent',
  nrr: 'percent',
  grr_1m: 'percent',
  nrr_1m: 'percent',
  revenue: 'currency',
  arpu: 'currency',
  customers: 'count',
};

/** Metrics reported per contact channel (channels are never blended, methods §1.4). */
export const PER_CHANNEL: ReadonlySet<MetricId> = new Set(['frt_median', 'frt_p90', 'aht']);

export interface MetricPoint extends MetricResult {
  period: string;
}
export interface MetricSeries {
  metric: MetricId;
  bu: string;
  grain: Grain;
  channel?: string;
  unit: Unit;
  points: MetricPoint[];
}

export interface Facts {
  reportingCurrency: string;
  customers: readonly CustomerRow[];
  /** Revenue rows with the business unit of their scope. */
  revenue: readonly (RevenueRow & { scopeBu: string })[];
  /** (bu, month) pairs that an accepted finance upload covers. */
  revenueCoverage: ReadonlySet<string>;
  fx: readonly FxRow[];
  contacts: readonly (ContactRow & { scopeBu: string })[];
  txnSurveys: readonly (TxnSurveyRow & { scopeBu: string })[];
  relSurveys: readonly (RelSurveyRow & { scopeBu: string })[];
  churnEvents: readonly ChurnRow[];
  /** Data cut-off (epoch ms): unanswered tickets are censored here; look-ahead windows end here. */
  cutoffMs: number;
}

/**
 * What the metric views were built from, for incremental recompute. `global` covers everything every
 * point depends on (calendar, business units, channels, definition version); `cells` holds one hash per
 * (bu, month) — `${bu}#${month}`, including the month before the calendar — over every per-month input a
 * point reads: the survey/contact bucket (relationship scores by the customer's BU, CSAT, CES, FRT
 * observations with censoring at the cut-off, handle times, FCR annotations), revenue totals and finance
 * coverage, each customer's converted revenue that month (GRR/NRR cohorts), and which customers are
 * active at the month's end and start a spell in it (customers, churn, retention, revenue gaps).
 */
export interface MetricFingerprints {
  global: string;
  cells: Record<string, string>;
}

export interface BuildOptions {
  /**
   * Fingerprints of the views already stored. When their `global` matches, only the points whose inputs
   * changed are built ({@link BuiltViews.partial}): a point of (level, grain, period) is rebuilt when a
   * cell of a member BU changed in one of the period's months, the month before it (start-of-period
   * actives), or the GRR/NRR base months (12 and 1 months before the period's last month).
   */
  previous?: MetricFingerprints | null;
}

export interface BuiltViews {
  /** Every series; when `partial`, only the rebuilt points of the series that have any. */
  series: MetricSeries[];
  /** True when `series` holds only the points whose inputs changed since `previous`. */
  partial: boolean;
  /** Null when there is no data (no calendar). */
  fingerprints: MetricFingerprints | null;
  businessUnits: string[];
  firstMonth: Month | null;
  lastMonth: Month | null;
  /** Rows whose revenue could not be converted (no FX rate for the month). */
  fxMissing: { customerId: string; month: Month; currency: string }[];
}

/** Period label of a month at a grain: `2024-03`, `2024-Q1`, `2024`. */
export function periodOf(m: Month, grain: Grain): string {
  if (grain === 'month') return m;
  const i = monthIndex(m);
  const y = Math.floor(i / 12);
  return grain === 'year' ? String(y) : `${y}-Q${Math.floor((i % 12) / 3) + 1}`;
}

/** The months of a period label, clipped to [first, last]. */
export function monthsOfPeriod(period: string, first: Month, last: Month): Month[] {
  let from: Month;
  let to: Month;
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    from = monthFromIndex(Number(q[1]) * 12 + (Number(q[2]) - 1) * 3);
    to = addMonths(from, 2);
  } else if (/^\d{4}$/.test(period)) {
    from = `${period}-01`;
    to = `${period}-12`;
  } else {
    from = period;
    to = period;
  }
  if (from < first) from = first;
  if (to > last) to = last;
  return from <= to ? monthRange(from, to) : [];
}

interface Spell {
  start: Month;
  end: Month | null;
}

function spellsOf(c: CustomerRow, events: readonly ChurnRow[]): Spell[] {
  const sorted = [...events].sort((a, b) => (a.churnMonth < b.churnMonth ? -1 : 1));
  const spells: Spell[] = [];
  let start: Month | null = c.startMonth;
  for (const e of sorted) {
    if (start !== null && e.churnMonth >= start) {
      spells.push({ start, end: e.churnMonth });
      start = null;
    }
    if (e.winbackMonth !== null && start === null) start = e.winbackMonth;
  }
  if (start !== null) spells.push({ start, end: null });
  return spells;
}

const activeAtEnd = (spells: readonly Spell[], m: Month) =>
  spells.some((s) => s.start <= m && (s.end === null || s.end > m));

function point(period: string, r: MetricResult): MetricPoint {
  return { period, ...r };
}
function valuePoint(period: string, value: number, n: number): MetricPoint {
  return { period, value, low: null, high: null, n, status: 'ok' };
}
function incomplete(period: string, n = 0): MetricPoint {
  return { period, value: null, low: null, high: null, n, status: 'incomplete', reason: 'DATA_INCOMPLETE' };
}
function noDataPoint(period: string, reason: MetricResult['reason']): MetricPoint {
  return {
    period,
    value: null,
    low: null,
    high: null,
    n: 0,
    status: 'no-data',
    ...(reason ? { reason } : {}),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Builds every metric series for each business unit and `ALL`, at month, quarter and year grain, from
 * the current raw facts. Ratios are re-aggregated from counts and sums at each level (never averaged).
 * Revenue metrics of a BU-month without finance coverage are `incomplete`, never 0 and never churn.
 */
export function buildMetricViews(f: Facts, opts: BuildOptions = {}): BuiltViews {
  const buOf = new Map<string, string>();
  for (const c of f.customers) buOf.set(c.customerId, c.bu);
  const businessUnits = [...new Set(f.customers.map((c) => c.bu))].sort();

  // ---- calendar
  const months = new Set<Month>();
  for (const r of f.revenue) months.add(r.month);
  for (const c of f.contacts) months.add(monthOfEpochMs(c.createdMs));
  for (const s of f.relSurveys) months.add(monthOfEpochMs(s.respondedMs));
  for (const s of f.txnSurveys) months.add(monthOfEpochMs(s.respondedMs));
  const sortedMonths = [...months].sort();
  const firstMonth = sortedMonths[0] ?? null;
  const lastMonth = sortedMonths[sortedMonths.length - 1] ?? null;
  if (firstMonth === null || lastMonth === null)
    return {
      series: [],
      partial: false,
      fingerprints: null,
      businessUnits,
      firstMonth,
      lastMonth,
      fxMissing: [],
    };
  const calendar = monthRange(firstMonth, lastMonth);

  // ---- customers, spells
  const eventsBy = new Map<string, ChurnRow[]>();
  for (const e of f.churnEvents) {
    let l = eventsBy.get(e.customerId);
    if (!l) eventsBy.set(e.customerId, (l = []));
    l.push(e);
  }
  const spells = new Map<string, Spell[]>();
  for (const c of f.customers) spells.set(c.customerId, spellsOf(c, eventsBy.get(c.customerId) ?? []));

  // ---- revenue in reporting minor units per customer-month
  const fxRate = new Map<string, number>();
  for (const r of f.fx) fxRate.set(`${r.currency}|${r.month}`, r.rate);
  const revenue = new Map<string, Map<Month, number>>();
  const fxMissing: BuiltViews['fxMissing'] = [];
  for (const r of f.revenue) {
    const cur = r.currency ?? f.reportingCurrency;
    const rate = cur === f.reportingCurrency ? 1 : fxRate.get(`${cur}|${r.month}`);
    if (rate === undefined) {
      fxMissing.push({ customerId: r.customerId, month: r.month, currency: cur });
      continue;
    }
    let m = revenue.get(r.customerId);
    if (!m) revenue.set(r.customerId, (m = new Map<Month, number>()));
    m.set(r.month, (m.get(r.month) ?? 0) + convertMinor(r.amountMinor, rate));
  }
  const revBu = new Map<string, string>();
  for (const r of f.revenue) revBu.set(r.customerId, buOf.get(r.customerId) ?? r.scopeBu);
  // Per business unit: each customer's revenue by month, and month totals / paying customers.
  const revenueByBu = new Map<string, Map<Month, number>[]>();
  const revTotals = new Map<string, { total: number; paying: number }>();
  for (const [cid, byMonth] of revenue) {
    const b = revBu.get(cid) ?? '';
    (revenueByBu.get(b) ?? revenueByBu.set(b, []).get(b))?.push(byMonth);
    for (const [m, v] of byMonth) {
      const k = `${b}#${m}`;
      const t = revTotals.get(k) ?? { total: 0, paying: 0 };
      t.total += v;
      if (v > 0) t.paying++;
      revTotals.set(k, t);
    }
  }
  const fxGap = new Set(fxMissing.map((x) => `${buOf.get(x.customerId) ?? ''}#${x.month}`));
  const covered = (bu: string, m: Month) => f.revenueCoverage.has(`${bu}#${m}`) && !fxGap.has(`${bu}#${m}`);

  // ---- contact annotations (customer-level, across BUs)
  const events: ContactEvent[] = f.contacts.map((c) => ({
    contactId: c.contactId,
    issueId: c.issueId,
    customerId: c.customerId,
    createdMs: c.createdMs,
  }));
  const annotated = new Map(annotateRepeats(events, f.cutoffMs).map((a) => [a.contactId, a]));
  const channels = [...new Set(f.contacts.map((c) => c.channel))].sort();

  // ---- bucket facts by bu and month, with per-channel FRT/AHT inputs and FCR annotations
  type Handled = { talkS: number; holdS: number; acwS: number };
  type Bucket = {
    rel: number[];
    csat: number[];
    ces: number[];
    frt: Map<string, FrtObservation[]>;
    handled: Map<string, Handled[]>;
    ann: RepeatAnnotation[];
  };
  const buckets = new Map<string, Bucket>();
  const bucket = (bu: string, m: Month) => {
    const k = `${bu}#${m}`;
    let b = buckets.get(k);
    if (!b) buckets.set(k, (b = { rel: [], csat: [], ces: [], frt: new Map(), handled: new Map(), ann: [] }));
    return b;
  };
  const relSeen = new Map<string, RelSurveyRow>();
  for (const s of f.relSurveys) {
    // One response per customer per wave (calendar month): keep the latest.
    const k = `${s.customerId}|${monthOfEpochMs(s.respondedMs)}`;
    const prev = relSeen.get(k);
    if (!prev || prev.respondedMs <= s.respondedMs) relSeen.set(k, s);
  }
  for (const s of relSeen.values())
    bucket(buOf.get(s.customerId) ?? '', monthOfEpochMs(s.respondedMs)).rel.push(s.ltr);
  for (const s of f.txnSurveys) {
    const b = bucket(s.scopeBu, monthOfEpochMs(s.respondedMs));
    if (s.csat !== null) b.csat.push(s.csat);
    if (s.ces !== null) b.ces.push(s.ces);
  }
  for (const c of f.contacts) {
    const b = bucket(c.scopeBu, monthOfEpochMs(c.createdMs));
    let obs = b.frt.get(c.channel);
    if (!obs) b.frt.set(c.channel, (obs = []));
    obs.push(
      c.firstResponseMs !== null
        ? { seconds: (c.firstResponseMs - c.createdMs) / 1000, answered: true }
        : { seconds: Math.max(0, (f.cutoffMs - c.createdMs) / 1000), answered: false },
    );
    if (c.talkS !== null || c.holdS !== null || c.acwS !== null) {
      let h = b.handled.get(c.channel);
      if (!h) b.handled.set(c.channel, (h = []));
      h.push({ talkS: c.talkS ?? 0, holdS: c.holdS ?? 0, acwS: c.acwS ?? 0 });
    }
    const a = annotated.get(c.contactId);
    if (a) b.ann.push(a);
  }

  // ---- customer activity per calendar month: act[i + 1] = active at the end of calendar[i],
  // act[0] = active at the end of the month before the calendar; start[i] = a spell starts in calendar[i].
  const L = calendar.length;
  const firstIdx = monthIndex(firstMonth);
  type Activity = { act: Uint8Array; start: Uint8Array };
  const activityOf = new Map<string, Activity[]>();
  const activeCount = new Map<string, number>();
  const beforeCalendar = addMonths(firstMonth, -1);
  // Fingerprint inputs: per cell, the ids active at the month's end and those starting a spell in it.
  const cellParts = new Map<string, string[]>();
  const part = (k: string, x: string) => {
    const l = cellParts.get(k);
    if (l) l.push(x);
    else cellParts.set(k, [x]);
  };
  for (const c of f.customers) {
    const sp = spells.get(c.customerId) ?? [];
    const act = new Uint8Array(L + 1);
    const start = new Uint8Array(L);
    if (activeAtEnd(sp, beforeCalendar)) {
      act[0] = 1;
      part(`${c.bu}#${beforeCalendar}`, `a${c.customerId}`);
    }
    for (let i = 0; i < L; i++) {
      const m = monthFromIndex(firstIdx + i);
      if (activeAtEnd(sp, m)) {
        act[i + 1] = 1;
        activeCount.set(`${c.bu}#${m}`, (activeCount.get(`${c.bu}#${m}`) ?? 0) + 1);
        part(`${c.bu}#${m}`, `a${c.customerId}`);
      }
    }
    for (const s of sp) {
      const i = monthIndex(s.start) - firstIdx;
      if (i >= 0 && i < L) {
        start[i] = 1;
        part(`${c.bu}#${calendar[i] ?? ''}`, `s${c.customerId}`);
      }
    }
    (activityOf.get(c.bu) ?? activityOf.set(c.bu, []).get(c.bu))?.push({ act, start });
  }

  // ---- revenue cohort sums per (bu, base month, end month), exact integers
  const cohortSums = new Map<string, { start: number; end: number; kept: number; n: number }>();
  const cohort = (b: string, base: Month, last: Month) => {
    const k = `${b}|${base}|${last}`;
    let c = cohortSums.get(k);
    if (!c) {
      c = { start: 0, end: 0, kept: 0, n: 0 };
      for (const byMonth of revenueByBu.get(b) ?? []) {
        const s0 = byMonth.get(base) ?? 0;
        if (s0 <= 0) continue;
        const e = byMonth.get(last) ?? 0;
        c.start += s0;
        c.end += e;
        c.kept += Math.min(s0, e);
        c.n++;
      }
      cohortSums.set(k, c);
    }
    return c;
  };

  // ---- fingerprints of every (bu, month) input cell, and which cells changed since `previous`
  for (const [cid, byMonth] of revenue) {
    const b = revBu.get(cid) ?? '';
    for (const [m, v] of byMonth) if (v !== 0) part(`${b}#${m}`, `r${cid}:${v}`);
  }
  const cells: Record<string, string> = {};
  for (const b of businessUnits) {
    for (const m of [beforeCalendar, ...calendar]) {
      const k = `${b}#${m}`;
      const bk = buckets.get(k);
      const t = revTotals.get(k);
      const text = JSON.stringify([
        bk
          ? [
              bk.rel,
              bk.csat,
              bk.ces,
              [...bk.frt].sort((x, y) => (x[0] < y[0] ? -1 : 1)),
              [...bk.handled].sort((x, y) => (x[0] < y[0] ? -1 : 1)),
              bk.ann,
            ]
          : null,
        t ? [t.total, t.paying] : null,
        covered(b, m),
        activeCount.get(k) ?? 0,
        cellParts.get(k) ?? [],
      ]);
      cells[k] = hashText(text);
    }
  }
  const fingerprints: MetricFingerprints = {
    global: hashText(JSON.stringify([DEFINITION_VERSION, firstMonth, lastMonth, businessUnits, channels])),
    cells,
  };
  const prev = opts.previous;
  const partial = !!prev && prev.global === fingerprints.global;
  const dirtyCells = new Set<string>();
  if (partial) for (const [k, h] of Object.entries(cells)) if (prev.cells[k] !== h) dirtyCells.add(k);
  /** Whether a point reads a changed cell (see {@link BuildOptions.previous}). */
  const needed = (members: readonly string[], pm: readonly Month[]): boolean => {
    if (!partial) return true;
    const first = pm[0];
    const last = pm[pm.length - 1];
    if (first === undefined || last === undefined) return false;
    const months = [addMonths(first, -1), ...pm, addMonths(last, -1), addMonths(last, -12)];
    return members.some((b) => months.some((m) => dirtyCells.has(`${b}#${m}`)));
  };

  const series: MetricSeries[] = [];
  const levels: { bu: string; members: string[] }[] = [
    ...businessUnits.map((bu) => ({ bu, members: [bu] })),
    { bu: 'ALL', members: businessUnits },
  ];

  for (const { bu, members } of levels) {
    if (partial && !members.some((b) => [...dirtyCells].some((k) => k.startsWith(`${b}#`)))) continue;
    const activities = members.flatMap((m) => activityOf.get(m) ?? []);
    for (const grain of GRAINS) {
      const periods = [...new Set(calendar.map((m) => periodOf(m, grain)))];
      const out = new Map<string, MetricPoint[]>();
      const push = (metric: MetricId, p: MetricPoint, channel?: string) => {
        const k = channel ? `${metric}#${channel}` : metric;
        let l = out.get(k);
        if (!l) out.set(k, (l = []));
        l.push(p);
      };
      for (const period of periods) {
        const pm = monthsOfPeriod(period, firstMonth, lastMonth);
        const first = pm[0];
        const last = pm[pm.length - 1];
        if (first === undefined || last === undefined) continue;
        if (!needed(members, pm)) continue;
        const bs = pm.flatMap((m) =>
          members.map((b) => buckets.get(`${b}#${m}`)).filter((b): b is Bucket => !!b),
        );

        // Loyalty and satisfaction
        const counts = { promoters: 0, passives: 0, detractors: 0 };
        for (const b of bs) {
          for (const l of b.rel) {
            const cat = npsCategory(l);
            if (cat === 'promoter') counts.promoters++;
            else if (cat === 'passive') counts.passives++;
            else counts.detractors++;
          }
        }
        push('nps', point(period, npsFromCounts(counts)));
        push('csat', point(period, csatT2B(bs.flatMap((b) => b.csat))));
        push(
          'ces',
          point(
            period,
            cesMean(
              bs.flatMap((b) => b.ces),
              { seed: monthIndex(first) },
            ),
          ),
        );

        // Contacts, per channel (never blended)
        for (const ch of channels) {
          const frt = frtStats(bs.flatMap((b) => b.frt.get(ch) ?? []));
          push('frt_median', point(period, frt.median), ch);
          push('frt_p90', point(period, frt.p90), ch);
          push('aht', point(period, aht(bs.flatMap((b) => b.handled.get(ch) ?? []))), ch);
        }
        const ann = bs.flatMap((b) => b.ann);
        push('fcr', point(period, fcr7d(ann)));
        push('repeat_rate', point(period, repeatRate(ann, 7)));

        // Customers and logo churn (subscription spells from customers + churn events)
        const i0 = monthIndex(first) - firstIdx; // act index of "end of the month before first" is i0
        const i1 = monthIndex(last) - firstIdx + 1; // act index of "end of last"
        let S = 0;
        let C = 0;
        let E = 0;
        let N = 0;
        for (const { act, start } of activities) {
          if (act[i0] === 1) {
            S++;
            // The spell active before the period ends at its first inactive month-end within it.
            for (let i = i0 + 1; i <= i1; i++) {
              if (act[i] === 0) {
                C++;
                break;
              }
            }
          }
          if (act[i1] === 1) E++;
          for (let i = i0; i < i1; i++) {
            if (start[i] === 1) {
              N++;
              break;
            }
          }
        }
        push('churn', point(period, logoChurn({ startActive: S, churned: C })));
        push(
          'retention',
          point(period, customerRetentionRate({ startActive: S, endActive: E, newCustomers: N })),
        );
        push('customers', E > 0 ? valuePoint(period, E, E) : noDataPoint(period, 'NO_ACTIVE_CUSTOMERS'));

        // Revenue (finance ledger)
        const buHasCustomers = (b: string, m: Month) => (activeCount.get(`${b}#${m}`) ?? 0) > 0;
        const missing = pm.some((m) => members.some((b) => !covered(b, m) && buHasCustomers(b, m)));
        const anyCovered = pm.some((m) => members.some((b) => covered(b, m)));
        if (missing) {
          push('revenue', incomplete(period));
          push('arpu', incomplete(period));
        } else if (!anyCovered) {
          push('revenue', noDataPoint(period, 'NO_ACTIVE_CUSTOMERS'));
          push('arpu', noDataPoint(period, 'NO_ACTIVE_CUSTOMERS'));
        } else {
          let total = 0;
          let payingMonths = 0;
          for (const b of members) {
            for (const m of pm) {
              const t = revTotals.get(`${b}#${m}`);
              if (!t) continue;
              total += t.total;
              payingMonths += t.paying;
            }
          }
          push('revenue', valuePoint(period, total / 100, payingMonths));
          push(
            'arpu',
            payingMonths > 0
              ? valuePoint(period, round2(total / 100 / payingMonths), payingMonths)
              : noDataPoint(period, 'NO_ACTIVE_CUSTOMERS'),
          );
        }
        for (const [lag, g, nm] of [
          [12, 'grr', 'nrr'],
          [1, 'grr_1m', 'nrr_1m'],
        ] as const) {
          const base = addMonths(last, -lag);
          if (base < firstMonth) {
            push(g, noDataPoint(period, 'INSUFFICIENT_HISTORY'));
            push(nm, noDataPoint(period, 'INSUFFICIENT_HISTORY'));
            continue;
          }
          if (members.some((b) => !covered(b, base) || !covered(b, last))) {
            push(g, incomplete(period));
            push(nm, incomplete(period));
            continue;
          }
          const sum = { startMinor: 0, endMinor: 0, keptMinor: 0, n: 0 };
          for (const b of members) {
            const c = cohort(b, base, last);
            sum.startMinor += c.start;
            sum.endMinor += c.end;
            sum.keptMinor += c.kept;
            sum.n += c.n;
          }
          const rr = revenueRetentionFromSums(sum);
          push(g, point(period, rr.grr));
          push(nm, point(period, rr.nrr));
        }
      }
      for (const [k, points] of out) {
        const [metric, channel] = k.split('#') as [MetricId, string | undefined];
        series.push({
          metric,
          bu,
          grain,
          ...(channel ? { channel } : {}),
          unit: METRIC_UNITS[metric],
          points,
        });
      }
    }
  }
  return { series, partial, fingerprints, businessUnits, firstMonth, lastMonth, fxMissing };
}

/**
 * A 106-bit hash of a string (two independent 53-bit cyrb53 lanes), pure so the module stays usable in
 * the browser; used only to detect changed inputs, never for security.
 */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let h3 = 0x9e3779b9;
  let h4 = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
    h3 = Math.imul(h3 ^ c, 2246822507);
    h4 = Math.imul(h4 ^ c, 3266489909);
  }
  const lane = (a: number, b: number) => {
    a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
    b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
    return (4294967296 * (2097151 & b) + (a >>> 0)).toString(36);
  };
  return `${lane(h1, h2)}.${lane(h3, h4)}.${text.length.toString(36)}`;
}
