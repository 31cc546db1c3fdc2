/**
 * Deterministic pseudo-random numbers for resampling (never `Math.random`).
 *
 * Mulberry32: a counter-based generator. The state is a 32-bit counter advanced by the odd constant
 * 0x6D2B79F5 on each draw; the output is a bijective integer hash of the counter. The same seed
 * always yields the same stream, so bootstrap intervals are reproducible. Not cryptographic.
 */

/** A stream of uniform draws in [0, 1). */
export type Prng = () => number;

/** Creates a mulberry32 stream keyed by `seed` (coerced to a 32-bit unsigned integer). */
export function createPrng(seed: number): Prng {
  let counter = seed >>> 0;
  return () => {
    counter = (counter + 0x6d2b79f5) | 0;
    let t = Math.imul(counter ^ (counter >>> 15), 1 | counter);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n) from `rng`; n must be a positive integer. */
export function randomIndex(rng: Prng, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`n must be a positive integer: ${n}`);
  return Math.floor(rng() * n);
}
