/** Rating-scale integrity (methods §1.0: reject out-of-range or non-integer scale values). */

/** True when `value` is an integer in [min, max] (e.g. CSAT 1–5, CES 1–7, LTR 0–10). */
export function isValidScale(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Splits `values` into valid scale values and rejects (for the data-quality table). */
export function partitionByScale(
  values: readonly number[],
  min: number,
  max: number,
): { valid: number[]; rejected: number[] } {
  const valid: number[] = [];
  const rejected: number[] = [];
  for (const v of values) (isValidScale(v, min, max) ? valid : rejected).push(v);
  return { valid, rejected };
}

/** Throws a RangeError naming the first value that is not an integer in [min, max]. */
export function assertScaleValues(values: readonly number[], min: number, max: number, label: string): void {
  for (const v of values) {
    if (!isValidScale(v, min, max)) {
      throw new RangeError(`${label} must be an integer in ${min}–${max}: ${v}`);
    }
  }
}

/** Count of `values` inside [lo, hi] (inclusive). */
export function countBetween(values: readonly number[], lo: number, hi: number): number {
  let k = 0;
  for (const v of values) if (v >= lo && v <= hi) k++;
  return k;
}
