/** Customer lifetime value (methods §1.8), Gupta–Lehmann constant-margin, constant-retention form. */

/** Inputs of {@link clvInfinite}; all rates per period (e.g. per year, or per month with i_m). */
export interface ClvInput {
  /** Margin per period m (currency units). */
  margin: number;
  /** Retention probability per period r, in [0, 1]. */
  retention: number;
  /** Discount rate per period i (> −1). */
  discountRate: number;
  /** Acquisition cost AC, subtracted from the value; 0 for existing customers. Default 0. */
  acquisitionCost?: number;
  /** `end` (default): first margin one period after acquisition, if the customer survives; `start`: margin collected at the start of each period. */
  timing?: 'end' | 'start';
}

/** CLV with its multiplier; value and multiplier null with `FORMULA_INVALID` when r ≥ 1 + i. */
export interface ClvResult {
  value: number | null;
  multiplier: number | null;
  reason?: 'FORMULA_INVALID';
}

function validate(retention: number, discountRate: number, margin: number): void {
  if (!(retention >= 0 && retention <= 1)) throw new RangeError(`retention must be in [0, 1]: ${retention}`);
  if (!(discountRate > -1) || !Number.isFinite(discountRate)) {
    throw new RangeError(`discount rate must be finite and > −1: ${discountRate}`);
  }
  if (!Number.isFinite(margin)) throw new RangeError(`margin must be finite: ${margin}`);
}

/**
 * Infinite-horizon CLV = m × r/(1 + i − r) − AC (end timing) or m × (1 + i)/(1 + i − r) − AC
 * (start timing). The series diverges when r ≥ 1 + i: value and multiplier null, reason
 * `FORMULA_INVALID` (use {@link clvFinite}). Example: m = 720, r = 0.85, i = 0.10 → multiplier 3.40,
 * CLV 2,448.
 */
export function clvInfinite(input: ClvInput): ClvResult {
  const { margin, retention: r, discountRate: i } = input;
  validate(r, i, margin);
  const denom = 1 + i - r;
  if (denom <= 0) return { value: null, multiplier: null, reason: 'FORMULA_INVALID' };
  const multiplier = (input.timing === 'start' ? 1 + i : r) / denom;
  return { value: margin * multiplier - (input.acquisitionCost ?? 0), multiplier };
}

/** Inputs of {@link clvFinite}. */
export interface ClvFiniteInput {
  margin: number;
  retention: number;
  discountRate: number;
  /** Horizon H in periods (integer ≥ 0; default for executive views: 60 months). */
  horizon: number;
  /** Subtracted from the value. Default 0. */
  acquisitionCost?: number;
}

/**
 * Finite-horizon CLV_H = m × Σ_{t=1..H} rᵗ/(1 + i)ᵗ − AC; valid for any r (including r ≥ 1 + i).
 * H = 0 → −AC.
 */
export function clvFinite(input: ClvFiniteInput): number {
  const { margin, retention: r, discountRate: i, horizon } = input;
  validate(r, i, margin);
  if (!Number.isInteger(horizon) || horizon < 0)
    throw new RangeError(`horizon must be an integer ≥ 0: ${horizon}`);
  const x = r / (1 + i);
  let term = 1;
  let sum = 0;
  for (let t = 1; t <= horizon; t++) {
    term *= x;
    sum += term;
  }
  return margin * sum - (input.acquisitionCost ?? 0);
}

/** Monthly discount rate from an annual one: i_m = (1 + i)^(1/12) − 1 (10 % → 0.7974 %). */
export function monthlyDiscountRate(annual: number): number {
  if (!(annual > -1)) throw new RangeError(`annual rate must be > −1: ${annual}`);
  return (1 + annual) ** (1 / 12) - 1;
}
