/** Calendar months as `YYYY-MM` strings and their arithmetic (UTC, no time zones). */
export type Month = string;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True when `s` is a valid `YYYY-MM` month. */
export function isMonth(s: string): s is Month {
  return MONTH_RE.test(s);
}

/** Month index: years × 12 + (month − 1); the inverse of {@link monthFromIndex}. */
export function monthIndex(m: Month): number {
  const match = MONTH_RE.exec(m);
  if (!match) throw new RangeError(`not a YYYY-MM month: ${m}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/** `YYYY-MM` of a month index. */
export function monthFromIndex(i: number): Month {
  const y = Math.floor(i / 12);
  const mo = i - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}`;
}

/** `m` shifted by `k` months (k may be negative). */
export function addMonths(m: Month, k: number): Month {
  return monthFromIndex(monthIndex(m) + k);
}

/** Whole months from `a` to `b` (b − a). */
export function monthsBetween(a: Month, b: Month): number {
  return monthIndex(b) - monthIndex(a);
}

/** Inclusive list of months from `from` to `to`; empty when from > to. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

/** Month (`YYYY-MM`, UTC) of an epoch-millisecond timestamp. */
export function monthOfEpochMs(ms: number): Month {
  const d = new Date(ms);
  return monthFromIndex(d.getUTCFullYear() * 12 + d.getUTCMonth());
}

/** Epoch ms of the first instant of month `m` (UTC). */
export function monthStartMs(m: Month): number {
  const i = monthIndex(m);
  return Date.UTC(Math.floor(i / 12), i % 12, 1);
}
