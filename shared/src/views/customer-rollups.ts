import type { ChurnRow } from '../contracts/inputs';
import { convertMinor } from '../contracts/values';
import { addMonths, monthOfEpochMs, type Month } from '../month';
import { npsCategory } from '../metrics/nps';
import type { Facts } from './metric-views';

/** One customer's state at the data cut-off, for drill-down lists and customer-level analytics. */
export interface CustomerRollup {
  customerId: string;
  bu: string;
  segment: string | null;
  startMonth: Month;
  /** Active at the end of the last month of data (subscription spells from churn events). */
  active: boolean;
  churnMonth: Month | null;
  /** Revenue of the last month with finance data, reporting minor units (null: none). */
  mrrMinor: number | null;
  /** Revenue over the last 12 months of data, reporting minor units. */
  revenue12mMinor: number;
  lastLtr: number | null;
  lastLtrMonth: Month | null;
  segmentNps: 'promoter' | 'passive' | 'detractor' | 'not-surveyed';
  contacts90d: number;
  unresolved90d: number;
  lastCsat: number | null;
  lastCes: number | null;
}

/**
 * Per-customer rollups at the end of `lastMonth`: latest relationship score (not surveyed when none in
 * the last 12 months), revenue, contacts and unresolved contacts in the last 90 days, latest CSAT/CES.
 * Empty facts give an empty list.
 */
export function buildCustomerRollups(f: Facts, lastMonth: Month): CustomerRollup[] {
  const rate = new Map(f.fx.map((r) => [`${r.currency}|${r.month}`, r.rate]));
  const rev = new Map<string, Map<Month, number>>();
  for (const r of f.revenue) {
    const cur = r.currency ?? f.reportingCurrency;
    const k = cur === f.reportingCurrency ? 1 : rate.get(`${cur}|${r.month}`);
    if (k === undefined) continue;
    let m = rev.get(r.customerId);
    if (!m) rev.set(r.customerId, (m = new Map<Month, number>()));
    m.set(r.month, (m.get(r.month) ?? 0) + convertMinor(r.amountMinor, k));
  }
  const churnBy = new Map<string, ChurnRow[]>();
  for (const e of f.churnEvents)
    (churnBy.get(e.customerId) ?? churnBy.set(e.customerId, []).get(e.customerId))?.push(e);
  const lastRel = new Map<string, { ltr: number; ms: number }>();
  for (const s of f.relSurveys) {
    const p = lastRel.get(s.customerId);
    if (!p || p.ms <= s.respondedMs) lastRel.set(s.customerId, { ltr: s.ltr, ms: s.respondedMs });
  }
  const lastTxn = new Map<string, { csat: number | null; ces: number | null; ms: number }>();
  for (const s of f.txnSurveys) {
    const p = lastTxn.get(s.customerId);
    if (!p || p.ms <= s.respondedMs)
      lastTxn.set(s.customerId, { csat: s.csat, ces: s.ces, ms: s.respondedMs });
  }
  const horizon = f.cutoffMs - 90 * 86_400_000;
  const contacts = new Map<string, { n: number; unresolved: number }>();
  for (const c of f.contacts) {
    if (c.createdMs < horizon || c.createdMs > f.cutoffMs) continue;
    const x = contacts.get(c.customerId) ?? { n: 0, unresolved: 0 };
    x.n++;
    if (c.resolved === false) x.unresolved++;
    contacts.set(c.customerId, x);
  }
  const since12 = addMonths(lastMonth, -11);
  return f.customers.map((c) => {
    const events = [...(churnBy.get(c.customerId) ?? [])].sort((a, b) =>
      a.churnMonth < b.churnMonth ? -1 : 1,
    );
    const lastEvent = events.at(-1);
    const active =
      !lastEvent ||
      lastEvent.churnMonth > lastMonth ||
      (lastEvent.winbackMonth !== null && lastEvent.winbackMonth <= lastMonth);
    const byMonth = rev.get(c.customerId);
    const months = byMonth ? [...byMonth.keys()].sort() : [];
    const lastRev = months.at(-1);
    let revenue12mMinor = 0;
    for (const m of months) if (m >= since12 && m <= lastMonth) revenue12mMinor += byMonth?.get(m) ?? 0;
    const rel = lastRel.get(c.customerId);
    const relMonth = rel ? monthOfEpochMs(rel.ms) : null;
    const recent = rel && relMonth !== null && relMonth >= since12 ? rel : null;
    const txn = lastTxn.get(c.customerId);
    const ct = contacts.get(c.customerId);
    return {
      customerId: c.customerId,
      bu: c.bu,
      segment: c.segment,
      startMonth: c.startMonth,
      active,
      churnMonth: active ? null : (lastEvent?.churnMonth ?? null),
      mrrMinor: lastRev !== undefined ? (byMonth?.get(lastRev) ?? null) : null,
      revenue12mMinor,
      lastLtr: rel?.ltr ?? null,
      lastLtrMonth: relMonth,
      segmentNps: recent ? npsCategory(recent.ltr) : 'not-surveyed',
      contacts90d: ct?.n ?? 0,
      unresolved90d: ct?.unresolved ?? 0,
      lastCsat: txn?.csat ?? null,
      lastCes: txn?.ces ?? null,
    };
  });
}
