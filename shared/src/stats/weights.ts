/** Survey-weight helpers. */

/**
 * Kish effective sample size n_eff = (Σw)² / Σw² (methods §1.0); equals n for equal weights.
 * 0 for an empty array or when every weight is 0. Weights must be finite and ≥ 0.
 */
export function kishEffectiveN(weights: readonly number[]): number {
  let sum = 0;
  let sumSq = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`weight must be finite and ≥ 0: ${w}`);
    sum += w;
    sumSq += w * w;
  }
  return sumSq === 0 ? 0 : (sum * sum) / sumSq;
}
