/** Net Promoter Score (methods §1.1). NPS values and intervals are in points (−100 … +100). */
import { twoSidedNormalP, Z95 } from '../stats/distributions';
import { kishEffectiveN } from '../stats/weights';
import { assertNonNegative, gated, SURVEY_GATE, withGate } from './gating';
import { isValidScale } from './scale';
import { noData, type MetricResult } from './types';

/** NPS category of a 0–10 likelihood-to-recommend answer. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** Response counts per NPS category; passives stay in the denominator. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Options of {@link npsFromCounts} and {@link npsWeighted}. */
export interface NpsOptions {
  /** Critical value of the interval. Default {@link Z95}. */
  z?: number;
  /** n below which the score is suppressed. Default 30. */
  minN?: number;
  /** n below which the score carries the `low-precision` badge. Default 100. */
  lowPrecisionN?: number;
}

/** An NPS interval in points. */
export interface NpsInterval {
  low: number;
  high: number;
}

/** Result of {@link npsDifferenceTest}: difference in points, z statistic, two-sided p. */
export interface NpsDifference {
  difference: number;
  se: number;
  z: number;
  p: number;
}

/**
 * Category of a likelihood-to-recommend answer: 9–10 promoter, 7–8 passive, 0–6 detractor.
 * Throws a RangeError for a value that is not an integer in 0–10 (scale integrity, §1.0).
 */
export function npsCategory(ltr: number): NpsCategory {
  if (!isValidScale(ltr, 0, 10)) throw new RangeError(`LTR must be an integer in 0–10: ${ltr}`);
  if (ltr >= 9) return 'promoter';
  if (ltr >= 7) return 'passive';
  return 'detractor';
}

/** Category counts of 0–10 answers (all zero for an empty array); throws on invalid answers. */
export function npsCounts(ltrs: readonly number[]): NpsCounts {
  const c: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const v of ltrs) {
    const cat = npsCategory(v);
    if (cat === 'promoter') c.promoters++;
    else if (cat === 'passive') c.passives++;
    else c.detractors++;
  }
  return c;
}

function total(c: NpsCounts): number {
  assertNonNegative(c.promoters, 'promoters');
  assertNonNegative(c.passives, 'passives');
  assertNonNegative(c.detractors, 'detractors');
  return c.promoters + c.passives + c.detractors;
}

/** Multinomial variance kernel of p − d: p + d − (p − d)². */
function kernel(p: number, d: number): number {
  return Math.max(0, p + d - (p - d) ** 2);
}

function clip(x: number): number {
  return Math.min(100, Math.max(-100, x));
}

/** Raw NPS = 100·(p − d) with p = nP/n, d = nD/n; null when n = 0. */
export function npsScore(c: NpsCounts): number | null {
  const n = total(c);
  return n === 0 ? null : (100 * (c.promoters - c.detractors)) / n;
}

/** Wald standard error in points: 100·√([p + d − (p − d)²]/n); null when n = 0. */
export function npsWaldSe(c: NpsCounts): number | null {
  const n = total(c);
  if (n === 0) return null;
  return 100 * Math.sqrt(kernel(c.promoters / n, c.detractors / n) / n);
}

/** Wald interval NPS ± z·SE in points, clipped to [−100, 100]; null when n = 0. */
export function npsWaldCi(c: NpsCounts, z: number = Z95): NpsInterval | null {
  const score = npsScore(c);
  const se = npsWaldSe(c);
  if (score === null || se === null) return null;
  return { low: clip(score - z * se), high: clip(score + z * se) };
}

/**
 * Adjusted-Wald interval from fractions p, d observed on an (effective) sample size n:
 * n' = n + 3, p' = (np + ¾)/n', d' = (nd + ¾)/n', 100·((p' − d') ± z·√([p' + d' − (p' − d')²]/n')),
 * clipped to [−100, 100].
 */
function adjustedWald(p: number, d: number, n: number, z: number): NpsInterval {
  const n2 = n + 3;
  const p2 = (p * n + 0.75) / n2;
  const d2 = (d * n + 0.75) / n2;
  const centre = p2 - d2;
  const half = z * Math.sqrt(kernel(p2, d2) / n2);
  return { low: clip(100 * (centre - half)), high: clip(100 * (centre + half)) };
}

/**
 * Adjusted-Wald interval (Rocks 2016; add 3 to n and ¾ to promoters and detractors) in points,
 * clipped to [−100, 100]; never zero-width, even with all respondents in one category. Null when n = 0.
 */
