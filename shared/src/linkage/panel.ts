/**
 * Customer-month panel of methods §2.4: one row per customer and month t in which the customer is
 * active at the start of t (= at the end of t − 1), y = 1 when the customer churns in t, and the CX
 * covariates as of the end of t − 1 (no look-ahead: every window ends at the first instant of t).
 *
 * Covariates (ASSUMPTION where methods leaves room; documented per field of {@link PanelRows}):
 * - last relationship-NPS category in the 12 months t − 12 … t − 1 (P, N, D, or none);
 * - log2(median over the contacts of the last 90 days of FRT / channel target); a contact still
 *   unanswered at the as-of instant counts with its elapsed time (censored, a lower bound); 0 when the
 *   customer had no contact with a target channel (nothing to be slow about = at target);
 * - unresolved contacts in the last 30 days: distinct issues with a contact flagged unresolved, capped
 *   at 2 (the generator's cap);
 * - any CES ≤ 3 and any CSAT ≤ 2 among transactional responses of the last 90 days;
 * - tenure = months since the start of the current spell (≥ 1), MRR = revenue of t − 1 in the
 *   reporting currency (fallbacks in {@link PanelRows.mrrImputed}).
 * The §2.4 price-change term θ3 is not built: no price-change events are part of the inputs.
 *
 * Cost: events are bucketed per customer and sorted by time once (O(E log E)); each customer's months
 * are visited in order with sliding-window pointers, so the build is O(E log E + customer-months).
 */
import type { Channel, ChurnRow } from '../contracts/inputs';
import { convertMinor } from '../contracts/values';
import { churnSpells, type ActiveSpell } from '../metrics/retention';
import {
  addMonths,
  monthFromIndex,
  monthIndex,
  monthOfEpochMs,
  monthRange,
  monthStartMs,
  type Month,
} from '../month';
import type { Facts } from '../views/metric-views';

/** FRT targets per channel in seconds (methods §5.2): phone 45 s, chat 60 s, e-mail 6 h. */
export const DEFAULT_FRT_TARGETS_S: Readonly<Partial<Record<Channel, number>>> = {
  phone: 45,
  chat: 60,
  email: 6 * 3600,
};

/** NPS category codes of {@link PanelRows.nps}; promoters are the reference. */
export const NPS_CODE = { P: 0, N: 1, D: 2, none: 3 } as const;
export type NpsCode = (typeof NPS_CODE)[keyof typeof NPS_CODE];

/** Unresolved-contact cap (methods §5.3: the hazard multiplies by 1.3^min(U, 2)). */
export const UNRESOLVED_CAP = 2;

const DAY_MS = 86_400_000;

/** Column-oriented panel rows (all arrays have length n). */
export interface PanelRows {
  n: number;
  /** Index into {@link CustomerMonthPanel.customerIds}. */
  customer: Int32Array;
  /** Index into {@link CustomerMonthPanel.months}; `months.length` for the as-of-now rows. */
  month: Int32Array;
  /** Index into {@link CustomerMonthPanel.bus}. */
  bu: Int32Array;
  /** 1 when the customer churns in the month. */
  y: Uint8Array;
  /** Last relationship-NPS category in t − 12 … t − 1: {@link NPS_CODE}. */
  nps: Uint8Array;
  /** log2(median FRT / target) over the last 90 days; 0 without contacts. */
  frtLog2: Float64Array;
  /** Contacts with an FRT target in the last 90 days. */
  contacts90: Int32Array;
  /** Distinct issues with an unresolved contact in the last 30 days, capped at 2. */
  unresolved30: Uint8Array;
  /** Any CES ≤ 3 in the last 90 days. */
  highEffort90: Uint8Array;
  /** Any CSAT ≤ 2 in the last 90 days. */
  lowCsat90: Uint8Array;
  /** Months since the current spell started (≥ 1). */
  tenure: Int32Array;
  /** Monthly revenue in reporting-currency major units (> 0). */
  mrr: Float64Array;
  /**
   * 0: revenue of t − 1; 1: latest positive revenue of t − 4 … t − 2 (missing upload or credit note),
   * else revenue of t itself (first window month); 2: no positive revenue found → BU median.
   */
  mrrImputed: Uint8Array;
}

