/** False-discovery-rate control across many segment comparisons (methods §1.0). */

/** Discoveries and BH-adjusted p-values, both in input order. */
export interface BhResult {
  discoveries: boolean[];
  adjusted: number[];
}

/**
 * Benjamini–Hochberg step-up at FDR q (default 0.10): with p₍₁₎ ≤ … ≤ p₍ₘ₎, reject the hypotheses
 * of p₍₁₎ … p₍ₖ₎ for the largest k with p₍ₖ₎ ≤ k·q/m. Adjusted pᵢ = min_{j ≥ rank i} min(1, m·p₍ⱼ₎/j).
 * A hypothesis is a discovery when its adjusted p ≤ q, which is the step-up rule stated through the
 * adjusted values (one comparison, so the two outputs never disagree by rounding). Empty input →
 * empty arrays. Throws for p outside [0, 1].
 */
export function benjaminiHochberg(pValues: readonly number[], q = 0.1): BhResult {
  if (!(q > 0 && q <= 1)) throw new RangeError(`q must be in (0, 1]: ${q}`);
  const m = pValues.length;
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value must be in [0, 1]: ${p}`);
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] ?? 0) - (pValues[b] ?? 0) || a - b);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let r = m; r >= 1; r--) {
    const i = order[r - 1] ?? 0;
    const p = pValues[i] ?? 1;
    running = Math.min(running, (m * p) / r);
    // m/r ≥ 1, so adjusted ≥ p; the max only undoes rounding in m·p/r.
    adjusted[i] = Math.max(p, running);
  }
  return { discoveries: adjusted.map((a) => a <= q), adjusted };
}
