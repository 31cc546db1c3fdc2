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

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/** Full-width digits, letters and punctuation (common in Chinese files) read as their ASCII forms. */
function normalise(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFKC').replace(/[\u200b-\u200d\ufeff]/g, '') : s;
}

/**
 * Parses a month cell: `2024-03`, `2024/3`, `2024.3`, `2024-03-01` (also with a time, as Excel exports
 * dates), `202403`, `2024M03`, `Mar 2024`, `March 2024`, `Mar-2024`, `2024 Mar`, `2024年3月`(`份`),
 * `2024年3月1日`, full-width digits, or an Excel date serial (a number between 20000 and 80000). Orders
 * that cannot be told apart — `03/2024`, `3/1/2024`, `Mar-24` — are a {@link CellError} with the reason,
 * never a guess.
 */
export function parseMonth(raw: string): Month {
  const fast: string = raw;
  if (isMonth(fast)) return fast;
  const s = normalise(raw).trim();
  if (isMonth(s)) return s;
  let m =
    /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?$/.exec(
      s,
    );
  if (m) {
    if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 31))
      throw new CellError(`"${raw}" is not a valid date`);
    return ym(Number(m[1]), Number(m[2]), raw);
  }
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份|\s*\d{1,2}\s*日)?$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]), raw);
  m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(s) ?? /^(\d{4})\s*[Mm](\d{1,2})$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]), raw);
  m = /^([A-Za-z]{3,9})\.?[\s,-]+(\d{4})$/.exec(s) ?? /^(\d{4})[\s-]+([A-Za-z]{3,9})\.?$/.exec(s);
  if (m) {
    const [name, year] = /^\d/.test(m[1] ?? '') ? [m[2], m[1]] : [m[1], m[2]];
    const mo = MONTH_NAMES[(name ?? '').toLowerCase()];
    if (mo === undefined) throw new CellError(`"${raw}" is not a month name`);
    return ym(Number(year), mo, raw);
  }
  if (/^[A-Za-z]{3,9}\.?[\s-]+\d{2}$/.test(s)) {
    throw new CellError(
      `"${raw}" is ambiguous: a two-digit number after a month name may be a year or a day; write e.g. Mar 2024 or 2024-03`,
    );
  }
  if (/^\d{1,2}[-/.]\d{4}$/.test(s) || /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(s)) {
    throw new CellError(
      `"${raw}" is ambiguous: the order of day, month and year cannot be told apart; write the month as YYYY-MM (e.g. 2024-03)`,
    );
  }
  if (/^\d{5}(?:\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
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
  /**
   * True when the uploader declared the decimal separator (upload option `decimal`). Without a
   * declaration, money in the one shape the two conventions read 1,000 times apart (`1.234`) is refused.
   */
  declared?: boolean;
}

/** Currency markers an amount may carry, and the ISO codes each is compatible with. */
const SYMBOL_CURRENCIES: Record<string, readonly string[]> = {
  '€': ['EUR'],
  '£': ['GBP'],
  '₩': ['KRW'],
  '₹': ['INR'],
  元: ['CNY'],
  円: ['JPY'],
  RMB: ['CNY'],
  US$: ['USD'],
  HK$: ['HKD'],
  C$: ['CAD'],
  A$: ['AUD'],
  S$: ['SGD'],
  NZ$: ['NZD'],
  R$: ['BRL'],
  '¥': ['JPY', 'CNY'],
  $: ['USD', 'CAD', 'AUD', 'HKD', 'SGD', 'NZD', 'MXN', 'TWD', 'ARS', 'CLP', 'COP'],
};
const PREFIX = /^(?:US\$|HK\$|NZ\$|C\$|A\$|S\$|R\$|[$€¥£₩₹]|[A-Za-z]{3}(?![A-Za-z]))\s*/;
const SUFFIX = /\s*(?:[$€¥£₩₹元円]|(?<![A-Za-z])[A-Za-z]{3})$/;
/** Codes also accepted in lower case; any other code must be written in capitals (`CHF`). */
const LOWER_CASE_CODES = new Set(['usd', 'eur', 'cny', 'rmb', 'gbp', 'jpy', 'hkd']);

/** An amount and the currencies its marker (`€`, `¥`, `USD` …) is compatible with, or null without one. */
export interface Money {
  amount: number;
  currencies: readonly string[] | null;
}

function stripMarker(s: string, re: RegExp): { rest: string; marker: string | null } {
  const m = re.exec(s);
  if (!m) return { rest: s, marker: null };
  const marker = m[0].trim();
  if (
    /^[A-Za-z]{3}$/.test(marker) &&
    !/^[A-Z]{3}$/.test(marker) &&
    !LOWER_CASE_CODES.has(marker.toLowerCase())
  )
    return { rest: s, marker: null };
  return { rest: m.index === 0 ? s.slice(m[0].length) : s.slice(0, m.index), marker: marker.toUpperCase() };
}

function currenciesOf(markers: readonly string[], raw: string): readonly string[] | null {
  let out: readonly string[] | null = null;
  for (const k of markers) {
    const allowed = SYMBOL_CURRENCIES[k] ?? [k];
    out = out === null ? allowed : out.filter((c) => allowed.includes(c));
    if (out.length === 0)
      throw new CellError(`"${raw}" carries two currency markers that disagree (${markers.join(', ')})`);
  }
  return out;
}

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

function readAmount(raw: string, fmt: NumberFormat): Money & { core: string } {
  if (fmt.decimal === '.' && PLAIN_NUMBER.test(raw)) {
    const v = Number(raw);
    if (Number.isFinite(v)) return { amount: v === 0 ? 0 : v, currencies: null, core: raw };
  }
  let s = normalise(raw)
    .trim()
    .replace(/[\u00a0\u2007\u202f]/g, ' ');
  if (s === '') throw new CellError('empty amount');
  let negations = 0;
  const markers: string[] = [];
  const take = (re: RegExp) => {
    const r = stripMarker(s, re);
    if (r.marker !== null) {
      markers.push(r.marker);
      s = r.rest.trim();
    }
  };
  const sign = () => {
    const m = /^[-−]\s*|^\+\s*|\s*[-−]$/.exec(s);
    if (!m) return;
    if (m[0].trim() !== '+') negations++;
    s = (m.index === 0 ? s.slice(m[0].length) : s.slice(0, m.index)).trim();
  };
  take(PREFIX);
  sign();
  if (/^\(.*\)$/.test(s)) {
    negations++;
    s = s.slice(1, -1).trim();
  }
  take(PREFIX);
  sign();
  take(SUFFIX);
  sign();
  take(SUFFIX);
  if (negations > 1) throw new CellError(`"${raw}" has more than one minus sign`);
  const currencies = currenciesOf(markers, raw);
  const dec = fmt.decimal;
  const ok =
    dec === '.'
      ? /^(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:'\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.\d+)?$/.test(s)
      : /^(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,\d+)?$/.test(s);
  if (!ok) {
    throw new CellError(
      dec === '.'
        ? `"${raw}" is not an amount (expected e.g. 1234.50, 1,234.50 or (12)); if the file uses a decimal comma (1.234,50), declare it when uploading`
        : `"${raw}" is not an amount with a decimal comma (expected e.g. 1.234,50 or 1234,5)`,
    );
  }
  const normalised = dec === '.' ? s.replace(/[,' ]/g, '') : s.replace(/[. ]/g, '').replace(',', '.');
  const v = Number(normalised);
  if (!Number.isFinite(v)) throw new CellError(`"${raw}" is not a finite number`);
  return { amount: negations === 1 && v !== 0 ? -v : v, currencies, core: s };
}

/**
 * Parses an amount: optional currency symbol or code (`$ € ¥ £ USD EUR CNY 元` …, before or after),
 * thousands separators, negatives as `-12`, `(12)` or `12-`. With a `.` decimal, `,` (or `'`, or a
 * space) may only group thousands (`1,234.50`); with a declared `,` decimal, `.` or a space groups
 * thousands (`1.234,50`). Ambiguous groupings are errors. Full-width digits are read as digits.
 */
export function parseAmount(raw: string, fmt: NumberFormat = { decimal: '.' }): number {
  return readAmount(raw, fmt).amount;
}

/**
 * Parses a money amount like {@link parseAmount} and reports the currencies its marker allows (`€` →
 * EUR, `¥` → JPY or CNY, `USD` → USD). When the decimal separator was not declared, `1.234` (one to
 * three digits, a point, exactly three digits) is refused: read with a decimal point it is 1.234, with
 * a thousands point 1234, and money almost never has three decimals — the uploader must say which.
 */
export function parseMoney(raw: string, fmt: NumberFormat = { decimal: '.' }): Money {
  const guard = fmt.declared !== true && fmt.decimal === '.';
  if (fmt.decimal === '.' && PLAIN_NUMBER.test(raw)) {
    if (guard && AMBIGUOUS_POINT.test(raw)) throw ambiguousPoint(raw, raw.replace(/^-/, ''));
    const v = Number(raw);
    if (Math.abs(v) <= MAX_MONEY) return { amount: v === 0 ? 0 : v, currencies: null };
  }
  const r = readAmount(raw, fmt);
  if (guard && AMBIGUOUS_POINT.test(r.core)) throw ambiguousPoint(raw, r.core);
  if (Math.abs(r.amount) > MAX_MONEY) throw new CellError(`"${raw}" is too large to keep to the cent`);
  return { amount: r.amount, currencies: r.currencies };
}

/** Largest amount whose cents are exact in a double (2^53 minor units). */
const MAX_MONEY = Number.MAX_SAFE_INTEGER / 100;

const AMBIGUOUS_POINT = /^-?\d{1,3}\.\d{3}$/;

function ambiguousPoint(raw: string, core: string): CellError {
  const whole = core.replace('.', '');
  return new CellError(
    `"${raw}" is ambiguous: with a decimal point it is ${core}, with a thousands point ${whole}; declare the decimal separator when uploading, or write ${whole}.00 or ${Number(core).toFixed(2)}`,
  );
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
