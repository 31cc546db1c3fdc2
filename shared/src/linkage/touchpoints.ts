/**
 * Touchpoint inventory (methods §4.1): the data model with its zod schema, efficiency scoring from KPI
 * attainment, data-driven impact deciles, the op × cx 2×2 matrix, the action rule, the priority score and
 * the ranked action list, plus a default demo inventory for the synthetic company.
 */
import { z } from 'zod';

/** Lifecycle stages (brief's list; mapping to VisionEdge stages in methods §4.1). */
export const LIFECYCLE_STAGES = [
  'attract',
  'consider',
  'purchase',
  'use',
  'repurchase',
  'recommend',
] as const;
/** Operational purposes ([S77], extended). */
export const OPERATIONAL_PURPOSES = [
  'identify prospect',
  'accelerate conversion',
  'execute transaction',
  'resolve problem',
  'inform/educate',
  'retain/renew',
] as const;
/** CX roles ([S77]). */
export const CX_ROLES = ['influence perception', 'build preference', 'create loyalty'] as const;
/** Competitive gap ([S37]). */
export const COMPETITOR_GAPS = ['-', '0', '+'] as const;

const score = z.number().int().min(1).max(10);
const pct = z.number().min(0).max(100);

/**
 * One touchpoint (a row of the §4.1 data model; JSON names are the camelCase forms of the table's
 * snake_case fields, e.g. `touchpoint_id` → `touchpointId`). Percentages are 0–100.
 */
export const touchpointSchema = z.object({
  touchpointId: z.string().trim().min(1).max(64),
  touchpoint: z.string().trim().min(1).max(200),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  operationalPurpose: z.enum(OPERATIONAL_PURPOSES),
  cxRole: z.enum(CX_ROLES),
  owner: z.string().trim().min(1).max(200).describe('Single accountable person or team'),
  impact: score.describe('Importance for overall loyalty, 1–10'),
  opEfficiency: score.describe('Cost/time/error performance vs target, 1–10'),
  cxEfficiency: score.describe('Experience performance (CSAT/CES/FCR at this touchpoint), 1–10'),
  volumePerMonth: z.number().int().min(0),
  pctPromotersCreated: pct,
  pctDetractorsCreated: pct,
  competitorGap: z.enum(COMPETITOR_GAPS),
  evidenceSource: z.string().trim().min(1).max(200).describe('survey, log, workshop'),
});
/** One touchpoint. */
export type Touchpoint = z.infer<typeof touchpointSchema>;

// ---------------------------------------------------------------------------------------------------
// Scoring rubric

/** One KPI observation at a touchpoint. */
export interface KpiObservation {
  kpi: string;
  actual: number;
  target: number;
  direction: 'lower-is-better' | 'higher-is-better';
}

/**
 * Attainment of one KPI in [0, 1]: lower-is-better → min(1, target/actual) (actual = 0 → 1);
 * higher-is-better → min(1, actual/target). The cap at 1 for higher-is-better keeps the score inside
 * 1–10 ("10 = meets or beats every target"). Throws for a non-positive target or a negative actual.
 */
export function kpiAttainment(k: KpiObservation): number {
  if (!(k.target > 0) || !Number.isFinite(k.target))
    throw new RangeError(`target must be > 0: ${k.kpi} ${k.target}`);
  if (!(k.actual >= 0) || !Number.isFinite(k.actual))
    throw new RangeError(`actual must be ≥ 0: ${k.kpi} ${k.actual}`);
  if (k.direction === 'lower-is-better') return k.actual === 0 ? 1 : Math.min(1, k.target / k.actual);
  return Math.min(1, k.actual / k.target);
}

/** An efficiency score, or no score without KPIs. */
export type EfficiencyScore =
  | { status: 'ok'; score: number; meanAttainment: number; kpis: number }
  | { status: 'no-data'; reason: string };

/**
 * Efficiency score (op or cx) = 1 + round(9 × mean attainment) over the touchpoint's KPIs (Math.round:
 * halves round up). No KPIs → `no-data` (score from a workshop instead, `evidenceSource = workshop`).
 */
