/** Typed fixture factories for the metric tests. */
import { DAY_MS, type ContactEvent } from '../../../shared/src/metrics';
import type { FrtObservation } from '../../../shared/src/metrics';

/** Scores from a histogram: `fromCounts({ 5: 2, 1: 1 })` → [5, 5, 1] (ascending key order). */
export function fromCounts(counts: Readonly<Record<number, number>>): number[] {
  return Object.entries(counts).flatMap(([score, k]) => Array.from({ length: k }, () => Number(score)));
}

/** LTR answers for given category counts (10 = promoter, 8 = passive, 3 = detractor). */
export function ltrs(promoters: number, passives: number, detractors: number): number[] {
  return fromCounts({ 10: promoters, 8: passives, 3: detractors });
}

/** Answered FRT observations. */
export function answered(...seconds: number[]): FrtObservation[] {
  return seconds.map((s) => ({ seconds: s, answered: true }));
}

/** Censored (unanswered at cut-off) FRT observations. */
export function censored(...seconds: number[]): FrtObservation[] {
  return seconds.map((s) => ({ seconds: s, answered: false }));
}

/** A contact created `day` days (fractions allowed) after the epoch. */
export function contact(
  contactId: string,
  customerId: string,
  issueId: string | null,
  day: number,
): ContactEvent {
  return { contactId, customerId, issueId, createdMs: Math.round(day * DAY_MS) };
}

/** `n` copies of `value`. */
export function repeat<T>(value: T, n: number): T[] {
  return Array.from({ length: n }, () => value);
}
