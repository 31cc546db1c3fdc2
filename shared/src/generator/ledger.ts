/**
 * E6: the exact retention ledger (methods.md §1.7) computed with plain loops from the generator's
 * own spells and the revenue rows exactly as written (string → integer cents → reporting minor
 * units), independently of the product's metric code. The product must match these to 1e-9.
 */
import type { Category } from './parameters';
import { BUS, type Bu } from './parameters';
import type { CsvTable } from './render';
import { monthOfT, type RelResponse, type SimCustomer, type World } from './simulate';
import { at } from './util';

/** One BU-month of the ledger; null where a quantity is not defined or the finance data are incomplete. */
export interface LedgerPoint {
  /** S_t: customers active at the end of t − 1. */
  startActive: number;
  /** C_t: members of S_t whose spell churns in t. */
  churned: number;
  /** N_t: spells starting in t (new customers and win-backs). */
  newCustomers: number;
  /** E_t: customers active at the end of t. */
  endActive: number;
  /** C_t / S_t (null when S_t = 0). */
  logoChurn: number | null;
  /** (E_t − N_t) / S_t (null when S_t = 0). */
  crr: number | null;
  /** Σ reporting-currency minor units of the BU's revenue rows in t (credits included). */
  revenueMinor: number | null;
  revenueIncomplete: boolean;
  grr1m: number | null;
  nrr1m: number | null;
  startMinor1m: number | null;
  endMinor1m: number | null;
  incomplete1m: boolean;
  grr12m: number | null;
  nrr12m: number | null;
  startMinor12m: number | null;
  endMinor12m: number | null;
  incomplete12m: boolean;
}

/** Ledger scope: a BU or all BUs. */
export type LedgerScope = Bu | 'ALL';

/** Retention outcome of one starting segment over 12 months. */
export interface SegmentRetention {
  customers: number;
  /** Cohort members with a churn event in months s+1 … s+12. */
  churnedWithin12m: number;
  startMinor: number | null;
  endMinor: number | null;
  grr: number | null;
  nrr: number | null;
}

/** 12-month segment retention for one start month. */
export interface SegmentRetentionPoint {
  startMonth: string;
  endMonth: string;
  incomplete: boolean;
  /** Segment = true latent category at the start month (population estimand). */
  latent: Record<'promoter' | 'passive' | 'detractor', SegmentRetention>;
  /**
   * Segment = most recent accepted relationship-survey category with response month in
   * [start − 11, start] (§2.2 definition); otherwise `not-surveyed`.
   */
  observed: Record<'promoter' | 'passive' | 'detractor' | 'not-surveyed', SegmentRetention>;
}

/** The E6 ground truth. */
export interface LedgerTruth {
  reportingCurrency: 'USD';
  definitions: string;
  ledger: Record<LedgerScope, Record<string, LedgerPoint>>;
  segmentRetention12m: Record<LedgerScope, Record<string, SegmentRetentionPoint>>;
}

/** Active at the end of month t: some spell with start ≤ t and (no end or end > t). */
export function activeAtEnd(c: SimCustomer, t: number): boolean {
  return c.spells.some((s) => s.start <= t && (s.end === null || s.end > t));
}

/**
 * Per-customer reporting-currency minor units by month number, parsed from the written rows:
 * `Math.round(Math.round(parseFloat(revenue) × 100) × rate)`, rate = parseFloat(EUR rate) or 1.
 */
export function revenueMinorByCustomer(
  world: World,
  revenue: CsvTable,
  fxRateStrings: string[],
): Map<string, (number | undefined)[]> {
  const { params } = world.options;
  const tOfMonth = new Map<string, number>();
  for (let t = 1; t <= params.months; t++) tOfMonth.set(monthOfT(params, t), t);
  const out = new Map<string, (number | undefined)[]>();
  for (const row of revenue.rows) {
    const [id = '', month = '', amount = '', currency = ''] = row;
    const t = tOfMonth.get(month);
    if (t === undefined) throw new Error(`revenue row outside the window: ${month}`);
    const amountMinor = Math.round(parseFloat(amount) * 100);
    const rate = currency === 'EUR' ? parseFloat(at(fxRateStrings, t - 1)) : 1;
    let arr = out.get(id);
    if (!arr) {
      arr = new Array<number | undefined>(params.months + 1).fill(undefined);
      out.set(id, arr);
    }
    arr[t] = Math.round(amountMinor * rate);
  }
  return out;
}

interface LagResult {
  grr: number | null;
  nrr: number | null;
  start: number | null;
  end: number | null;
  incomplete: boolean;
}

function emptySegment(): SegmentRetention {
  return { customers: 0, churnedWithin12m: 0, startMinor: 0, endMinor: 0, grr: null, nrr: null };
}

const SEGMENT_NAME: Record<Category, 'promoter' | 'passive' | 'detractor'> = {
  P: 'promoter',
  N: 'passive',
  D: 'detractor',
};

