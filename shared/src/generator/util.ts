/** Small helpers shared by the generator modules. */

/** `xs[i]`, throwing instead of returning `undefined` when the index is out of range. */
export function at<T>(xs: readonly T[], i: number): T {
  const v = xs[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range (length ${xs.length})`);
  return v;
}

/** Standard logistic function 1 / (1 + e^−x). */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