export function efficiencyScore(kpis: readonly KpiObservation[]): EfficiencyScore {
  if (kpis.length === 0) return { status: 'no-data', reason: 'no KPIs with targets' };
  const mean = kpis.reduce((s, k) => s + kpiAttainment(k), 0) / kpis.length;
  return { status: 'ok', score: 1 + Math.round(9 * mean), meanAttainment: mean, kpis: kpis.length };
}

/**
 * Data-driven impact deciles: impact_j = ceil(10 × percentile_rank_j) with
 * percentile_rank_j = #{k : importance_k ≤ importance_j}/N (ties share a rank; the largest → 10).
 * Importance = LMG share or volume × pct_detractors_created. With N < 10 the smallest value scores
 * ceil(10/N) rather than 1. Empty input → []; non-finite importance throws.
 */
export function impactDeciles(importance: readonly number[]): number[] {
  for (const v of importance)
    if (!Number.isFinite(v)) throw new RangeError(`importance must be finite: ${v}`);
  const n = importance.length;
  const sorted = [...importance].sort((a, b) => a - b);
  return importance.map((v) => {
    // count of values ≤ v by binary search (upper bound)
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] ?? 0) <= v) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(1, Math.ceil((10 * lo) / n - 1e-12));
  });
}

/** Bain-style exposure: volume per month × share of interactions that create detractors (0–100 %). */
export function detractorExposure(t: Pick<Touchpoint, 'volumePerMonth' | 'pctDetractorsCreated'>): number {
  return (t.volumePerMonth * t.pctDetractorsCreated) / 100;
}

// ---------------------------------------------------------------------------------------------------
// Matrix and action rule

/** Quadrants of the op × cx matrix. */
export type TouchpointQuadrant = 'Sustain' | 'Streamline' | 'Humanise' | 'Redesign';

/** Default action per quadrant (methods §4.1). */
export const QUADRANT_ACTIONS: Record<TouchpointQuadrant, string> = {
  Sustain: 'monitor',
  Streamline: 'automate/cost-reduce without hurting CX',
  Humanise: 'redesign the experience (effort, resolution)',
  Redesign: 're-engineer end to end',
};

/** Split line of the matrix (scale midpoint). */
export const MATRIX_SPLIT = 5.5;

/**
 * Quadrant: op ≥ 5.5 & cx ≥ 5.5 → Sustain; op < 5.5 & cx ≥ 5.5 → Streamline; op ≥ 5.5 & cx < 5.5 →
 * Humanise; both < 5.5 → Redesign. `split` defaults to 5.5 (alternative: portfolio medians).
 */
export function touchpointQuadrant(op: number, cx: number, split = MATRIX_SPLIT): TouchpointQuadrant {
  if (op >= split) return cx >= split ? 'Sustain' : 'Humanise';
  return cx >= split ? 'Streamline' : 'Redesign';
}

/** priority_flag = impact ≥ 8 AND (op ≤ 5 OR cx ≤ 5). */
export function priorityFlag(t: Pick<Touchpoint, 'impact' | 'opEfficiency' | 'cxEfficiency'>): boolean {
  return t.impact >= 8 && (t.opEfficiency <= 5 || t.cxEfficiency <= 5);
}

/** priority_score = impact × (10 − min(op, cx)); range 0 … 90. */
export function priorityScore(t: Pick<Touchpoint, 'impact' | 'opEfficiency' | 'cxEfficiency'>): number {
  return t.impact * (10 - Math.min(t.opEfficiency, t.cxEfficiency));
}

/** One touchpoint placed in the matrix. */
export interface MatrixPoint {
  touchpointId: string;
  touchpoint: string;
  lifecycleStage: Touchpoint['lifecycleStage'];
  x: number;
  y: number;
  size: number;
  quadrant: TouchpointQuadrant;
  action: string;
  priorityFlag: boolean;
  priorityScore: number;
}

/** One row of the action list. */
export interface ActionItem extends MatrixPoint {
  rank: number;
  owner: string;
  volumePerMonth: number;
  pctDetractorsCreated: number;
}

/** `GET /api/touchpoints/matrix`: every touchpoint placed, and the ranked action list. */
export interface TouchpointMatrix {
  split: number;
  points: MatrixPoint[];
  actions: ActionItem[];
}