/** The customer-month panel and the customer-level data it was built from. */
export interface CustomerMonthPanel {
  months: Month[];
  bus: string[];
  customerIds: string[];
  customerBu: Int32Array;
  /** Month index (calendar position) of each customer's first spell start; negative before the window. */
  acquisitionMonth: Int32Array;
  /** Spells per customer (same order as customerIds). */
  spells: ActiveSpell[][];
  rows: PanelRows;
  /** One row per customer active at the end of the last month, covariates as of the end of the data. */
  current: PanelRows;
  /** Revenue (major units, reporting currency) per customer × month, row-major; NaN = no row. */
  revenue: Float64Array;
  frtTargetsS: Readonly<Partial<Record<Channel, number>>>;
  reportingCurrency: string;
  diagnostics: {
    skippedCustomers: { customerId: string; reason: string }[];
    fxMissingRows: number;
    unknownCustomerRows: number;
    mrrImputedRows: number;
  };
}

/** Options of {@link buildCustomerMonthPanel}. */
export interface PanelOptions {
  /** FRT targets per channel (seconds); contacts of other channels carry no FRT signal. */
  frtTargetsS?: Readonly<Partial<Record<Channel, number>>>;
  /** First / last calendar month (default: the range of revenue, contact, survey and churn dates). */
  firstMonth?: Month;
  lastMonth?: Month;
}

function allocRows(n: number): PanelRows {
  return {
    n,
    customer: new Int32Array(n),
    month: new Int32Array(n),
    bu: new Int32Array(n),
    y: new Uint8Array(n),
    nps: new Uint8Array(n),
    frtLog2: new Float64Array(n),
    contacts90: new Int32Array(n),
    unresolved30: new Uint8Array(n),
    highEffort90: new Uint8Array(n),
    lowCsat90: new Uint8Array(n),
    tenure: new Int32Array(n),
    mrr: new Float64Array(n),
    mrrImputed: new Uint8Array(n),
  };
}

interface ContactEv {
  ms: number;
  respMs: number | null;
  target: number | null;
  unresolved: boolean;
  issue: string;
}
interface TxnEv {
  ms: number;
  lowCsat: boolean;
  highEffort: boolean;
}
interface RelEv {
  ms: number;
  code: NpsCode;
}

function npsCode(ltr: number): NpsCode {
  return ltr >= 9 ? NPS_CODE.P : ltr >= 7 ? NPS_CODE.N : NPS_CODE.D;
}

function median(xs: number[]): number {
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? (xs[m] ?? 0) : ((xs[m - 1] ?? 0) + (xs[m] ?? 0)) / 2;
}

function bucket<T>(idxOf: Map<string, number>, n: number, items: Iterable<[string, T]>): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  for (const [cid, item] of items) {
    const i = idxOf.get(cid);
    if (i !== undefined) out[i]?.push(item);
  }
  return out;
}

/**
 * Builds the §2.4 customer-month panel from ingested facts (see the module comment for the covariate
 * definitions). Customers whose churn events are inconsistent (churn while not active, win-back before
 * churn) are skipped and listed in `diagnostics.skippedCustomers`. No customers or no calendar → a
 * panel with zero rows.
 */
