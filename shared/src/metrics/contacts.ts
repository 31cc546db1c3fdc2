/**
 * Repeat contacts and operational first-contact resolution (methods §1.6).
 *
 * Rules (ASSUMPTION, documented here as methods §1.6 asks):
 * - A repeat of contact c is a later contact of the same customer created within (0, N days] after
 *   c (strictly later: two contacts with the same timestamp are not repeats of each other).
 * - "Same issue" = same customer and same `issueId` (ticket thread). Contacts with `issueId = null`
 *   (unlinked) form one pseudo-issue per customer: a null-issue contact is a same-issue repeat of the
 *   customer's earlier null-issue contacts, and it starts a new issue (is `firstOfIssue`) unless it
 *   was created within 7 days (inclusive) after the customer's previous null-issue contact.
 * - The N-day window of a contact is complete when createdMs ≤ cutoffMs − N days. Contacts are
 *   expected to be created at or before the cut-off, and to be eligible (inbound, resolvable; no
 *   outbound, spam or information pushes) — filter before calling.
 */
import {
  assertCount,
  gated,
  markProvisional,
  OPERATIONAL_GATE,
  withGate,
  type SmallNOptions,
} from './gating';
import { proportionMetric } from './proportion';
import { noData, type MetricResult } from './types';

/** Milliseconds per day. */
export const DAY_MS = 86_400_000;

/** One contact (ticket, chat, call) as needed for repeat/FCR logic. */
export interface ContactEvent {
  contactId: string;
  issueId: string | null;
  customerId: string;
  createdMs: number;
}

/** Repeat flags of one contact (see the module rules). */
export interface RepeatAnnotation {
  contactId: string;
  /** The earliest contact of its issue. */
  firstOfIssue: boolean;
  /** A later same-issue contact follows within 7 days. */
  sameIssueRepeat7d: boolean;
  /** A later same-issue contact follows within 30 days. */
  sameIssueRepeat30d: boolean;
  /** A later contact of the same customer (any issue) follows within 7 days. */
  anyRepeat7d: boolean;
  /** A later contact of the same customer (any issue) follows within 30 days. */
  anyRepeat30d: boolean;
  /** createdMs ≤ cutoffMs − 7 days. */
  window7Complete: boolean;
  /** createdMs ≤ cutoffMs − 30 days. */
  window30Complete: boolean;
}

/**
 * Contact indices grouped by customer (bucketed in first-seen order, O(n)) and sorted by time
 * within each customer (ties: contactId, then input position). Returns the order and the bucket
 * boundaries.
 */
function groupByCustomer(contacts: readonly ContactEvent[]): { order: Uint32Array; bounds: number[] } {
  const bucketOf = new Map<string, number>();
  const bucket = new Uint32Array(contacts.length);
  const sizes: number[] = [];
  contacts.forEach((c, i) => {
    let b = bucketOf.get(c.customerId);
    if (b === undefined) {
      b = sizes.length;
      bucketOf.set(c.customerId, b);
      sizes.push(0);
    }
    bucket[i] = b;
    sizes[b] = (sizes[b] ?? 0) + 1;
  });
  const bounds = [0];
  for (const size of sizes) bounds.push((bounds[bounds.length - 1] ?? 0) + size);
  const next = bounds.slice(0, -1);
  const order = new Uint32Array(contacts.length);
  for (let i = 0; i < contacts.length; i++) {
    const b = bucket[i] ?? 0;
    const pos = next[b] ?? 0;
    order[pos] = i;
    next[b] = pos + 1;
  }
  const byTime = (ia: number, ib: number): number => {
    const a = contacts[ia];
    const b = contacts[ib];
    if (a === undefined || b === undefined) return 0;
    if (a.createdMs !== b.createdMs) return a.createdMs - b.createdMs;
    if (a.contactId !== b.contactId) return a.contactId < b.contactId ? -1 : 1;
    return ia - ib;
  };
  for (let b = 0; b < sizes.length; b++) {
    const from = bounds[b] ?? 0;
    const to = bounds[b + 1] ?? 0;
    if (to - from > 1) order.subarray(from, to).sort(byTime);
  }
  return { order, bounds };
}

function within(next: number | undefined, t: number, days: number): boolean {
  return next !== undefined && next - t <= days * DAY_MS;
}

/**
 * Annotates every contact with its first-of-issue, repeat and window-completeness flags; the output
 * is in input order. O(n log n): contacts are bucketed by customer and sorted by time within each
 * customer, then one forward pass (first of issue) and one backward pass (next later contact overall
 * and per issue) runs per customer.
 */
export function annotateRepeats(contacts: readonly ContactEvent[], cutoffMs: number): RepeatAnnotation[] {
  for (const c of contacts) {
    if (!Number.isFinite(c.createdMs)) throw new RangeError(`createdMs must be finite: ${c.contactId}`);
  }
  const out: RepeatAnnotation[] = contacts.map((c) => ({
    contactId: c.contactId,
    firstOfIssue: false,
    sameIssueRepeat7d: false,
    sameIssueRepeat30d: false,
    anyRepeat7d: false,
    anyRepeat30d: false,
    window7Complete: c.createdMs <= cutoffMs - 7 * DAY_MS,
    window30Complete: c.createdMs <= cutoffMs - 30 * DAY_MS,
  }));
  const { order, bounds } = groupByCustomer(contacts);
  for (let b = 0; b + 1 < bounds.length; b++) {
    annotateCustomer(contacts, order, bounds[b] ?? 0, bounds[b + 1] ?? 0, out);
  }
  return out;
}

