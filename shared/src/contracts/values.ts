import { isMonth, monthFromIndex, type Month } from '../month';

/** A cell that could not be read: the reason is shown to the user with row, column and value. */
export class CellError extends Error {}

const MONTH_NAMES: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function ym(y: number, m: number, raw: string): Month {
  if (!Number.isInteger(y) || y < 1900 || y > 2200 || !Number.isInteger(m) || m < 1 || m > 12) {
    throw new CellError(`"${raw}" is not a valid month`);
  }
  return monthFromIndex(y * 12 + m - 1);
}

/**
 * Parses a month cell: `2024-03`, `2024/3`, `2024-03-01`, `Mar 2024`, `March 2024`, `2024年3月`, or an
 * Excel date serial (a whole number between 20000 and 80000). Anything else is a {@link CellError}.
 */
export function parseMonth(raw: string): Month {
  const s = raw.trim();
  if (isMonth(s)) return s;
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]), raw);
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]), raw);
  m = /^([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/.exec(s);
  if (m) {
    const mo = MONTH_NAMES[(m[1] ?? '').toLowerCase()];
    if (mo === undefined) throw new CellError(`"${raw}" is not a month name`);
    return ym(Number(m[2]), mo, raw);
  }
  if (/^\d{5}$/.test(s)) {
    const serial = Number(s);
    if (serial >= 20000 && serial <= 80000) {
      const d = new Date(EXCEL_EPOCH_MS + serial * 86_400_000);
      return ym(d.getUTCFullYear(), d.getUTCMonth() + 1, raw);
    }
  }
  throw new CellError(`"${raw}" is not a month; use YYYY-MM (e.g. 2024-03)`);
}

/**
 * Parses a timestamp. ISO 8601 with an offset or `Z` is exact; a timestamp without an offset is read in
 * the reporting time zone, which is UTC. Returns epoch milliseconds.
 */
export function parseTimestamp(raw: string): number {
  const s = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
    s,
  );
  if (!m) throw new CellError(`"${raw}" is not a timestamp; use ISO 8601, e.g. 2024-03-05T14:20:00Z`);
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${normaliseOffset(m[8])}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new CellError(`"${raw}" is not a valid date-time`);
  return ms;
}

function normaliseOffset(off: string | undefined): string {
  if (!off || off === 'Z') return 'Z';
  return off.includes(':') ? off : `${off.slice(0, 3)}:${off.slice(3)}`;
}

export interface NumberFormat {
  /** `.` (default) or `,` when the file declares a decimal comma. */
  decimal: '.' | ',';
}

/**
 * Parses an amount: optional currency symbol or code (`$ € ¥ £ USD EUR CNY`), thousands separators,
 * negatives as `-12` or `(12)`. With a `.` decimal, `,` may only group thousands (`1,234.50`); with a
 * declared `,` decimal, `.` or space groups thousands (`1.234,50`). Ambiguous groupings are errors.
 */
export function parseAmount(raw: string, fmt: NumberFormat = { decimal: '.' }): number {
  let s = raw.trim();
  if (s === '') throw new CellError('empty amount');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/^[-−]\s*/, () => {
    negative = !negative;
    return '';
  });
  s = s
    .replace(/^(?:[$€¥£￥]|USD|EUR|CNY|RMB|GBP|JPY)\s*/i, '')
    .replace(/\s*(?:[$€¥£￥]|USD|EUR|CNY|RMB|GBP|JPY)$/i, '');
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1);
  }
  const group = fmt.decimal === '.' ? ',' : '.';
  const dec = fmt.decimal;
  const re =
    group === ',' ? /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/ : /^(?:\d{1,3}(?:[. ]\d{3})+|\d+)(?:,\d+)?$/;
  if (!re.test(s)) {
    throw new CellError(
      dec === '.'
        ? `"${raw}" is not an amount (expected e.g. 1234.50, 1,234.50 or (12); for a decimal comma declare it)`
        : `"${raw}" is not an amount with a decimal comma (expected e.g. 1.234,50)`,
    );
  }
  const normalised = group === ',' ? s.replaceAll(',', '') : s.replace(/[. ]/g, '').replace(',', '.');
  const v = Number(normalised);
  if (!Number.isFinite(v)) throw new CellError(`"${raw}" is not a finite number`);
  return negative ? -v : v;
}

/** Converts a decimal amount to integer minor units (cents), rounding half away from zero. */
export function toMinor(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) * 100);
}

/** Reporting-currency minor units of `amountMinor` at `rate` (reporting units per unit). */
export function convertMinor(amountMinor: number, rate: number): number {
  return Math.round(amountMinor * rate);
}

/** Parses a whole number within [min, max]; non-integers and out-of-range values are errors. */
export function parseIntIn(raw: string, min: number, max: number): number {
  const s = raw.trim();
  if (!/^-?\d+(?:\.0+)?$/.test(s))
    throw new CellError(`"${raw}" is not a whole number between ${min} and ${max}`);
  const v = Number(s);
  if (v < min || v > max) throw new CellError(`${v} is outside the scale ${min}–${max}`);
  return v;
}

/** Parses a non-negative number of seconds. */
export function parseSeconds(raw: string): number {
  const v = Number(raw.trim());
  if (!Number.isFinite(v) || v < 0) throw new CellError(`"${raw}" is not a non-negative number of seconds`);
  return v;
}

const YES = new Set(['yes', 'y', 'true', '1', '是']);
const NO = new Set(['no', 'n', 'false', '0', '否']);

/** Parses yes/no (also true/false, 1/0, 是/否). */
export function parseYesNo(raw: string): boolean {
  const s = raw.trim().toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  throw new CellError(`"${raw}" is not yes or no`);
}

/** Parses one of the allowed (case-insensitive) values. */
export function parseEnum<T extends string>(raw: string, allowed: readonly T[]): T {
  const s = raw.trim().toLowerCase();
  const hit = allowed.find((a) => a.toLowerCase() === s);
  if (hit === undefined) throw new CellError(`"${raw}" is not one of ${allowed.join(', ')}`);
  return hit;
}

/** Parses a positive finite number (rates). */
export function parsePositive(raw: string, fmt?: NumberFormat): number {
  const v = parseAmount(raw, fmt);
  if (!(v > 0)) throw new CellError(`"${raw}" must be greater than 0`);
  return v;
}

/** An identifier: trimmed, non-empty, at most 128 printable characters. */
export function parseId(raw: string): string {
  const s = raw.trim();
  if (s === '') throw new CellError('empty identifier');
  if (s.length > 128) throw new CellError('identifier longer than 128 characters');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(s)) throw new CellError('identifier contains control characters');
  return s;
}
