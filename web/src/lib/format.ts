import type { MetricUnit } from './api-types.ts';
import { locale, t } from './i18n.ts';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale()}|${JSON.stringify(options)}`;
  let nf = numberFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale(), options);
    numberFormats.set(key, nf);
  }
  return nf;
}

/**
 * Decimals an estimate deserves given its 95% interval: one significant digit of the half-width
 * (half-width 7.5 → 0 decimals, 1.1 → 1, 0.08 → 2), capped at `max`. Without an interval → `max`.
 */
export function decimalsFor(low: number | null, high: number | null, max: number): number {
  if (low === null || high === null) return max;
  const half = (high - low) / 2;
  if (!(half > 0) || !Number.isFinite(half)) return max;
  const d = 1 - Math.floor(Math.log10(half));
  return Math.min(max, Math.max(0, d));
}

/** A plain number with exactly `decimals` decimals in the UI locale. */
export function formatNumber(value: number, decimals: number): string {
  return numberFormat({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

interface TimeScale {
  divisor: number;
  suffix: string;
  decimals: number;
}

/**
 * The display unit of a duration: seconds below 90 s, minutes below 90 min, hours beyond; one
 * decimal below 10 minutes or hours, none otherwise.
 */
export function timeScale(seconds: number): TimeScale {
  const abs = Math.abs(seconds);
  const [divisor, suffix] = abs < 90 ? [1, 's'] : abs < 90 * 60 ? [60, 'min'] : [3600, 'h'];
  return { divisor, suffix, decimals: divisor > 1 && abs / divisor < 10 ? 1 : 0 };
}

export interface ValueFormat {
  unit: MetricUnit;
  /** Decimals for points, percent and score. */
  decimals: number;
  /** ISO 4217 reporting currency, for `currency` values. */
  currency: string;
  /** For durations: keep this scale (so an interval uses the value's unit). */
  scale?: TimeScale;
}

/** A metric value with its unit: `24`, `85.3%`, `5.42`, `45 s`, `6.2 h`, `$4.21M`, `1,204`. */
export function formatValue(value: number, f: ValueFormat): string {
  switch (f.unit) {
    case 'percent':
      return `${formatNumber(value, f.decimals)}%`;
    case 'seconds': {
      const scale = f.scale ?? timeScale(value);
      return `${formatNumber(value / scale.divisor, scale.decimals)} ${scale.suffix}`;
    }
    case 'currency':
      return Math.abs(value) >= 10_000
        ? numberFormat({
            style: 'currency',
            currency: f.currency,
            notation: 'compact',
            maximumSignificantDigits: 3,
          }).format(value)
        : numberFormat({ style: 'currency', currency: f.currency, maximumFractionDigits: 0 }).format(value);
    case 'count':
      return Math.abs(value) >= 100_000
        ? numberFormat({ notation: 'compact', maximumSignificantDigits: 3 }).format(value)
        : formatNumber(value, 0);
    case 'points':
    case 'score':
      return formatNumber(value, f.decimals);
  }
}

/** "95% CI 17–32", "95% CI 84.1–86.3%", "95% CI 5.2–6.8 h": both bounds in the value's unit. */
export function formatInterval(value: number, low: number, high: number, f: ValueFormat): string {
  if (f.unit === 'percent') {
    return t('tile.interval', { low: formatNumber(low, f.decimals), high: formatValue(high, f) });
  }
  if (f.unit === 'seconds') {
    const scale = f.scale ?? timeScale(value);
    return t('tile.interval', {
      low: formatNumber(low / scale.divisor, scale.decimals),
      high: formatValue(high, { ...f, scale }),
    });
  }
  return t('tile.interval', { low: formatValue(low, f), high: formatValue(high, f) });
}

export type DeltaKind = 'pts' | 'pp' | 'abs' | 'relative';

export interface Delta {
  /** Signed change, rounded as displayed (0 when unchanged at display precision). */
  change: number;
  text: string;
  direction: 'up' | 'down' | 'flat';
}

/**
 * Change from `previous` to `current`: absolute in points (NPS), percentage points (percent
 * metrics) or score units (CES); relative in % for durations, money and counts. Null when either
 * value is missing, or (relative) when the previous value is 0.
 */
export function delta(
  current: number | null,
  previous: number | null,
  kind: DeltaKind,
  decimals: number,
): Delta | null {
  if (current === null || previous === null) return null;
  let change: number;
  let suffix: string;
  let d = decimals;
  if (kind === 'relative') {
    if (previous === 0) return null;
    change = ((current - previous) / Math.abs(previous)) * 100;
    suffix = '%';
    d = 1;
  } else {
    change = current - previous;
    suffix = kind === 'pts' ? ` ${t('unit.pts')}` : kind === 'pp' ? ` ${t('unit.pp')}` : '';
  }
  const rounded = Number(change.toFixed(d));
  const direction = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
  const text = numberFormat({
    minimumFractionDigits: d,
    maximumFractionDigits: d,
    signDisplay: 'exceptZero',
  }).format(rounded);
  return { change: rounded, text: `${text}${suffix}`, direction };
}

const MONTHS = new Map<string, Intl.DateTimeFormat>();

/** A period label for people: `2024-03` → "Mar 2024", `2024-Q1` → "Q1 2024", `2024` → "2024". */
export function formatPeriod(period: string, style: 'short' | 'long' = 'short'): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const key = `${locale()}|${style}`;
    let df = MONTHS.get(key);
    if (!df) {
      df = new Intl.DateTimeFormat(locale(), { month: style, year: 'numeric', timeZone: 'UTC' });
      MONTHS.set(key, df);
    }
    return df.format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  return period;
}

/** A timestamp as a date and time in the UI locale; the input itself when it does not parse. */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