/** Compute the E6 ledger and the 12-month segment retention tables. */
export function computeLedger(
  world: World,
  revenue: CsvTable,
  fxRateStrings: string[],
  corruptedRelationship: Set<RelResponse>,
): LedgerTruth {
  const { params } = world.options;
  const T = params.months;
  const missing = params.dataQuality.missingFinance;
  const minor = revenueMinorByCustomer(world, revenue, fxRateStrings);
  const scopes: LedgerScope[] = [...BUS, 'ALL'];
  const inScope = (c: SimCustomer, scope: LedgerScope): boolean => scope === 'ALL' || c.bu === scope;
  const isMissing = (scope: LedgerScope, t: number): boolean =>
    t === missing.t && (scope === 'ALL' || scope === missing.bu);

  // Latent category by month and accepted relationship responses, for the segment tables.
  const categoryAt = new Map<SimCustomer, (Category | undefined)[]>();
  for (const m of world.months) {
    let arr = categoryAt.get(m.customer);
    if (!arr) {
      arr = new Array<Category | undefined>(T + 1).fill(undefined);
      categoryAt.set(m.customer, arr);
    }
    arr[m.t] = m.category;
  }
  const accepted = new Map<SimCustomer, RelResponse[]>();
  for (const r of world.relationship) {
    if (corruptedRelationship.has(r)) continue;
    const list = accepted.get(r.customer) ?? [];
    list.push(r);
    accepted.set(r.customer, list);
  }
  const observedCategory = (c: SimCustomer, s: number): Category | null => {
    let best: RelResponse | null = null;
    for (const r of accepted.get(c) ?? []) {
      if (r.t < s - 11 || r.t > s) continue;
      if (!best || r.respondedMs > best.respondedMs) best = r;
    }
    return best ? best.category : null;
  };

  // Per-customer flags by month number (index 0 … T), straight from the spell definitions.
  interface Row {
    c: SimCustomer;
    activeEnd: Uint8Array;
    churnIn: Uint8Array;
    startIn: Uint8Array;
    rev: (number | undefined)[];
    category: (Category | undefined)[];
    /** Observed segment category per start month s (null = not surveyed in [s − 11, s]). */
    observed: (Category | null)[];
    /** 1 when a churn event falls in s+1 … s+12, per start month s. */
    churnWithin12: Uint8Array;
  }
  const rows: Row[] = world.customers.map((c) => {
    const activeEnd = new Uint8Array(T + 1);
    const churnIn = new Uint8Array(T + 1);
    const startIn = new Uint8Array(T + 1);
    for (const sp of c.spells) {
      // Active at the end of t ⇔ start ≤ t and (no end or end > t).
      const last = sp.end === null ? T : Math.min(T, sp.end - 1);
      for (let t = Math.max(0, sp.start); t <= last; t++) activeEnd[t] = 1;
      if (sp.end !== null && sp.end <= T && sp.start <= sp.end - 1) churnIn[sp.end] = 1;
      if (sp.start >= 0 && sp.start <= T) startIn[sp.start] = 1;
    }
    const observed: (Category | null)[] = [null];
    const churnWithin12 = new Uint8Array(T + 1);
    for (let s = 1; s + 12 <= T; s++) {
      observed.push(observedCategory(c, s));
      churnWithin12[s] = c.churnEvents.some((ev) => ev.t > s && ev.t <= s + 12) ? 1 : 0;
    }
    return {
      c,
      activeEnd,
      churnIn,
      startIn,
      rev: minor.get(c.id) ?? [],
      category: categoryAt.get(c) ?? [],
      observed,
      churnWithin12,
    };
  });

  const ledger = {} as Record<LedgerScope, Record<string, LedgerPoint>>;
  for (const scope of scopes) {
    const members = rows.filter((r) => inScope(r.c, scope));
    const byMonth: Record<string, LedgerPoint> = {};
    for (let t = 2; t <= T; t++) {
      let S = 0;
      let C = 0;
      let N = 0;
      let E = 0;
      let revenueSum = 0;
      for (const r of members) {
        if (r.activeEnd[t - 1]) {
          S += 1;
          if (r.churnIn[t]) C += 1;
        }
        if (r.startIn[t]) N += 1;
        if (r.activeEnd[t]) E += 1;
        revenueSum += r.rev[t] ?? 0;
      }
      const lag = (L: number): LagResult => {
        if (t - L < 1) return { grr: null, nrr: null, start: null, end: null, incomplete: false };
        if (isMissing(scope, t) || isMissing(scope, t - L)) {
          return { grr: null, nrr: null, start: null, end: null, incomplete: true };
        }
        let start = 0;
        let end = 0;
        let capped = 0;
        for (const r of members) {
          const s = r.rev[t - L];
          if (s === undefined || s <= 0) continue;
          const e = r.rev[t] ?? 0;
          start += s;
          end += e;
          capped += Math.min(e, s);
        }
        return {
          grr: start > 0 ? capped / start : null,
          nrr: start > 0 ? end / start : null,
          start,
          end,
          incomplete: false,
        };
      };
      const l1 = lag(1);
      const l12 = lag(12);
      const incompleteRevenue = isMissing(scope, t);
      byMonth[monthOfT(params, t)] = {
        startActive: S,
        churned: C,
        newCustomers: N,
        endActive: E,
        logoChurn: S > 0 ? C / S : null,
        crr: S > 0 ? (E - N) / S : null,
        revenueMinor: incompleteRevenue ? null : revenueSum,
        revenueIncomplete: incompleteRevenue,
        grr1m: l1.grr,
        nrr1m: l1.nrr,
        startMinor1m: l1.start,
        endMinor1m: l1.end,
        incomplete1m: l1.incomplete,
        grr12m: l12.grr,
        nrr12m: l12.nrr,
        startMinor12m: l12.start,
        endMinor12m: l12.end,
        incomplete12m: l12.incomplete,
      };
    }
    ledger[scope] = byMonth;
  }

  const segmentRetention12m = {} as Record<LedgerScope, Record<string, SegmentRetentionPoint>>;
  for (const scope of scopes) {
    const members = rows.filter((r) => inScope(r.c, scope));
    const byStart: Record<string, SegmentRetentionPoint> = {};
    for (let s = 1; s + 12 <= T; s++) {
      const e = s + 12;
      const incomplete = isMissing(scope, s) || isMissing(scope, e);
      const latent = { promoter: emptySegment(), passive: emptySegment(), detractor: emptySegment() };
      const observed = {
        promoter: emptySegment(),
        passive: emptySegment(),
        detractor: emptySegment(),
        'not-surveyed': emptySegment(),
      };
      for (const { c, rev, category, observed: observedAt, churnWithin12 } of members) {
        const start = rev[s];
        if (start === undefined || start <= 0) continue;
        const end = rev[e] ?? 0;
        const churned = churnWithin12[s] ?? 0;
        const lat = category[s];
        if (!lat) throw new Error(`no latent category for ${c.id} at ${s}`);
        const obs = observedAt[s] ?? null;
        const targets = [latent[SEGMENT_NAME[lat]], observed[obs ? SEGMENT_NAME[obs] : 'not-surveyed']];
        for (const seg of targets) {
          seg.customers += 1;
          seg.churnedWithin12m += churned;
          seg.startMinor = (seg.startMinor ?? 0) + start;
          seg.endMinor = (seg.endMinor ?? 0) + end;
          seg.grr = (seg.grr ?? 0) + Math.min(start, end);
        }
      }
      const close = (seg: SegmentRetention): void => {
        const capped = seg.grr ?? 0;
        if (incomplete) {
          seg.startMinor = null;
          seg.endMinor = null;
          seg.grr = null;
          seg.nrr = null;
          return;
        }
        const start = seg.startMinor ?? 0;
        seg.grr = start > 0 ? capped / start : null;
        seg.nrr = start > 0 ? (seg.endMinor ?? 0) / start : null;
      };
      Object.values(latent).forEach(close);
      Object.values(observed).forEach(close);
      byStart[monthOfT(params, s)] = {
        startMonth: monthOfT(params, s),
        endMonth: monthOfT(params, e),
        incomplete,
        latent,
        observed,
      };
    }
    segmentRetention12m[scope] = byStart;
  }

  return {
    reportingCurrency: 'USD',
    definitions:
      'Minor units: Math.round(Math.round(parseFloat(revenue) * 100) * rate), rate = parseFloat(fx-rates EUR rate) or 1 for USD. ' +
      'Spells: start_month … churn_month inclusive, a win-back starts a new spell at winback_month. ' +
      'For t = 2023-02 … 2024-12: S = active at end of t−1, C = members of S whose spell churns in t, N = spells starting in t, ' +
      'E = active at end of t; logoChurn = C/S; crr = (E−N)/S; revenueMinor = Σ minor units in t (credits included). ' +
      'Lag L ∈ {1, 12} when t−L ≥ 2023-01: cohort = customers with minor units > 0 at t−L; startMinor = Σ cohort at t−L; ' +
      'endMinor = Σ cohort at t (0 if no row); nrr = end/start; grr = Σ min(end_i, start_i)/start. A missing finance BU-month ' +
      '(for ALL: any BU) at t or t−L makes the point incomplete (grr/nrr/start/end null); revenueMinor is null in the missing month. ' +
      'segmentRetention12m[scope][startMonth]: same cohort rule with L = 12, split by the latent category at the start month and by ' +
      'the most recent accepted relationship response in the 12 months up to the start month (not-surveyed otherwise).',
    ledger,
    segmentRetention12m,
  };
}
