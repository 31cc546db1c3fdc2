/**
 * Kano model evaluation (methods §4.2): the 5×5 evaluation table, per-respondent classification,
 * category counts, the questionable-answer flag, the category (mode, "mixed (X/Y)" when the top two
 * are within 2 percentage points), Better/Worse coefficients with the A+O+M+I denominator and the
 * Better × |Worse| quadrant.
 */

/** Answers to the functional and dysfunctional questions, in table order. */
export const KANO_ANSWERS = ['like', 'must-be', 'neutral', 'live-with', 'dislike'] as const;
/** One answer. */
export type KanoAnswer = (typeof KANO_ANSWERS)[number];

/** A = attractive, O = one-dimensional, M = must-be, I = indifferent, R = reverse, Q = questionable. */
export type KanoClass = 'A' | 'O' | 'M' | 'I' | 'R' | 'Q';

/** The evaluation table: rows = functional answer, columns = dysfunctional answer ([S79][S73]). */
export const KANO_TABLE: Readonly<Record<KanoAnswer, Readonly<Record<KanoAnswer, KanoClass>>>> = {
  like: { like: 'Q', 'must-be': 'A', neutral: 'A', 'live-with': 'A', dislike: 'O' },
  'must-be': { like: 'R', 'must-be': 'I', neutral: 'I', 'live-with': 'I', dislike: 'M' },
  neutral: { like: 'R', 'must-be': 'I', neutral: 'I', 'live-with': 'I', dislike: 'M' },
  'live-with': { like: 'R', 'must-be': 'I', neutral: 'I', 'live-with': 'I', dislike: 'M' },
  dislike: { like: 'R', 'must-be': 'R', neutral: 'R', 'live-with': 'R', dislike: 'Q' },
};

/** Class of one respondent's answer pair (table lookup). */
export function classifyKano(functional: KanoAnswer, dysfunctional: KanoAnswer): KanoClass {
  return KANO_TABLE[functional][dysfunctional];
}

/** Counts per class. */
export type KanoCounts = Record<KanoClass, number>;

/** Counts of A, O, M, I, R, Q over answer pairs (all zero for none). */
export function kanoCounts(
  pairs: readonly { functional: KanoAnswer; dysfunctional: KanoAnswer }[],
): KanoCounts {
  const c: KanoCounts = { A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 };
  for (const p of pairs) c[classifyKano(p.functional, p.dysfunctional)]++;
  return c;
}

/** Kano quadrant of the Better × |Worse| plot (split at 0.5). */
export type KanoQuadrant = 'one-dimensional' | 'attractive' | 'must-be' | 'indifferent';

/** Evaluation of one feature. */
export type KanoEvaluation =
  | {
      status: 'ok';
      n: number;
      counts: KanoCounts;
      /** Shares of all responses (fractions), Q included in the denominator. */
      shares: KanoCounts;
      /** Q > 10 % of responses: review the question wording. */
      questionableFlag: boolean;
      /** Mode of {A, O, M, I, R}, or `mixed (X/Y)` when the top two are within 2 percentage points. */
      category: string;
      /** Category with ties forced by M > O > A > I > R. */
      forcedCategory: Exclude<KanoClass, 'Q'>;
      /** (A + O)/(A + O + M + I); null when A + O + M + I = 0. */
      better: number | null;
      /** −(O + M)/(A + O + M + I); null when A + O + M + I = 0. */
      worse: number | null;
      quadrant: KanoQuadrant | null;
    }
  | { status: 'no-data'; n: 0; reason: string };

const MODE_CLASSES = ['A', 'O', 'M', 'I', 'R'] as const;
const FORCED_ORDER: readonly Exclude<KanoClass, 'Q'>[] = ['M', 'O', 'A', 'I', 'R'];

/**
 * Quadrant at 0.5: |Worse| ≥ 0.5 & Better ≥ 0.5 → one-dimensional; Better ≥ 0.5 & |Worse| < 0.5 →
 * attractive; |Worse| ≥ 0.5 & Better < 0.5 → must-be; both < 0.5 → indifferent.
 */
export function kanoQuadrant(better: number, worse: number): KanoQuadrant {
  const w = Math.abs(worse);
  if (better >= 0.5) return w >= 0.5 ? 'one-dimensional' : 'attractive';
  return w >= 0.5 ? 'must-be' : 'indifferent';
}

/**
 * Evaluates one feature from its class counts (methods §4.2): shares of all responses; Q > 10 % flag;
 * category = mode of {A, O, M, I, R}, reported as `mixed (X/Y)` (X the larger, ties by M > O > A > I > R)
 * when the top two shares differ by ≤ 2 percentage points; Better = (A + O)/(A + O + M + I),
 * Worse = −(O + M)/(A + O + M + I) (R and Q excluded from the coefficients; null when the denominator
 * is 0). Counts may be non-integer (e.g. percentages). No responses → `no-data`.
 */
export function evaluateKano(counts: KanoCounts): KanoEvaluation {
  for (const [k, v] of Object.entries(counts)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`count ${k} must be a finite number ≥ 0: ${v}`);
  }
  const n = counts.A + counts.O + counts.M + counts.I + counts.R + counts.Q;
  if (n === 0) return { status: 'no-data', n: 0, reason: 'no responses' };
  const shares: KanoCounts = {
    A: counts.A / n,
    O: counts.O / n,
    M: counts.M / n,
    I: counts.I / n,
    R: counts.R / n,
    Q: counts.Q / n,
  };
  const ranked = [...MODE_CLASSES].sort(
    (a, b) => counts[b] - counts[a] || FORCED_ORDER.indexOf(a) - FORCED_ORDER.indexOf(b),
  );
  const top = ranked[0] ?? 'I';
  const second = ranked[1] ?? 'I';
  const mixed = counts[top] > 0 && 100 * (shares[top] - shares[second]) <= 2 + 1e-9;
  const denom = counts.A + counts.O + counts.M + counts.I;
  const better = denom > 0 ? (counts.A + counts.O) / denom : null;
  const worse = denom > 0 ? 0 - (counts.O + counts.M) / denom : null;
  return {
    status: 'ok',
    n,
    counts: { ...counts },
    shares,
    questionableFlag: shares.Q > 0.1,
    category: mixed ? `mixed (${top}/${second})` : top,
    forcedCategory: top,
    better,
    worse,
    quadrant: better !== null && worse !== null ? kanoQuadrant(better, worse) : null,
  };
}
