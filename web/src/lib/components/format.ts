import { locale } from '#lib/i18n.ts';

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

/**
 * Money in the reporting `currency` and the UI locale: compact ("$2.5M", "US$250万") from 10,000 up,
 * with up to 3 significant digits so a value rounded to its interval keeps its digits.
 */
export function moneyFormat(currency: string, signed = false): (v: number) => string {
  const sign: Intl.NumberFormatOptions = signed ? { signDisplay: 'exceptZero' } : {};
  return (v: number) =>
    Math.abs(v) >= 10_000
      ? nf({ style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3, ...sign }).format(
          v,
        )
      : nf({ style: 'currency', currency, maximumFractionDigits: 0, ...sign }).format(v);
}

/** A share (0.153) as a percentage with `decimals` decimals in the UI locale. */
export function percentText(fraction: number, decimals = 1): string {
  // 'negative': a value that rounds to zero shows as 0.0 %, not −0.0 %.
  return nf({
    style: 'percent',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'negative',
  }).format(fraction);
}

/** A plain number with at most `decimals` decimals. */
export function numberText(v: number, decimals = 0): string {
  return nf({ minimumFractionDigits: 0, maximumFractionDigits: decimals }).format(v);
}

/** A ratio such as "1.6×". */
export function ratioText(v: number, decimals = 1): string {
  return `${nf({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v)}×`;
}

/** A number with exactly `decimals` decimals (correlations: 0.50, not 0.5). */
export function fixedText(v: number, decimals: number): string {
  return nf({ minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
}