/**
 * Matrix and action list: each touchpoint at (op, cx) with bubble size = impact, its quadrant and
 * default action, flag and score; the action list holds the flagged touchpoints ranked by priority
 * score (descending), ties by higher volume per month, then higher % detractors created, then id.
 * Empty inventory → no points, no actions.
 */
export function touchpointMatrix(inventory: readonly Touchpoint[], split = MATRIX_SPLIT): TouchpointMatrix {
  const points = inventory.map((t): MatrixPoint => {
    const quadrant = touchpointQuadrant(t.opEfficiency, t.cxEfficiency, split);
    return {
      touchpointId: t.touchpointId,
      touchpoint: t.touchpoint,
      lifecycleStage: t.lifecycleStage,
      x: t.opEfficiency,
      y: t.cxEfficiency,
      size: t.impact,
      quadrant,
      action: QUADRANT_ACTIONS[quadrant],
      priorityFlag: priorityFlag(t),
      priorityScore: priorityScore(t),
    };
  });
  const byId = new Map(inventory.map((t) => [t.touchpointId, t]));
  const actions = points
    .filter((p) => p.priorityFlag)
    .map((p) => {
      const t = byId.get(p.touchpointId);
      return {
        ...p,
        rank: 0,
        owner: t?.owner ?? '',
        volumePerMonth: t?.volumePerMonth ?? 0,
        pctDetractorsCreated: t?.pctDetractorsCreated ?? 0,
      };
    })
    .sort(
      (a, b) =>
        b.priorityScore - a.priorityScore ||
        b.volumePerMonth - a.volumePerMonth ||
        b.pctDetractorsCreated - a.pctDetractorsCreated ||
        (a.touchpointId < b.touchpointId ? -1 : a.touchpointId > b.touchpointId ? 1 : 0),
    )
    .map((a, i) => ({ ...a, rank: i + 1 }));
  return { split, points, actions };
}

// ---------------------------------------------------------------------------------------------------
// Demo inventory

/**
 * A default inventory of 12 touchpoints across the six lifecycle stages for the synthetic company
 * (methods §5): support channels carry the planted pain points (slow SMB chat/e-mail first response,
 * unresolved contacts), product availability and agent knowledge are the top drivers. Workshop-style
 * scores; replace them with data-driven scores once KPIs exist.
 */
