/**
 * Counter-based keyed random numbers for the synthetic-company generator (methods.md §5.1).
 *
 * Every draw is a pure function of `(seed, purpose, key, month, index)`: the words are absorbed with
 * the MurmurHash3 block mix into two independently seeded 32-bit lanes, each finalised with the
 * MurmurHash3 `fmix32` avalanche, and the two lanes give a 53-bit uniform. Because no state is
 * carried between draws, a counterfactual run that skips or adds draws elsewhere still sees exactly
 * the same number for the same key (common random numbers). Not cryptographic.
 */
import normalQuantileLib from '@stdlib/stats-base-dists-normal-quantile';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function absorb(h: number, word: number): number {
  let k = Math.imul(word | 0, C1);
  k = rotl(k, 15);
  k = Math.imul(k, C2);
  let out = h ^ k;
  out = rotl(out, 13);
  return (Math.imul(out, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** 32-bit FNV-1a hash of a string, then avalanched; used to turn purpose names into stream ids. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

const LANE_A = 0x9e3779b9;
const LANE_B = 0x7f4a7c15;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * A keyed uniform source bound to one master seed. `uniform(purpose, key, t, k)` is a deterministic
 * number strictly inside (0, 1); `purpose` is a stream id from {@link hashString}.
 */
export class KeyedRandom {
  /** Lane states after absorbing the two seed words (constant for the generator's lifetime). */
  private readonly headA: number;
  private readonly headB: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be finite: ${seed}`);
    const s = Math.trunc(Math.abs(seed));
    const lo = (s % TWO_POW_32) | 0;
    const hi = Math.floor(s / TWO_POW_32) | 0;
    this.headA = absorb(absorb(LANE_A, lo), hi);
    this.headB = absorb(absorb(LANE_B, lo), hi);
  }

  /** Uniform in the open interval (0, 1) with 53 random bits; a pure function of its arguments. */
  uniform(purpose: number, key: number, t = 0, k = 0): number {
    const a = fmix(absorb(absorb(absorb(absorb(this.headA, purpose), key), t), k) ^ 24);
    const b = fmix(absorb(absorb(absorb(absorb(this.headB, purpose), key), t), k) ^ 24);
    return ((a >>> 5) * 67108864 + (b >>> 6) + 0.5) / TWO_POW_53;
  }

  /** Standard-normal draw Φ⁻¹(u) from the keyed uniform (see {@link normalQuantile}). */
  normal(purpose: number, key: number, t = 0, k = 0): number {
    return normalQuantile(this.uniform(purpose, key, t, k));
  }

  /** Standard-logistic draw log(u / (1 − u)). */
  logistic(purpose: number, key: number, t = 0, k = 0): number {
    const u = this.uniform(purpose, key, t, k);
    return Math.log(u / (1 - u));
  }

  /** Poisson(λ) draw by inversion of one keyed uniform (normal approximation for λ > 600). */
  poisson(lambda: number, purpose: number, key: number, t = 0, k = 0): number {
    return poissonInverse(lambda, this.uniform(purpose, key, t, k));
  }
}

const A0 = -39.69683028665376;
const A1 = 220.9460984245205;
const A2 = -275.9285104469687;
const A3 = 138.357751867269;
const A4 = -30.66479806614716;
const A5 = 2.506628277459239;
const B0 = -54.47609879822406;
const B1 = 161.5858368580409;
const B2 = -155.6989798598866;
const B3 = 66.80131188771972;
const B4 = -13.28068155288572;

/**
 * Standard-normal quantile Φ⁻¹(u). The central region |u − ½| ≤ 0.47575 uses Acklam's rational
 * approximation (relative error < 1.2e-9), the tails use `@stdlib` — a speed trade-off for the
 * millions of draws of one run; the error is far below anything the simulation can resolve.
 */
export function normalQuantile(u: number): number {
  const q = u - 0.5;
  if (Math.abs(q) > 0.47575) return normalQuantileLib(u, 0, 1);
  const r = q * q;
  return (
    ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) /
    (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1)
  );
}

/** Poisson(λ) quantile of `u` by sequential search; 0 when λ ≤ 0. */
export function poissonInverse(lambda: number, u: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 600) {
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normalQuantile(u)));
  }
  let p = Math.exp(-lambda);
  let cdf = p;
  let n = 0;
  while (u > cdf && n < 10_000) {
    n += 1;
    p *= lambda / n;
    cdf += p;
    if (p === 0 && cdf < u) break;
  }
  return n;
}