export function npsAdjustedWaldCi(c: NpsCounts, z: number = Z95): NpsInterval | null {
  const n = total(c);
  if (n === 0) return null;
  return adjustedWald(c.promoters / n, c.detractors / n, n, z);
}

/**
 * NPS tile value: raw NPS = 100(p − d) with the adjusted-Wald interval (methods §1.1 display
 * convention). n = 0 → no-data `NO_RESPONSES`; n < minN (30) → suppressed (value and interval null,
 * n kept); minN ≤ n < lowPrecisionN (100) → ok with the `low-precision` badge.
 */
export function npsFromCounts(c: NpsCounts, opts: NpsOptions = {}): MetricResult {
  const n = total(c);
  if (n === 0) return noData('NO_RESPONSES');
  const p = c.promoters / n;
  const d = c.detractors / n;
  const ci = adjustedWald(p, d, n, opts.z ?? Z95);
  return gated(n, 100 * (p - d), ci.low, ci.high, withGate(SURVEY_GATE, opts));
}

/**
 * Two-sample test of NPS₁ − NPS₂ (independent samples, Wald SEs):
 * z = (NPS₁ − NPS₂)/√(SE₁² + SE₂²), p = 2(1 − Φ(|z|)). Null when either sample is empty or both SEs
 * are 0 (the test is undefined).
 */
export function npsDifferenceTest(a: NpsCounts, b: NpsCounts): NpsDifference | null {
  const sa = npsScore(a);
  const sb = npsScore(b);
  const ea = npsWaldSe(a);
  const eb = npsWaldSe(b);
  if (sa === null || sb === null || ea === null || eb === null) return null;
  const se = Math.sqrt(ea * ea + eb * eb);
  if (se === 0) return null;
  const difference = sa - sb;
  const z = difference / se;
  return { difference, se, z, p: twoSidedNormalP(z) };
}

/**
 * Margin of error in points for sample size n: z·100·√([p + d − (p − d)²]/n). Defaults p = d = 0.5
 * give the worst case 196/√n at 95 %. Null when n ≤ 0.
 */
export function npsMarginOfError(n: number, p = 0.5, d = 0.5, z: number = Z95): number | null {
  if (!(n > 0)) return null;
  return z * 100 * Math.sqrt(kernel(p, d) / n);
}

/**
 * Sample size for a target margin E (points): n = ⌈(100z)²·[p + d − (p − d)²]/E²⌉; worst case
 * (p = d = 0.5) at 95 % ≈ 38,416/E² (E = 5 → 1,537; E = 10 → 385). Throws for E ≤ 0.
 */
export function npsSampleSize(marginPoints: number, p = 0.5, d = 0.5, z: number = Z95): number {
  if (!(marginPoints > 0)) throw new RangeError(`margin must be > 0: ${marginPoints}`);
  const exact = ((100 * z) ** 2 * kernel(p, d)) / marginPoints ** 2;
  return Math.ceil(exact - 1e-9);
}

/** One weighted LTR answer. */
export interface WeightedLtr {
  ltr: number;
  weight: number;
}

/**
 * Weighted NPS: p = Σw·1[promoter]/Σw, d = Σw·1[detractor]/Σw, value 100(p − d), adjusted-Wald
 * interval with the Kish effective size n_eff = (Σw)²/Σw² in place of n (reduces exactly to
 * {@link npsFromCounts} for equal weights). The small-n rules are applied to n_eff (precision is
 * what they protect); the reported n is the number of responses with positive weight.
 * No responses or Σw = 0 → no-data `NO_RESPONSES`.
 */
export function npsWeighted(responses: readonly WeightedLtr[], opts: NpsOptions = {}): MetricResult {
  let sw = 0;
  let sp = 0;
  let sd = 0;
  let n = 0;
  for (const r of responses) {
    const cat = npsCategory(r.ltr);
    assertNonNegative(r.weight, 'weight');
    if (r.weight === 0) continue;
    n++;
    sw += r.weight;
    if (cat === 'promoter') sp += r.weight;
    else if (cat === 'detractor') sd += r.weight;
  }
  if (sw === 0) return noData('NO_RESPONSES');
  const nEff = kishEffectiveN(responses.map((r) => r.weight));
  const p = sp / sw;
  const d = sd / sw;
  const ci = adjustedWald(p, d, nEff, opts.z ?? Z95);
  // Rounded so that equal weights give exactly n (floating sums can land at 29.999999…).
  const gateN = Math.round(nEff * 1e6) / 1e6;
  const result = gated(gateN, 100 * (p - d), ci.low, ci.high, withGate(SURVEY_GATE, opts));
  return { ...result, n };
}
