/**
 * The assumptions register (methods §2.8 rule 6, §5.2 defaults): the finance inputs every money
 * figure depends on. Versioned; every financial output echoes the `assumptionsVersion` it used.
 * Defaults are the synthetic-company ASSUMPTIONS of methods §5.2 and must be replaced by finance.
 */
import { z } from 'zod';
import { CHANNELS, type Channel } from '../contracts/inputs';

const fraction = z.number().min(0).max(1);
/** Amounts above 10¹² are typos, and numbers past 2⁵³ cannot be stored exactly (DynamoDB). */
const money = z.number().min(0).max(1e12, 'must be at most 1,000,000,000,000').finite();

/** Schema of the assumptions register (`PUT /assumptions` validates against it). */
export const assumptionsSchema = z.object({
  /** Register version, incremented on every change (outputs record it). */
  version: z.number().int().min(1),
  updatedBy: z.string().min(1).max(320),
  /** ISO 8601 timestamp of the change. */
  updatedAt: z.string().min(1),
  reportingCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code'),
  /** Gross margin on revenue per business unit (0–1). */
  grossMargin: z.record(z.string(), fraction),
  /** Margin for a business unit missing from `grossMargin`. */
  defaultGrossMargin: fraction,
  /** Fully loaded cost of one contact per channel (reporting currency). */
  costPerContact: z.record(z.enum(CHANNELS), money),
  /** Cost of one escalation (0 when escalations are not tracked). */
  costPerEscalation: money,
  /** Annual discount rate i (monthly i_m = (1 + i)^(1/12) − 1). */
  annualDiscountRate: z.number().min(0).max(1),
  /** CLV horizon H in months for lost-margin and saved-customer values. */
  clvHorizonMonths: z.number().int().min(1).max(240),
  /** Owner of each assumption (register column), e.g. `{ grossMargin: 'finance' }`. */
  owners: z.record(z.string(), z.string()).default({}),
});

/** The assumptions register. */
export type Assumptions = z.infer<typeof assumptionsSchema>;

/** Methods §5.2 defaults (synthetic-company ASSUMPTIONS; finance replaces them). */
export const DEFAULT_ASSUMPTIONS: Assumptions = {
  version: 1,
  updatedBy: 'system-default',
  updatedAt: '2026-01-01T00:00:00.000Z',
  reportingCurrency: 'USD',
  grossMargin: { ENT: 0.75, SMB: 0.8, CON: 0.6 },
  defaultGrossMargin: 0.7,
  costPerContact: { phone: 8, chat: 5, email: 4, social: 4, messaging: 5 },
  costPerEscalation: 0,
  annualDiscountRate: 0.1,
  clvHorizonMonths: 60,
  owners: {
    grossMargin: 'finance',
    costPerContact: 'finance',
    annualDiscountRate: 'finance',
    clvHorizonMonths: 'finance',
    reportingCurrency: 'finance',
  },
};

/** Gross margin of a business unit; `defaultGrossMargin` when the BU has no entry. */
export function grossMarginOf(a: Assumptions, bu: string): number {
  return a.grossMargin[bu] ?? a.defaultGrossMargin;
}

/** Cost per contact of a channel; 0 when the register has no entry. */
export function costPerContactOf(a: Assumptions, channel: Channel): number {
  return a.costPerContact[channel] ?? 0;
}

/** Monthly discount rate i_m = (1 + i)^(1/12) − 1 (10 % → 0.797 %). */
export function monthlyDiscountOf(a: Assumptions): number {
  return (1 + a.annualDiscountRate) ** (1 / 12) - 1;
}

/**
 * Discounted expected lifetime multiplier L = Σ_{k=1..H} r^k/(1 + i_m)^k (methods §1.8 finite
 * horizon): the value of one unit of monthly margin from a customer retained with monthly probability
 * r, over H = `clvHorizonMonths`. r is clipped to [0, 1]; r = 0 → 0.
 */
export function lifetimeMultiplier(a: Assumptions, monthlyRetention: number): number {
  const r = Math.min(1, Math.max(0, monthlyRetention));
  const x = r / (1 + monthlyDiscountOf(a));
  let term = 1;
  let sum = 0;
  for (let k = 1; k <= a.clvHorizonMonths; k++) {
    term *= x;
    sum += term;
  }
  return sum;
}

/** Money in reporting-currency major units as an 80 % range (methods §1.0: P10–P90 for projections). */
export interface Money {
  p10: number;
  p50: number;
  p90: number;
}

/** P10/P50/P90 of draws (nearest rank on the sorted copy); zeros for no draws. */
export function moneyFromDraws(draws: readonly number[]): Money {
  const s = Float64Array.from(draws).sort();
  const q = (p: number) => {
    if (s.length === 0) return 0;
    return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length - 1e-9) - 1))] ?? 0;
  };
  return { p10: q(0.1), p50: q(0.5), p90: q(0.9) };
}
