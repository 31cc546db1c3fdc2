import { describe, expect, it } from 'vitest';
import { OPERATIONAL_GATE, proportionMetric, wilsonInterval, Z95 } from '../../../shared/src/metrics';

describe('wilsonInterval (methods §1.2 examples)', () => {
  it.each([
    [42, 50, 84, 71.5, 91.7],
    [170, 200, 85, 79.4, 89.3],
  ])('%i/%i → %f %% [%f, %f]', (k, n, value, low, high) => {
    const ci = wilsonInterval(k, n, Z95);
    expect(100 * ci.low).toBeCloseTo(low, 1);
    expect(100 * ci.high).toBeCloseTo(high, 1);
    const r = proportionMetric(k, n);
    expect(r.value).toBeCloseTo(value, 10);
    expect(r.low).toBeCloseTo(low, 1);
    expect(r.high).toBeCloseTo(high, 1);
  });

  it.each([
    [0, 40],
    [40, 40],
    [0, 1],
    [1, 1],
  ])('keeps a non-zero width at the boundary %i/%i', (k, n) => {
    const ci = wilsonInterval(k, n);
    expect(ci.high - ci.low).toBeGreaterThan(0);
    expect(ci.low).toBeGreaterThanOrEqual(0);
    expect(ci.high).toBeLessThanOrEqual(1);
  });

  it('pins the attained boundary exactly', () => {
    expect(wilsonInterval(0, 40).low).toBe(0);
    expect(wilsonInterval(40, 40).high).toBe(1);
  });

  it('returns the vacuous interval for n = 0', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('rejects k outside [0, n]', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
  });

  it('narrows with a smaller z', () => {
    const wide = wilsonInterval(30, 60, Z95);
    const narrow = wilsonInterval(30, 60, 1.2815515655446004);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });
});

describe('proportionMetric', () => {
  it('returns the empty reason for n = 0', () => {
    expect(proportionMetric(0, 0)).toEqual({
      value: null,
      low: null,
      high: null,
      n: 0,
      status: 'no-data',
      reason: 'NO_RESPONSES',
    });
    expect(proportionMetric(0, 0, { emptyReason: 'NO_ACTIVE_CUSTOMERS' }).reason).toBe('NO_ACTIVE_CUSTOMERS');
  });

  it('suppresses n < 30 by default and badges 30 ≤ n < 100', () => {
    expect(proportionMetric(10, 29)).toMatchObject({ status: 'suppressed', value: null, n: 29 });
    expect(proportionMetric(10, 30)).toMatchObject({ status: 'ok', badge: 'low-precision' });
    expect(proportionMetric(10, 100).badge).toBeUndefined();
  });

  it('shows small n with a badge under the operational gate', () => {
    const r = proportionMetric(3, 12, OPERATIONAL_GATE);
    expect(r).toMatchObject({ status: 'ok', value: 25, badge: 'low-precision' });
    expect(proportionMetric(30, 60, OPERATIONAL_GATE).badge).toBeUndefined();
  });
});
