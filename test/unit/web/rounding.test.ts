import { describe, expect, it } from 'vitest';
import { roundingStep, roundToInterval, twoSignificant } from '../../../web/src/lib/components/rounding';
import { figureStatus } from '../../../web/src/lib/components/trust';

describe('figures rounded to what their interval supports', () => {
  it('uses one significant digit of the half-width as the step', () => {
    // methods §1.1 worked example: NPS 25.0 with adjusted-Wald CI [17.3, 32.3] → half-width 7.5 → whole points
    expect(roundingStep(17.3, 32.3)).toBe(1);
    expect(roundToInterval(25.04, 17.3, 32.3)).toBe(25);
    // CSAT 84 % [71.5, 91.7] → half-width 10.1 → tens
    expect(roundToInterval(84, 71.5, 91.7)).toBe(80);
    // 85 % [79.4, 89.3] → half-width 4.95 → ones
    expect(roundToInterval(85.04, 79.4, 89.3)).toBe(85);
    // a churn ratio 1.62 [1.41, 1.86] → half-width 0.225 → 0.1
    expect(roundToInterval(1.6234, 1.41, 1.86)).toBe(1.6);
    // money: $2,499,391 with P10–P90 2.06M–2.93M → half-width 431k → $2.5M
    expect(roundToInterval(2_499_391, 2_064_735, 2_927_908)).toBe(2_500_000);
  });

  it('keeps the value without an interval or with a zero-width one', () => {
    expect(roundToInterval(12.345, null, null)).toBe(12.345);
    expect(roundToInterval(12.345, 3, 3)).toBe(12.345);
  });

  it('rounds money to two significant figures', () => {
    expect(twoSignificant(43_011_876)).toBe(43_000_000);
    expect(twoSignificant(-1_234)).toBe(-1_200);
    expect(twoSignificant(0)).toBe(0);
  });
});

describe('figure state from the API status', () => {
  it('never shows a missing value as a number', () => {
    expect(figureStatus(null, 'ok')).toBe('no-data');
    expect(figureStatus(Number.NaN, undefined)).toBe('no-data');
    expect(figureStatus(3, 'no-events')).toBe('no-data');
    expect(figureStatus(null, 'insufficient-data')).toBe('too-few');
    expect(figureStatus(12, 'too-few')).toBe('too-few');
    expect(figureStatus(12, 'suppressed')).toBe('too-few');
    expect(figureStatus(12, 'low-precision')).toBe('low-precision');
    expect(figureStatus(12, 'pending')).toBe('pending');
    expect(figureStatus(12, 'ok')).toBe('ok');
  });
});