function annotateCustomer(
  contacts: readonly ContactEvent[],
  order: Uint32Array,
  start: number,
  end: number,
  out: RepeatAnnotation[],
): void {
  // Forward: first contact of each issue.
  const seen = new Set<string>();
  let lastNullMs: number | undefined;
  for (let j = start; j < end; j++) {
    const i = order[j] ?? 0;
    const c = contacts[i];
    const a = out[i];
    if (c === undefined || a === undefined) continue;
    if (c.issueId !== null) {
      a.firstOfIssue = !seen.has(c.issueId);
      seen.add(c.issueId);
    } else {
      a.firstOfIssue = lastNullMs === undefined || c.createdMs - lastNullMs > 7 * DAY_MS;
      lastNullMs = c.createdMs;
    }
  }
  // Backward, one block of equal timestamps at a time: next strictly later contact overall / per issue.
  const nextByIssue = new Map<string, number>();
  let nextNullMs: number | undefined;
  let nextAnyMs: number | undefined;
  let j = end - 1;
  while (j >= start) {
    const t = contacts[order[j] ?? 0]?.createdMs ?? 0;
    let k = j;
    while (k >= start && contacts[order[k] ?? 0]?.createdMs === t) k--;
    for (let m = j; m > k; m--) {
      const i = order[m] ?? 0;
      const c = contacts[i];
      const a = out[i];
      if (c === undefined || a === undefined) continue;
      const nextSame = c.issueId === null ? nextNullMs : nextByIssue.get(c.issueId);
      a.anyRepeat7d = within(nextAnyMs, t, 7);
      a.anyRepeat30d = within(nextAnyMs, t, 30);
      a.sameIssueRepeat7d = within(nextSame, t, 7);
      a.sameIssueRepeat30d = within(nextSame, t, 30);
    }
    for (let m = j; m > k; m--) {
      const c = contacts[order[m] ?? 0];
      if (c === undefined) continue;
      if (c.issueId === null) nextNullMs = t;
      else nextByIssue.set(c.issueId, t);
    }
    nextAnyMs = t;
    j = k;
  }
}

/** A provisional result with no value yet: every contact's look-ahead window is still open. */
function pendingResult(): MetricResult {
  return { value: null, low: null, high: null, n: 0, status: 'provisional', reason: 'WINDOW_INCOMPLETE' };
}

/**
 * Operational FCR-7d % = 100 × first contacts of their issue with no same-issue repeat within 7 days
 * / first contacts with a complete 7-day window, with a Wilson interval. First contacts whose window
 * is incomplete are left out of both counts and make the result `provisional` (`WINDOW_INCOMPLETE`);
 * if none is complete the value is null (still provisional). No first contacts → no-data
 * `NO_ELIGIBLE_CONTACTS`. Operational small-n rules (n < 30 badged).
 */
export function fcr7d(annotated: readonly RepeatAnnotation[], opts: SmallNOptions = {}): MetricResult {
  let k = 0;
  let n = 0;
  let pending = 0;
  for (const a of annotated) {
    if (!a.firstOfIssue) continue;
    if (!a.window7Complete) pending++;
    else {
      n++;
      if (!a.sameIssueRepeat7d) k++;
    }
  }
  return windowedProportion(k, n, pending, opts);
}

function windowedProportion(k: number, n: number, pending: number, opts: SmallNOptions): MetricResult {
  if (n === 0 && pending === 0) return noData('NO_ELIGIBLE_CONTACTS');
  if (n === 0) return pendingResult();
  const result = proportionMetric(k, n, {
    ...withGate(OPERATIONAL_GATE, opts),
    emptyReason: 'NO_ELIGIBLE_CONTACTS',
  });
  return pending > 0 ? markProvisional(result) : result;
}

/** Options of {@link repeatRate}. */
export interface RepeatRateOptions extends SmallNOptions {
  /** Count only same-issue repeats (variant of §1.6). Default false: any issue. */
  sameIssue?: boolean;
}

/**
 * Repeat-contact rate RCR_N % = 100 × contacts followed by ≥ 1 further contact of the same customer
 * (any issue; or same issue with `sameIssue`) within N days / contacts with a complete N-day window,
 * N ∈ {7, 30}, with a Wilson interval. Incomplete windows → `provisional` as in {@link fcr7d};
 * no contacts → no-data `NO_ELIGIBLE_CONTACTS`; n < 30 badged.
 */
export function repeatRate(
  annotated: readonly RepeatAnnotation[],
  days: 7 | 30,
  opts: RepeatRateOptions = {},
): MetricResult {
  let k = 0;
  let n = 0;
  let pending = 0;
  for (const a of annotated) {
    const complete = days === 7 ? a.window7Complete : a.window30Complete;
    if (!complete) {
      pending++;
      continue;
    }
    n++;
    const repeat = opts.sameIssue
      ? days === 7
        ? a.sameIssueRepeat7d
        : a.sameIssueRepeat30d
      : days === 7
        ? a.anyRepeat7d
        : a.anyRepeat30d;
    if (repeat) k++;
  }
  return windowedProportion(k, n, pending, opts);
}

/**
 * Contacts per resolution = total contacts / distinct resolved issues (no interval: a ratio of
 * ledger counts). resolvedIssues = 0 → no-data `NO_ELIGIBLE_CONTACTS`; resolvedIssues < 30 badged.
 */
export function contactsPerResolution(
  c: { contacts: number; resolvedIssues: number },
  opts: SmallNOptions = {},
): MetricResult {
  assertCount(c.contacts, 'contacts');
  assertCount(c.resolvedIssues, 'resolvedIssues');
  if (c.resolvedIssues === 0) return noData('NO_ELIGIBLE_CONTACTS');
  return gated(c.resolvedIssues, c.contacts / c.resolvedIssues, null, null, withGate(OPERATIONAL_GATE, opts));
}
