import normalQuantileLib from '@stdlib/stats-base-dists-normal-quantile';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTES,
  discreteCrossMoment,
  discreteMoments,
  discretisedFullCorrelation,
  driverImportance,
  latentFullCorrelation,
  publishRating,
} from '../../../shared/src/generator/drivers';
import { KeyedRandom, hashString, normalQuantile, poissonInverse } from '../../../shared/src/generator/prng';

describe('keyed PRNG', () => {
  it('returns the same number for the same key and a different one for any other key', () => {
    const a = new KeyedRandom(7);
    const b = new KeyedRandom(7);
    const p = hashString('purpose');
    expect(a.uniform(p, 12, 3, 1)).toBe(b.uniform(p, 12, 3, 1));
    const base = a.uniform(p, 12, 3, 1);
    expect(a.uniform(p, 12, 3, 2)).not.toBe(base);
    expect(a.uniform(p, 12, 4, 1)).not.toBe(base);
    expect(a.uniform(p, 13, 3, 1)).not.toBe(base);
    expect(a.uniform(hashString('other'), 12, 3, 1)).not.toBe(base);
    expect(new KeyedRandom(8).uniform(p, 12, 3, 1)).not.toBe(base);
  });

  it('produces uniforms strictly inside (0, 1) with the moments of U(0, 1)', () => {
    const r = new KeyedRandom(1);
    const p = hashString('moments');
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform(p, i);
      sum += u;
      sumSq += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3);
  });

  it('has a normal quantile within 1e-8 of @stdlib over the unit interval', () => {
    for (let i = 1; i < 10_000; i++) {
      const u = i / 10_000;
      expect(Math.abs(normalQuantile(u) - normalQuantileLib(u, 0, 1))).toBeLessThan(1e-8);
    }
  });

  it('inverts the Poisson CDF', () => {
    expect(poissonInverse(0, 0.5)).toBe(0);
    expect(poissonInverse(2, 0.1)).toBe(0);
    expect(poissonInverse(2, 0.2)).toBe(1);
    expect(poissonInverse(2, 0.99)).toBe(6);
    const r = new KeyedRandom(3);
    const p = hashString('poisson');
    let total = 0;
    for (let i = 0; i < 50_000; i++) total += r.poisson(0.8, p, i);
    expect(total / 50_000).toBeCloseTo(0.8, 1);
  });
});

describe('driver module (E5)', () => {
  it('reproduces the methods.md continuous LMG shares within 0.002', () => {
    const shares = driverImportance(latentFullCorrelation()).lmgShares;
    const expected: Record<(typeof ATTRIBUTES)[number], number> = {
      response_time: 0.322,
      product_availability: 0.246,
      agent_knowledge: 0.228,
      price_value: 0.1,
      website_ease: 0.057,
      billing_clarity: 0.048,
    };
    for (const a of ATTRIBUTES) expect(Math.abs(shares[a] - expected[a])).toBeLessThan(0.002);
  });

  it('has population R² 0.55 on the continuous scale and less after discretisation', () => {
    expect(driverImportance(latentFullCorrelation()).r2).toBeCloseTo(0.55, 10);
    const disc = driverImportance(discretisedFullCorrelation());
    expect(disc.r2).toBeLessThan(0.55);
    expect(disc.r2).toBeGreaterThan(0.5);
    const sum = ATTRIBUTES.reduce((s, a) => s + disc.lmgShares[a], 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('reproduces the methods.md Johnson relative weights within 0.002', () => {
    const rw = driverImportance(latentFullCorrelation()).johnsonShares;
    expect(rw.response_time).toBeCloseTo(0.32, 2);
    expect(rw.product_availability).toBeCloseTo(0.248, 2);
    expect(Math.abs(rw.price_value - 0.103)).toBeLessThan(0.002);
    expect(Math.abs(rw.billing_clarity - 0.048)).toBeLessThan(0.002);
  });

  it('computes discretised moments that match independence and identity limits', () => {
    const { mean, variance } = discreteMoments();
    expect(mean).toBeCloseTo(5.5, 10);
    expect(discreteCrossMoment(0)).toBeCloseTo(mean * mean, 9);
    // Near ρ = 1 the conditional CDF is a near-step; the quadrature is only meant for |ρ| ≤ 0.9.
    expect(discreteCrossMoment(0.999999) - mean * mean).toBeCloseTo(variance, 2);
    expect(discreteCrossMoment(-0.3)).toBeLessThan(mean * mean);
  });

  it('agrees with a Monte-Carlo estimate of the discretised correlation', () => {
    const r = new KeyedRandom(11);
    const pu = hashString('mc-u');
    const pv = hashString('mc-v');
    const rho = 0.5;
    const n = 200_000;
    let su = 0;
    let sv = 0;
    let suv = 0;
    let suu = 0;
    let svv = 0;
    for (let i = 0; i < n; i++) {
      const u = r.normal(pu, i);
      const v = rho * u + Math.sqrt(1 - rho * rho) * r.normal(pv, i);
      const du = publishRating(u);
      const dv = publishRating(v);
      su += du;
      sv += dv;
      suv += du * dv;
      suu += du * du;
      svv += dv * dv;
    }
    const cov = suv / n - (su / n) * (sv / n);
    const corr = cov / Math.sqrt((suu / n - (su / n) ** 2) * (svv / n - (sv / n) ** 2));
    const { mean, variance } = discreteMoments();
    const exact = (discreteCrossMoment(rho) - mean * mean) / variance;
    expect(Math.abs(corr - exact)).toBeLessThan(0.01);
  });
});
