/**
 * Rounding a figure to what its interval supports: one significant digit of the interval's
 * half-width sets the rounding step (half-width 7.5 → 1, 1.1 → 0.1, 430,000 → 100,000). Without an
 * interval the value is kept (the formatter's own precision applies).
 */
export function roundingStep(low: number | null | undefined, high: number | null | undefined): number | null {
  if (low === null || low === undefined || high === null || high === undefined) return null;
  const half = Math.abs(high - low) / 2;
  if (!(half > 0) || !Number.isFinite(half)) return null;
  return 10 ** Math.floor(Math.log10(half));
}

/** `value` rounded to the step its interval supports (see {@link roundingStep}). */
export function roundToInterval(
  value: number,
  low: number | null | undefined,
  high: number | null | undefined,
): number {
  const step = roundingStep(low, high);
  if (step === null) return value;
  const rounded = Math.round(value / step) * step;
  // Strip binary noise (0.30000000000000004) by going through the step's decimals.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(rounded.toFixed(decimals));
}

/** Money rounded to two significant figures (methods §2.8: "round money to 2 significant figures"). */
export function twoSignificant(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(2));
}
