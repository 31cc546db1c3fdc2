import { describe, expect, it } from 'vitest';
import {
  annotateRepeats,
  contactsPerResolution,
  createPrng,
  DAY_MS,
  fcr7d,
  repeatRate,
  type ContactEvent,
  type RepeatAnnotation,
} from '../../../shared/src/metrics';
import { contact } from './factories';

const scenario: ContactEvent[] = [
  contact('a1', 'A', 'X', 0),
  contact('a2', 'A', 'X', 3),
  contact('a3', 'A', 'Y', 20),
  contact('b1', 'B', null, 0),
  contact('b2', 'B', null, 5),
  contact('b3', 'B', null, 40),
  contact('c1', 'C', 'Z', 1),
  contact('c2', 'C', 'W', 1),
  contact('d1', 'D', 'V', 10),
  contact('d2', 'D', 'U', 35),
];

function byId(list: readonly RepeatAnnotation[]): Map<string, RepeatAnnotation> {
  return new Map(list.map((a) => [a.contactId, a]));
}

describe('annotateRepeats', () => {
  const annotated = byId(annotateRepeats(scenario, 100 * DAY_MS));

  it.each([
    ['a1', { firstOfIssue: true, sameIssueRepeat7d: true, anyRepeat7d: true, anyRepeat30d: true }],
    ['a2', { firstOfIssue: false, sameIssueRepeat7d: false, anyRepeat7d: false, anyRepeat30d: true }],
    ['a3', { firstOfIssue: true, sameIssueRepeat7d: false, anyRepeat7d: false, anyRepeat30d: false }],
    ['b1', { firstOfIssue: true, sameIssueRepeat7d: true, anyRepeat7d: true }],
    ['b2', { firstOfIssue: false, sameIssueRepeat7d: false, sameIssueRepeat30d: false, anyRepeat30d: false }],
    ['b3', { firstOfIssue: true, sameIssueRepeat7d: false }],
    ['c1', { firstOfIssue: true, anyRepeat7d: false }],
    ['c2', { firstOfIssue: true, anyRepeat7d: false }],
    ['d1', { firstOfIssue: true, anyRepeat7d: false, anyRepeat30d: true, sameIssueRepeat30d: false }],
  ] as const)('flags %s', (id, flags) => {
    expect(annotated.get(id)).toMatchObject(flags);
  });

  it('keeps input order', () => {
    const shuffled = [scenario[5], scenario[0], scenario[9], scenario[2]].filter((c) => c !== undefined);
    expect(annotateRepeats(shuffled, 100 * DAY_MS).map((a) => a.contactId)).toEqual(['b3', 'a1', 'd2', 'a3']);
  });

  it.each([
    [7 * DAY_MS, true],
    [7 * DAY_MS + 1, false],
    [1, true],
    [0, false],
  ])('counts a later contact %i ms after as a 7-day repeat → %s', (gap, repeat) => {
    const [first] = annotateRepeats(
      [
        { contactId: 'x', customerId: 'K', issueId: 'I', createdMs: 0 },
        { contactId: 'y', customerId: 'K', issueId: 'I', createdMs: gap },
      ],
      100 * DAY_MS,
    );
    expect(first?.sameIssueRepeat7d).toBe(repeat);
    expect(first?.anyRepeat7d).toBe(repeat);
  });

  it.each([
    [93 * DAY_MS, true, false],
    [93 * DAY_MS + 1, false, false],
    [70 * DAY_MS, true, true],
    [70 * DAY_MS + 1, true, false],
  ])('marks windows complete when createdMs ≤ cutoff − N days (created %i)', (createdMs, w7, w30) => {
    const [a] = annotateRepeats(
      [{ contactId: 'x', customerId: 'K', issueId: null, createdMs }],
      100 * DAY_MS,
    );
    expect(a).toMatchObject({ window7Complete: w7, window30Complete: w30 });
  });

  it('ignores contacts of other customers, even on the same issue id', () => {
    const [a] = annotateRepeats(
      [
        { contactId: 'x', customerId: 'K', issueId: 'I', createdMs: 0 },
        { contactId: 'y', customerId: 'L', issueId: 'I', createdMs: DAY_MS },
      ],
      100 * DAY_MS,
    );
    expect(a).toMatchObject({ sameIssueRepeat7d: false, anyRepeat7d: false });
  });

  it('does not pair a null-issue contact with a linked issue', () => {
    const [a] = annotateRepeats([contact('x', 'K', null, 0), contact('y', 'K', 'I', 1)], 100 * DAY_MS);
    expect(a).toMatchObject({ sameIssueRepeat7d: false, anyRepeat7d: true });
  });

  it('matches a brute-force reference on random data', () => {
    const rng = createPrng(99);
    const list: ContactEvent[] = Array.from({ length: 600 }, (_, i) => ({
      contactId: `c${i}`,
      customerId: `k${Math.floor(rng() * 40)}`,
      issueId: rng() < 0.3 ? null : `i${Math.floor(rng() * 6)}`,
      createdMs: Math.floor(rng() * 90) * (DAY_MS / 2),
    }));
    const cutoff = 50 * DAY_MS;
    expect(annotateRepeats(list, cutoff)).toEqual(list.map((c) => reference(list, c, cutoff)));
  });

  it('annotates a year of 200,000 contacts and finds repeats among them', () => {
    const rng = createPrng(5);
    const list: ContactEvent[] = Array.from({ length: 200_000 }, (_, i) => ({
      contactId: `c${i}`,
      customerId: `k${Math.floor(rng() * 50_000)}`,
      issueId: rng() < 0.2 ? null : `i${Math.floor(rng() * 3)}`,
      createdMs: Math.floor(rng() * 365 * DAY_MS),
    }));
    const out = annotateRepeats(list, 365 * DAY_MS);
    expect(out).toHaveLength(200_000);
    expect(out.some((a) => a.anyRepeat30d)).toBe(true);
  });
});

