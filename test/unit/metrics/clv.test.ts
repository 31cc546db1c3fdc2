import { describe, expect, it } from 'vitest';
import { clvFinite, clvInfinite, monthlyDiscountRate } from '../../../shared/src/metrics';

describe('clvInfinite', () => {
  it('reproduces the §1.8 example: m = 720, r = 0.85, i = 0.10 → multiplier 3.40, CLV 2,448', () => {
    const r = clvInfinite({ margin: 720, retention: 0.85, discountRate: 0.1 });
    expect(r.multiplier).toBeCloseTo(3.4, 10);
    expect(r.value).toBeCloseTo(2448, 8);
    expect(r.reason).toBeUndefined();
  });

  it.each([
    [{ margin: 720, retention: 0.85, discountRate: 0.1, acquisitionCost: 500 }, 1948],
    [{ margin: 720, retention: 0.85, discountRate: 0.1, timing: 'start' as const }, 3168],
    [{ margin: 100, retention: 0, discountRate: 0.1 }, 0],
    [{ margin: 100, retention: 0.5, discountRate: 0 }, 100],
  ])('computes %j → %f', (input, value) => {
    expect(clvInfinite(input).value).toBeCloseTo(value, 8);
  });

  it.each([
    [1, 0],
    [0.95, -0.1],
    [1, -0.01],
  ])('is FORMULA_INVALID when r = %f ≥ 1 + i (i = %f)', (retention, discountRate) => {
    expect(clvInfinite({ margin: 100, retention, discountRate })).toEqual({
      value: null,
      multiplier: null,
      reason: 'FORMULA_INVALID',
    });
  });

  it('rejects a retention outside [0, 1]', () => {
    expect(() => clvInfinite({ margin: 1, retention: 1.2, discountRate: 0.5 })).toThrow(RangeError);
  });
});

describe('clvFinite', () => {
  it.each([
    [{ margin: 720, retention: 0.85, discountRate: 0.1, horizon: 1 }, (720 * 0.85) / 1.1],
    [{ margin: 720, retention: 0.85, discountRate: 0.1, horizon: 2 }, 720 * (0.85 / 1.1 + (0.85 / 1.1) ** 2)],
    [{ margin: 50, retention: 1, discountRate: 0, horizon: 60 }, 3000],
    [{ margin: 50, retention: 0.9, discountRate: 0.01, horizon: 0, acquisitionCost: 10 }, -10],
  ])('sums m·rᵗ/(1+i)ᵗ for %j → %f', (input, value) => {
    expect(clvFinite(input)).toBeCloseTo(value, 8);
  });

  it('converges to the infinite-horizon value', () => {
    const input = { margin: 720, retention: 0.85, discountRate: 0.1 };
    expect(clvFinite({ ...input, horizon: 500 })).toBeCloseTo(clvInfinite(input).value ?? NaN, 6);
    expect(clvFinite({ ...input, horizon: 10 })).toBeLessThan(2448);
  });

  it('stays finite where the infinite formula is invalid (r ≥ 1 + i)', () => {
    expect(clvFinite({ margin: 10, retention: 1, discountRate: -0.01, horizon: 12 })).toBeGreaterThan(120);
  });
});

describe('monthlyDiscountRate', () => {
  it.each([
    [0.1, 0.0079741404],
    [0, 0],
    [0.12, 0.0094887929],
  ])('converts %f annual → %f monthly', (annual, monthly) => {
    expect(monthlyDiscountRate(annual)).toBeCloseTo(monthly, 9);
    expect((1 + monthlyDiscountRate(annual)) ** 12).toBeCloseTo(1 + annual, 12);
  });
});
