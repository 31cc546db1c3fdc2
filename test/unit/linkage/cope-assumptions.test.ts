import { describe, expect, it } from 'vitest';
import {
  assumptionsSchema,
  DEFAULT_ASSUMPTIONS,
  grossMarginOf,
  lifetimeMultiplier,
  moneyFromDraws,
  monthlyDiscountOf,
} from '@cxl/shared/linkage/assumptions';
import { clvFinite } from '@cxl/shared/metrics/clv';

describe('assumptions register', () => {
  it('ships the methods §5.2 defaults and validates them', () => {
    expect(assumptionsSchema.parse(DEFAULT_ASSUMPTIONS)).toEqual(DEFAULT_ASSUMPTIONS);
    expect(DEFAULT_ASSUMPTIONS.grossMargin).toEqual({ ENT: 0.75, SMB: 0.8, CON: 0.6 });
    expect(DEFAULT_ASSUMPTIONS.costPerContact.phone).toBe(8);
    expect(DEFAULT_ASSUMPTIONS.costPerContact.chat).toBe(5);
    expect(DEFAULT_ASSUMPTIONS.costPerContact.email).toBe(4);
    expect(DEFAULT_ASSUMPTIONS.annualDiscountRate).toBe(0.1);
    expect(DEFAULT_ASSUMPTIONS.clvHorizonMonths).toBe(60);
    expect(DEFAULT_ASSUMPTIONS.reportingCurrency).toBe('USD');
  });

  it.each([
    ['a margin above 100 %', { grossMargin: { ENT: 1.2 } }],
    ['a lower-case currency', { reportingCurrency: 'usd' }],
    ['version 0', { version: 0 }],
    ['a fractional horizon', { clvHorizonMonths: 12.5 }],
    ['a negative contact cost', { costPerContact: { phone: -1 } }],
  ])('rejects %s', (_name, patch) => {
    expect(assumptionsSchema.safeParse({ ...DEFAULT_ASSUMPTIONS, ...patch }).success).toBe(false);
  });

  it('falls back to the default margin for a BU without an entry', () => {
    expect(grossMarginOf(DEFAULT_ASSUMPTIONS, 'SMB')).toBe(0.8);
    expect(grossMarginOf(DEFAULT_ASSUMPTIONS, 'NEW')).toBe(DEFAULT_ASSUMPTIONS.defaultGrossMargin);
  });

  it('discounts monthly at (1 + i)^(1/12) − 1 and values a lifetime like the finite-horizon CLV', () => {
    expect(monthlyDiscountOf(DEFAULT_ASSUMPTIONS)).toBeCloseTo(0.007974140428903764, 15);
    for (const r of [0, 0.9, 0.98, 1]) {
      const expected = clvFinite({
        margin: 1,
        retention: r,
        discountRate: monthlyDiscountOf(DEFAULT_ASSUMPTIONS),
        horizon: 60,
      });
      expect(lifetimeMultiplier(DEFAULT_ASSUMPTIONS, r)).toBeCloseTo(expected, 12);
    }
  });

  it('summarises draws as nearest-rank P10/P50/P90', () => {
    const draws = Array.from({ length: 10 }, (_, i) => 10 - i);
    expect(moneyFromDraws(draws)).toEqual({ p10: 1, p50: 5, p90: 9 });
    expect(moneyFromDraws([])).toEqual({ p10: 0, p50: 0, p90: 0 });
  });
});
