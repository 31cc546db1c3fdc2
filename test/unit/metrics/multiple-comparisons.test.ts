import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../shared/src/metrics';

describe('benjaminiHochberg', () => {
  it.each([
    [[0.01, 0.04, 0.03, 0.005], 0.05, [true, true, true, true], [0.02, 0.04, 0.04, 0.02]],
    [[0.02, 0.5, 0.03, 0.9], 0.1, [true, false, true, false], [0.06, 2 / 3, 0.06, 0.9]],
    [[0.01, 0.02, 0.03, 0.04, 0.05], 0.05, [true, true, true, true, true], [0.05, 0.05, 0.05, 0.05, 0.05]],
    [[0.2, 0.3], 0.1, [false, false], [0.3, 0.3]],
  ])('controls the FDR for %j at q = %f', (p, q, discoveries, adjusted) => {
    const r = benjaminiHochberg(p, q);
    expect(r.discoveries).toEqual(discoveries);
    r.adjusted.forEach((a, i) => expect(a).toBeCloseTo(adjusted[i] ?? NaN, 12));
  });

  it('uses q = 0.10 by default', () => {
    expect(benjaminiHochberg([0.04, 0.07]).discoveries).toEqual([true, true]);
    expect(benjaminiHochberg([0.04, 0.07], 0.05).discoveries).toEqual([false, false]);
  });

  it('rescues a large p-value by the step-up rule', () => {
    // Only the largest rank passes on its own (0.09 ≤ 3·0.1/3), which carries the two smaller ones.
    expect(benjaminiHochberg([0.09, 0.08, 0.085]).discoveries).toEqual([true, true, true]);
  });

  it('handles no tests', () => {
    expect(benjaminiHochberg([])).toEqual({ discoveries: [], adjusted: [] });
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.5])).toThrow(RangeError);
  });

  it('declares a discovery exactly when the adjusted p is ≤ q, monotone in p (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }),
        fc.constantFrom(0.05, 0.1, 0.25),
        (p, q) => {
          const r = benjaminiHochberg(p, q);
          const consistent = r.discoveries.every((d, i) => d === (r.adjusted[i] ?? 1) <= q);
          const monotone = p.every((pi, i) =>
            p.every((pj, j) => !(pi < pj) || (r.adjusted[i] ?? 0) <= (r.adjusted[j] ?? 0)),
          );
          const bounded = r.adjusted.every((a, i) => a >= (p[i] ?? 0) && a <= 1);
          return consistent && monotone && bounded;
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
