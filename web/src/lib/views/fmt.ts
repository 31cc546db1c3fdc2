import { formatNumber } from '#lib/format.ts';
import { locale, t } from '#lib/i18n.ts';

const cache = new Map<string, Intl.NumberFormat>();
function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale()}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(), options);
    cache.set(key, f);
  }
  return f;
}

/** Money in the reporting currency: compact with 3 significant digits from 10,000 up. */
export function money(value: number, currency: string, signed = false): string {
  const sign: Intl.NumberFormatOptions = signed ? { signDisplay: 'exceptZero' } : {};
  return Math.abs(value) >= 10_000
    ? nf({ style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3, ...sign }).format(
        value,
      )
    : nf({ style: 'currency', currency, maximumFractionDigits: 0, ...sign }).format(value);
}

/** A fraction as a percentage: 0.241 → "24%" (decimals 0) or "24.1%". */
export function percent(fraction: number, decimals = 0, signed = false): string {
  return nf({
    style: 'percent',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    ...(signed ? { signDisplay: 'exceptZero' } : {}),
  }).format(fraction);
}

/** A plain number; `signed` shows + for positive values. */
export function num(value: number, decimals = 0, signed = false): string {
  if (!signed) return formatNumber(value, decimals);
  return nf({
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'exceptZero',
  }).format(value);
}

/** A p-value: "< 0.001" or 3 decimals. */
export function pValue(p: number): string {
  return p < 0.001 ? `< ${formatNumber(0.001, 3)}` : formatNumber(p, 3);
}

/** "P10–P90 a to b" with both bounds formatted by `f`. */
export function rangeText(low: number, high: number, f: (v: number) => string): string {
  return t('views.range', { low: f(low), high: f(high) });
}

/** "95% CI a to b". */
export function ciText(low: number, high: number, f: (v: number) => string): string {
  return t('views.ci', { low: f(low), high: f(high) });
}