/** O(n²) transcription of the rules in contacts.ts, for comparison. */
function reference(all: readonly ContactEvent[], c: ContactEvent, cutoffMs: number): RepeatAnnotation {
  const mine = all.filter((o) => o.customerId === c.customerId);
  const sameIssue = mine.filter((o) => o.issueId === c.issueId);
  const later = (o: ContactEvent, days: number): boolean =>
    o.createdMs > c.createdMs && o.createdMs - c.createdMs <= days * DAY_MS;
  const before = (o: ContactEvent): boolean =>
    o.createdMs < c.createdMs || (o.createdMs === c.createdMs && o.contactId < c.contactId);
  const earlierSame = sameIssue.filter(before);
  let firstOfIssue: boolean;
  if (c.issueId !== null) firstOfIssue = earlierSame.length === 0;
  else {
    const prev = Math.max(-Infinity, ...earlierSame.map((o) => o.createdMs));
    firstOfIssue = c.createdMs - prev > 7 * DAY_MS;
  }
  return {
    contactId: c.contactId,
    firstOfIssue,
    sameIssueRepeat7d: sameIssue.some((o) => later(o, 7)),
    sameIssueRepeat30d: sameIssue.some((o) => later(o, 30)),
    anyRepeat7d: mine.some((o) => later(o, 7)),
    anyRepeat30d: mine.some((o) => later(o, 30)),
    window7Complete: c.createdMs <= cutoffMs - 7 * DAY_MS,
    window30Complete: c.createdMs <= cutoffMs - 30 * DAY_MS,
  };
}

describe('fcr7d', () => {
  it('divides first contacts without a same-issue repeat by first contacts with a complete window', () => {
    const r = fcr7d(annotateRepeats(scenario, 100 * DAY_MS));
    // First contacts: a1 (repeat), a3, b1 (repeat), b3, c1, c2, d1, d2 → 6 of 8.
    expect(r).toMatchObject({ value: 75, n: 8, status: 'ok', badge: 'low-precision' });
    expect(r.low ?? 100).toBeLessThan(75);
    expect(r.high ?? 0).toBeGreaterThan(75);
  });

  it('is provisional and excludes contacts whose window is still open', () => {
    const r = fcr7d(annotateRepeats(scenario, 38 * DAY_MS));
    // b3 (day 40) and d2 (day 35) are still inside their 7-day window.
    expect(r.value).toBeCloseTo((4 / 6) * 100, 10);
    expect(r).toMatchObject({ n: 6, status: 'provisional', reason: 'WINDOW_INCOMPLETE' });
  });

  it('has no value yet when every window is open', () => {
    expect(fcr7d(annotateRepeats(scenario, 2 * DAY_MS))).toMatchObject({
      value: null,
      n: 0,
      status: 'provisional',
      reason: 'WINDOW_INCOMPLETE',
    });
  });

  it('returns NO_ELIGIBLE_CONTACTS for no contacts', () => {
    expect(fcr7d([])).toMatchObject({ status: 'no-data', reason: 'NO_ELIGIBLE_CONTACTS' });
  });

  it('keeps a Wilson interval when every issue is resolved first time', () => {
    const list = Array.from({ length: 40 }, (_, i) => contact(`c${i}`, `k${i}`, 'I', 0));
    const r = fcr7d(annotateRepeats(list, 30 * DAY_MS));
    expect(r.value).toBe(100);
    expect(r.low ?? 100).toBeLessThan(100);
    expect(r.badge).toBeUndefined();
  });
});

describe('repeatRate', () => {
  const annotated = annotateRepeats(scenario, 100 * DAY_MS);

  it.each([
    [7, false, 20],
    [30, false, 40],
    [7, true, 20],
    [30, true, 20],
  ] as const)('computes RCR_%i (same issue: %s) = %f %%', (days, sameIssue, value) => {
    expect(repeatRate(annotated, days, { sameIssue }).value).toBeCloseTo(value, 10);
  });

  it('is provisional when the 30-day window is open for some contacts', () => {
    const r = repeatRate(annotateRepeats(scenario, 45 * DAY_MS), 30);
    // Complete 30-day windows (created ≤ day 15): a1, a2, b1, b2, c1, c2, d1.
    expect(r).toMatchObject({ status: 'provisional', reason: 'WINDOW_INCOMPLETE', n: 7 });
  });

  it('returns NO_ELIGIBLE_CONTACTS for no contacts', () => {
    expect(repeatRate([], 7)).toMatchObject({ status: 'no-data', reason: 'NO_ELIGIBLE_CONTACTS' });
  });
});

describe('contactsPerResolution', () => {
  it.each([
    [150, 100, 1.5],
    [120, 100, 1.2],
  ])('divides %i contacts by %i resolved issues → %f', (contacts, resolvedIssues, value) => {
    expect(contactsPerResolution({ contacts, resolvedIssues })).toMatchObject({
      value,
      low: null,
      high: null,
    });
  });

  it('returns NO_ELIGIBLE_CONTACTS without resolved issues and badges small counts', () => {
    expect(contactsPerResolution({ contacts: 5, resolvedIssues: 0 }).reason).toBe('NO_ELIGIBLE_CONTACTS');
    expect(contactsPerResolution({ contacts: 5, resolvedIssues: 4 }).badge).toBe('low-precision');
  });
});