export function buildCustomerMonthPanel(facts: Facts, options: PanelOptions = {}): CustomerMonthPanel {
  const targets = options.frtTargetsS ?? DEFAULT_FRT_TARGETS_S;
  const monthIdx = new Map<Month, number>();
  const mIdx = (m: Month): number => {
    let v = monthIdx.get(m);
    if (v === undefined) monthIdx.set(m, (v = monthIndex(m)));
    return v;
  };
  // ---- calendar
  let lo = Infinity;
  let hi = -Infinity;
  const see = (m: Month) => {
    const i = mIdx(m);
    if (i < lo) lo = i;
    if (i > hi) hi = i;
  };
  for (const r of facts.revenue) see(r.month);
  let msLo = Infinity;
  let msHi = -Infinity;
  for (const c of facts.contacts) {
    if (c.createdMs < msLo) msLo = c.createdMs;
    if (c.createdMs > msHi) msHi = c.createdMs;
  }
  for (const s of [...facts.txnSurveys, ...facts.relSurveys]) {
    if (s.respondedMs < msLo) msLo = s.respondedMs;
    if (s.respondedMs > msHi) msHi = s.respondedMs;
  }
  if (Number.isFinite(msLo)) see(monthOfEpochMs(msLo));
  if (Number.isFinite(msHi)) see(monthOfEpochMs(msHi));
  for (const e of facts.churnEvents) see(e.churnMonth);
  const first = options.firstMonth ?? (Number.isFinite(lo) ? monthFromIndex(lo) : null);
  const last = options.lastMonth ?? (Number.isFinite(hi) ? monthFromIndex(hi) : null);
  const months = first !== null && last !== null ? monthRange(first, last) : [];
  const nM = months.length;
  const m0 = months[0] !== undefined ? monthIndex(months[0]) : 0;
  const monthStarts = [...months, ...(nM > 0 ? [addMonths(months[nM - 1] ?? '2000-01', 1)] : [])].map(
    monthStartMs,
  );

  // ---- customers
  const bus = [...new Set(facts.customers.map((c) => c.bu))].sort();
  const buIdx = new Map(bus.map((b, i) => [b, i]));
  const customerIds = facts.customers.map((c) => c.customerId);
  const idxOf = new Map(customerIds.map((id, i) => [id, i]));
  const nC = customerIds.length;
  const customerBu = Int32Array.from(facts.customers.map((c) => buIdx.get(c.bu) ?? 0));
  const eventsOf = bucket<ChurnRow>(
    idxOf,
    nC,
    facts.churnEvents.map((e) => [e.customerId, e] as [string, ChurnRow]),
  );
  const skippedCustomers: { customerId: string; reason: string }[] = [];
  const spells: ActiveSpell[][] = facts.customers.map((c, i) => {
    try {
      return churnSpells(
        c.startMonth,
        (eventsOf[i] ?? []).map((e) => ({ churnMonth: e.churnMonth, winbackMonth: e.winbackMonth })),
      );
    } catch (e) {
      skippedCustomers.push({ customerId: c.customerId, reason: e instanceof Error ? e.message : String(e) });
      return [];
    }
  });
  const acquisitionMonth = Int32Array.from(facts.customers.map((c) => mIdx(c.startMonth) - m0));

  // ---- revenue (major units, reporting currency)
  const fxRate = new Map<string, number>();
  for (const r of facts.fx) fxRate.set(`${r.currency}|${r.month}`, r.rate);
  const revenue = new Float64Array(nC * nM).fill(NaN);
  let fxMissingRows = 0;
  let unknownCustomerRows = 0;
  for (const r of facts.revenue) {
    const i = idxOf.get(r.customerId);
    if (i === undefined) {
      unknownCustomerRows++;
      continue;
    }
    const t = mIdx(r.month) - m0;
    if (t < 0 || t >= nM) continue;
    const cur = r.currency ?? facts.reportingCurrency;
    const rate = cur === facts.reportingCurrency ? 1 : fxRate.get(`${cur}|${r.month}`);
    if (rate === undefined) {
      fxMissingRows++;
      continue;
    }
    const k = i * nM + t;
    const prev = revenue[k] ?? NaN;
    revenue[k] = (Number.isNaN(prev) ? 0 : prev) + convertMinor(r.amountMinor, rate) / 100;
  }

  // ---- events per customer, sorted by time
  const contactsOf = bucket<ContactEv>(
    idxOf,
    nC,
    facts.contacts.map((c) => [
      c.customerId,
      {
        ms: c.createdMs,
        respMs: c.firstResponseMs,
        target: targets[c.channel] ?? null,
        unresolved: c.resolved === false,
        issue: c.issueId ?? `#${c.contactId}`,
      },
    ]),
  );
  const txnOf = bucket<TxnEv>(
    idxOf,
    nC,
    facts.txnSurveys.map((s) => [
      s.customerId,
      {
        ms: s.respondedMs,
        lowCsat: s.csat !== null && s.csat <= 2,
        highEffort: s.ces !== null && s.ces <= 3,
      },
    ]),
  );
  const relOf = bucket<RelEv>(
    idxOf,
    nC,
    facts.relSurveys.map((s) => [s.customerId, { ms: s.respondedMs, code: npsCode(s.ltr) }]),
  );
  const byMs = (a: { ms: number }, b: { ms: number }) => a.ms - b.ms;
  for (const l of contactsOf) l.sort(byMs);
  for (const l of txnOf) l.sort(byMs);
  for (const l of relOf) l.sort(byMs);

  const from12Ms =
    nM > 0 ? Array.from({ length: nM + 1 }, (_, t) => monthStartMs(monthFromIndex(m0 + t - 12))) : [];
  // Row counts first, so the columns are allocated once.
  let nRows = 0;
  let nCurrent = 0;
  const range = (sp: ActiveSpell): [number, number] => [
    mIdx(sp.from) - m0,
    sp.until === null ? Infinity : mIdx(sp.until) - m0,
  ];
  for (let i = 0; i < nC; i++) {
    for (const sp of spells[i] ?? []) {
      const [from, until] = range(sp);
      nRows += Math.max(0, Math.min(nM - 1, until) - Math.max(0, from + 1) + 1);
      if (nM > 0 && from <= nM - 1 && until > nM - 1) nCurrent++;
    }
  }
  const rows = allocRows(nRows);
  const current = allocRows(nCurrent);
  let kRows = 0;
  let kCurrent = 0;
  const frtBuf: number[] = [];
  const issues = new Set<string>();

  const addRow = (out: PanelRows, k: number, i: number, t: number, y: number, spellStart: number): void => {
    const asOf = monthStarts[t] ?? 0;
    // Contacts: FRT over 90 days, unresolved issues over 30 days.
    const cs = contactsOf[i] ?? [];
    frtBuf.length = 0;
    issues.clear();
    for (let k = cs.length - 1; k >= 0; k--) {
      const c = cs[k];
      if (!c || c.ms >= asOf) continue;
      if (c.ms < asOf - 90 * DAY_MS) break;
      if (c.target !== null && c.target > 0) {
        const elapsed = asOf - c.ms;
        const frt = c.respMs !== null && c.respMs <= asOf ? c.respMs - c.ms : elapsed;
        frtBuf.push(Math.max(frt, 1000) / 1000 / c.target);
      }
      if (c.unresolved && c.ms >= asOf - 30 * DAY_MS) issues.add(c.issue);
    }
    const nFrt = frtBuf.length;
    const frtLog2 = nFrt > 0 ? Math.log2(median(frtBuf)) : 0;
    // Transactional surveys over 90 days.
    let lowCsat = 0;
    let highEffort = 0;
    const ts = txnOf[i] ?? [];
    for (let k = ts.length - 1; k >= 0; k--) {
      const s = ts[k];
      if (!s || s.ms >= asOf) continue;
      if (s.ms < asOf - 90 * DAY_MS) break;
      if (s.lowCsat) lowCsat = 1;
      if (s.highEffort) highEffort = 1;
    }
    // Relationship NPS: the latest response in months t − 12 … t − 1.
    let nps: NpsCode = NPS_CODE.none;
    const rs = relOf[i] ?? [];
    const from12 = from12Ms[t] ?? 0;
    for (let k = rs.length - 1; k >= 0; k--) {
      const s = rs[k];
      if (!s || s.ms >= asOf) continue;
      if (s.ms >= from12) nps = s.code;
      break;
    }
    // MRR.
    let mrr = NaN;
    let imputed = 0;
    const base = i * nM;
    const prev = t >= 1 && t <= nM ? (revenue[base + t - 1] ?? NaN) : NaN;
    if (prev > 0) mrr = prev;
    else {
      imputed = 1;
      for (let tt = t - 2; tt >= Math.max(0, t - 4); tt--) {
        const v = tt < nM ? (revenue[base + tt] ?? NaN) : NaN;
        if (v > 0) {
          mrr = v;
          break;
        }
      }
      const own = t < nM ? (revenue[base + t] ?? NaN) : NaN;
      if (!(mrr > 0) && own > 0) mrr = own;
      if (!(mrr > 0)) imputed = 2;
    }
    out.customer[k] = i;
    out.month[k] = t;
    out.bu[k] = customerBu[i] ?? 0;
    out.y[k] = y;
    out.nps[k] = nps;
    out.frtLog2[k] = frtLog2;
    out.contacts90[k] = nFrt;
    out.unresolved30[k] = Math.min(issues.size, UNRESOLVED_CAP);
    out.highEffort90[k] = highEffort;
    out.lowCsat90[k] = lowCsat;
    out.tenure[k] = Math.max(1, t - spellStart);
    out.mrr[k] = mrr;
    out.mrrImputed[k] = imputed;
  };

  for (let i = 0; i < nC; i++) {
    for (const sp of spells[i] ?? []) {
      const [from, until] = range(sp);
      // At risk in t when active at the end of t − 1: from ≤ t − 1 and (until = ∞ or until ≥ t).
      const tFirst = Math.max(0, from + 1);
      const tLast = Math.min(nM - 1, until);
      for (let t = tFirst; t <= tLast; t++) addRow(rows, kRows++, i, t, t === until ? 1 : 0, from);
      if (nM > 0 && from <= nM - 1 && until > nM - 1) addRow(current, kCurrent++, i, nM, 0, from);
    }
  }

  // BU median MRR for rows without any positive revenue nearby.
  const fill = (c: PanelRows): number => {
    const byBu = new Map<number, number[]>();
    for (let k = 0; k < c.n; k++) {
      const v = c.mrr[k] ?? 0;
      if (v > 0) {
        const b = c.bu[k] ?? 0;
        const l = byBu.get(b) ?? [];
        l.push(v);
        byBu.set(b, l);
      }
    }
    const med = new Map([...byBu].map(([b, l]) => [b, median(l)]));
    let n = 0;
    for (let k = 0; k < c.n; k++) {
      if (!((c.mrr[k] ?? 0) > 0)) {
        c.mrr[k] = med.get(c.bu[k] ?? 0) ?? 1;
        n++;
      }
    }
    return n;
  };
  const mrrImputedRows = fill(rows);
  fill(current);

  return {
    months,
    bus,
    customerIds,
    customerBu,
    acquisitionMonth,
    spells,
    rows,
    current,
    revenue,
    frtTargetsS: targets,
    reportingCurrency: facts.reportingCurrency,
    diagnostics: { skippedCustomers, fxMissingRows, unknownCustomerRows, mrrImputedRows },
  };
}

/** Revenue (major units) of customer `i` in calendar month `t`; NaN when there is no row. */
export function revenueAt(panel: CustomerMonthPanel, i: number, t: number): number {
  const nM = panel.months.length;
  if (t < 0 || t >= nM) return NaN;
  return panel.revenue[i * nM + t] ?? NaN;
}
