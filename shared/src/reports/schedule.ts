/**
 * Next-run computation of report cadences (weekly / monthly / quarterly at a local wall-clock time in an
 * IANA time zone), with plain `Intl` so it runs the same in Lambda, the local host and the browser.
 *
 * Rules:
 * - week: ISO weekday `day` (1 = Monday … 7 = Sunday); month: day of month; quarter: day of the first
 *   month of each quarter (January, April, July, October).
 * - A day past the month's end falls on the last day (31 → 30 April, 28/29 February).
 * - DST gap (the wall time does not exist, e.g. 02:30 on a spring-forward night): the run is moved
 *   forward by the length of the gap (02:30 → 03:30), as Temporal's "compatible" disambiguation does.
 * - DST overlap (the wall time happens twice on a fall-back night): the earlier occurrence is used, so
 *   the report goes out once.
 */
import type { Cadence } from '../contracts/reports';

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local calendar fields of instant `ms` in `timeZone`. */
export function localFields(
  ms: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (t: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

/** UTC offset of `timeZone` at instant `ms`, in milliseconds (local − UTC), whole minutes. */
export function offsetAt(ms: number, timeZone: string): number {
  const f = localFields(ms, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  const floored = Math.floor(ms / 1000) * 1000;
  return Math.round((asUtc - floored) / MINUTE) * MINUTE;
}

/**
 * The instant of a local wall-clock time. Gap → shifted forward by the gap; overlap → the earlier
 * instant (see the module rules).
 */
export function zonedTimeToUtc(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const valid = [...new Set([before, after])]
    .map((o) => wall - o)
    .filter((u) => offsetAt(u, timeZone) === wall - u)
    .sort((a, b) => a - b);
  if (valid[0] !== undefined) return valid[0];
  // The wall time falls into a gap: read it with the offset in force before the transition.
  return wall - before;
}

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseTime(time: string): { hour: number; minute: number } {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`time must be HH:MM: ${time}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Candidate local dates of a cadence, starting at the local month/day of `fromMs`, in order. */
function* candidateDates(
  c: Cadence,
  fromMs: number,
): Generator<{ year: number; month: number; day: number }> {
  const f = localFields(fromMs, c.timeZone);
  if (c.every === 'week') {
    // Start a day early: the previous local date can still lie ahead of `fromMs` near the date line.
    for (let i = -1; i < 16; i++) {
      const d = new Date(Date.UTC(f.year, f.month - 1, f.day + i));
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth() + 1;
      const day = d.getUTCDate();
      if (isoWeekday(y, m, day) === c.day) yield { year: y, month: m, day };
    }
    return;
  }
  const step = c.every === 'month' ? 1 : 3;
  let y = f.year;
  let m = f.month - 1; // previous month first, for the same reason as above
  if (m === 0) {
    y -= 1;
    m = 12;
  }
  for (let i = 0; i < 30; i++) {
    if (step === 1 || (m - 1) % 3 === 0) yield { year: y, month: m, day: Math.min(c.day, daysInMonth(y, m)) };
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}

/**
 * The first scheduled instant strictly after `afterMs` (epoch ms) for cadence `c`. Always defined:
 * every cadence has a run within the next 4 months.
 */
export function nextRun(c: Cadence, afterMs: number): Date {
  const { hour, minute } = parseTime(c.time);
  for (const d of candidateDates(c, afterMs)) {
    const at = zonedTimeToUtc({ ...d, hour, minute }, c.timeZone);
    if (at > afterMs) return new Date(at);
  }
  throw new Error('no next run found'); // unreachable for valid cadences
}

/** The next `count` runs after `afterMs`. */
export function upcomingRuns(c: Cadence, afterMs: number, count: number): Date[] {
  const out: Date[] = [];
  let t = afterMs;
  for (let i = 0; i < count; i++) {
    const d = nextRun(c, t);
    out.push(d);
    t = d.getTime();
  }
  return out;
}

/**
 * The reporting period a run covers: the last complete month (monthly), quarter (quarterly) or, for
 * weekly reports, the latest month with data (metrics are monthly). Returned as `YYYY-MM` bounds.
 */
export function periodMonths(every: Cadence['every'], lastMonth: string): { from: string; to: string } {
  const [y, m] = lastMonth.split('-').map(Number) as [number, number];
  if (every !== 'quarter') return { from: lastMonth, to: lastMonth };
  const qStart = m - ((m - 1) % 3);
  return { from: `${y}-${String(qStart).padStart(2, '0')}`, to: lastMonth };
}