export const DEMO_TOUCHPOINTS: readonly Touchpoint[] = [
  {
    touchpointId: 'tp-website',
    touchpoint: 'Website and product pages',
    lifecycleStage: 'attract',
    operationalPurpose: 'identify prospect',
    cxRole: 'influence perception',
    owner: 'Digital Marketing',
    impact: 4,
    opEfficiency: 7,
    cxEfficiency: 6,
    volumePerMonth: 120000,
    pctPromotersCreated: 18,
    pctDetractorsCreated: 6,
    competitorGap: '0',
    evidenceSource: 'log',
  },
  {
    touchpointId: 'tp-content',
    touchpoint: 'White papers and webinars',
    lifecycleStage: 'attract',
    operationalPurpose: 'inform/educate',
    cxRole: 'build preference',
    owner: 'Product Marketing',
    impact: 3,
    opEfficiency: 6,
    cxEfficiency: 7,
    volumePerMonth: 4000,
    pctPromotersCreated: 22,
    pctDetractorsCreated: 4,
    competitorGap: '+',
    evidenceSource: 'workshop',
  },
  {
    touchpointId: 'tp-demo',
    touchpoint: 'Sales demo and proposal',
    lifecycleStage: 'consider',
    operationalPurpose: 'accelerate conversion',
    cxRole: 'build preference',
    owner: 'Sales (ENT)',
    impact: 6,
    opEfficiency: 5,
    cxEfficiency: 8,
    volumePerMonth: 350,
    pctPromotersCreated: 35,
    pctDetractorsCreated: 8,
    competitorGap: '+',
    evidenceSource: 'workshop',
  },
  {
    touchpointId: 'tp-trial',
    touchpoint: 'Self-serve trial sign-up',
    lifecycleStage: 'consider',
    operationalPurpose: 'accelerate conversion',
    cxRole: 'influence perception',
    owner: 'Growth (SMB)',
    impact: 5,
    opEfficiency: 8,
    cxEfficiency: 5,
    volumePerMonth: 2500,
    pctPromotersCreated: 15,
    pctDetractorsCreated: 14,
    competitorGap: '-',
    evidenceSource: 'log',
  },
  {
    touchpointId: 'tp-checkout',
    touchpoint: 'Order and checkout',
    lifecycleStage: 'purchase',
    operationalPurpose: 'execute transaction',
    cxRole: 'influence perception',
    owner: 'E-commerce',
    impact: 8,
    opEfficiency: 4,
    cxEfficiency: 5,
    volumePerMonth: 9000,
    pctPromotersCreated: 12,
    pctDetractorsCreated: 16,
    competitorGap: '-',
    evidenceSource: 'survey',
  },
  {
    touchpointId: 'tp-onboarding',
    touchpoint: 'Onboarding call',
    lifecycleStage: 'purchase',
    operationalPurpose: 'inform/educate',
    cxRole: 'create loyalty',
    owner: 'Customer Success',
    impact: 7,
    opEfficiency: 6,
    cxEfficiency: 7,
    volumePerMonth: 600,
    pctPromotersCreated: 30,
    pctDetractorsCreated: 7,
    competitorGap: '0',
    evidenceSource: 'survey',
  },
  {
    touchpointId: 'tp-phone',
    touchpoint: 'Support phone',
    lifecycleStage: 'use',
    operationalPurpose: 'resolve problem',
    cxRole: 'create loyalty',
    owner: 'Contact Centre',
    impact: 9,
    opEfficiency: 6,
    cxEfficiency: 5,
    volumePerMonth: 2600,
    pctPromotersCreated: 20,
    pctDetractorsCreated: 18,
    competitorGap: '0',
    evidenceSource: 'survey',
  },
  {
    touchpointId: 'tp-chat',
    touchpoint: 'Support chat',
    lifecycleStage: 'use',
    operationalPurpose: 'resolve problem',
    cxRole: 'create loyalty',
    owner: 'Contact Centre',
    impact: 10,
    opEfficiency: 4,
    cxEfficiency: 4,
    volumePerMonth: 1950,
    pctPromotersCreated: 16,
    pctDetractorsCreated: 24,
    competitorGap: '-',
    evidenceSource: 'survey',
  },
  {
    touchpointId: 'tp-email',
    touchpoint: 'Support e-mail',
    lifecycleStage: 'use',
    operationalPurpose: 'resolve problem',
    cxRole: 'create loyalty',
    owner: 'Contact Centre',
    impact: 8,
    opEfficiency: 3,
    cxEfficiency: 4,
    volumePerMonth: 1950,
    pctPromotersCreated: 12,
    pctDetractorsCreated: 26,
    competitorGap: '-',
    evidenceSource: 'survey',
  },
  {
    touchpointId: 'tp-invoice',
    touchpoint: 'Invoice and billing',
    lifecycleStage: 'use',
    operationalPurpose: 'execute transaction',
    cxRole: 'influence perception',
    owner: 'Finance Operations',
    impact: 4,
    opEfficiency: 7,
    cxEfficiency: 6,
    volumePerMonth: 20000,
    pctPromotersCreated: 5,
    pctDetractorsCreated: 5,
    competitorGap: '0',
    evidenceSource: 'log',
  },
  {
    touchpointId: 'tp-renewal',
    touchpoint: 'Renewal call',
    lifecycleStage: 'repurchase',
    operationalPurpose: 'retain/renew',
    cxRole: 'create loyalty',
    owner: 'Account Management',
    impact: 8,
    opEfficiency: 7,
    cxEfficiency: 7,
    volumePerMonth: 250,
    pctPromotersCreated: 28,
    pctDetractorsCreated: 9,
    competitorGap: '+',
    evidenceSource: 'workshop',
  },
  {
    touchpointId: 'tp-referral',
    touchpoint: 'Referral programme and advisory board',
    lifecycleStage: 'recommend',
    operationalPurpose: 'retain/renew',
    cxRole: 'create loyalty',
    owner: 'Customer Marketing',
    impact: 5,
    opEfficiency: 5,
    cxEfficiency: 8,
    volumePerMonth: 150,
    pctPromotersCreated: 45,
    pctDetractorsCreated: 3,
    competitorGap: '0',
    evidenceSource: 'workshop',
  },
];
