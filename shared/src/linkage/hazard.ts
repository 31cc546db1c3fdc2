/**
 * Discrete-time logistic churn hazard (methods §2.4) on the customer-month panel:
 *
 *   logit P(y_it = 1) = α_month(t) + β_BU + γ_N·1[N] + γ_D·1[D] + γ_0·1[no NPS in 12 m]
 *                      + δ1·log2(median FRT_90d / target) + δ2·unresolved_30d
 *                      + δ3·1[CES ≤ 3 in 90 d] + δ4·1[CSAT ≤ 2 in 90 d]
 *                      + θ1·log(tenure months) + θ2·log(MRR)
 *
 * fitted by IRLS with standard errors clustered by customer (CR1). Outputs odds ratios with 95 %
 * CIs, average marginal effects (percentage points, delta-method CIs), predicted 12-month churn
 * p̂_i,12 = 1 − (1 − ĥ_i)^12 with covariates held at their current values and the month effect
 * averaged over the last 12 fitted months, temporal validation (fit months 1–18, test 19–24) and
 * the NPS-vs-CSAT-vs-CES predictor comparison. Evidence class: model-based association (never ROI).
 *
 * The §2.4 price-change term θ3 is omitted (no price events in the inputs; see panel.ts).
 */
import { coefficientTable, fitGlm, type GlmDesign, type GlmFit, type GlmStatus } from '../stats/glm';
import { zForLevel } from '../stats/distributions';
import { mvnSampler, quadraticForm } from '../stats/linalg';
import { createPrng } from '../stats/prng';
import { NPS_CODE, type CustomerMonthPanel, type NpsCode, type PanelRows } from './panel';

/** CX covariate groups that a model may include (month, BU, tenure and MRR are always in). */
export const CX_GROUPS = ['nps', 'frt', 'unresolved', 'ces', 'csat'] as const;
export type CxGroup = (typeof CX_GROUPS)[number];

/** A 95 % estimate with the n behind it. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
  n: number;
}

/** Evidence classes of methods §2.8. */
export type EvidenceClass = 'causal' | 'model-based' | 'benchmark';

/** Column positions of a hazard design (−1 = not in the model). */
export interface HazardLayout {
  p: number;
  names: string[];
  /** Calendar month index → column (−1 for the reference month and months outside the fit). */
  monthCol: Int32Array;
  /** Fitted calendar months (first = reference). */
  monthFrom: number;
  monthTo: number;
  /** BU index → column (−1 for the reference BU). */
  buCol: Int32Array;
  /** Columns of N, D and none (promoters are the reference). */
  npsCol: [number, number, number];
  frtCol: number;
  unresolvedCol: number;
  cesCol: number;
  csatCol: number;
  tenureCol: number;
  mrrCol: number;
  groups: readonly CxGroup[];
}

/** Covariate values of one customer-month (one row of the panel, possibly modified). */
export interface CovariateValues {
  bu: number;
  nps: NpsCode;
  frtLog2: number;
  unresolved30: number;
  highEffort90: number;
  lowCsat90: number;
  tenure: number;
  mrr: number;
}

/** One coefficient of the hazard model with its odds ratio. */
export interface HazardTerm {
  name: string;
  beta: number;
  se: number;
  p: number;
  oddsRatio: Estimate;
}

/** Average marginal effect of a CX term on the monthly churn probability (percentage points). */
export interface MarginalEffect {
  name: string;
  /** `discrete`: 1 vs 0 (NPS categories vs promoter); `derivative`: per unit of the covariate. */
  kind: 'discrete' | 'derivative';
  pp: Estimate;
}

/** A fitted hazard model. Coefficient fields are empty unless status is `ok`. */
export interface HazardModel {
  status: GlmStatus;
  reason: string | null;
  layout: HazardLayout;
  months: string[];
  bus: string[];
  fit: GlmFit;
  coefficients: number[];
  /** Cluster-robust (customer) covariance; model-based when fewer than 2 clusters. */
  cov: number[][];
  terms: HazardTerm[];
  n: number;
  events: number;
  clusters: number;
  evidenceClass: 'model-based';
}

/** Options of {@link fitHazardModel}. */
export interface HazardOptions {
  /** CX covariate groups (default all). */
  groups?: readonly CxGroup[];
  /** First and last calendar month index to fit (default all panel months). */
  monthFrom?: number;
  monthTo?: number;
}

const logistic = (eta: number): number => 1 / (1 + Math.exp(-eta));
const coef = (beta: readonly number[], c: number): number => (c >= 0 ? (beta[c] ?? 0) : 0);

/** Builds the column layout of a hazard design. */
export function hazardLayout(
  panel: Pick<CustomerMonthPanel, 'months' | 'bus'>,
  groups: readonly CxGroup[],
  monthFrom: number,
  monthTo: number,
): HazardLayout {
  const names = ['(Intercept)'];
  const monthCol = new Int32Array(panel.months.length + 1).fill(-1);
  for (let t = monthFrom + 1; t <= monthTo; t++) {
    monthCol[t] = names.length;
    names.push(`month:${panel.months[t] ?? t}`);
  }
  const buCol = new Int32Array(panel.bus.length).fill(-1);
  for (let b = 1; b < panel.bus.length; b++) {
    buCol[b] = names.length;
    names.push(`bu:${panel.bus[b] ?? b}`);
  }
  const col = (name: string) => {
    names.push(name);
    return names.length - 1;
  };
  const has = (g: CxGroup) => groups.includes(g);
  const npsCol: [number, number, number] = has('nps')
    ? [col('nps:passive'), col('nps:detractor'), col('nps:not-surveyed')]
    : [-1, -1, -1];
  const frtCol = has('frt') ? col('frt:log2-ratio-to-target') : -1;
  const unresolvedCol = has('unresolved') ? col('unresolved-contacts-30d') : -1;
  const cesCol = has('ces') ? col('ces<=3-90d') : -1;
  const csatCol = has('csat') ? col('csat<=2-90d') : -1;
  const tenureCol = col('log-tenure-months');
  const mrrCol = col('log-mrr');
  return {
    p: names.length,
    names,
    monthCol,
    monthFrom,
    monthTo,
    buCol,
    npsCol,
    frtCol,
    unresolvedCol,
    cesCol,
    csatCol,
    tenureCol,
    mrrCol,
    groups: [...groups],
  };
}

/** The covariate values of panel row k. */
export function rowValues(rows: PanelRows, k: number): CovariateValues {
  return {
    bu: rows.bu[k] ?? 0,
    nps: (rows.nps[k] ?? NPS_CODE.none) as NpsCode,
    frtLog2: rows.frtLog2[k] ?? 0,
    unresolved30: rows.unresolved30[k] ?? 0,
    highEffort90: rows.highEffort90[k] ?? 0,
    lowCsat90: rows.lowCsat90[k] ?? 0,
    tenure: rows.tenure[k] ?? 1,
    mrr: rows.mrr[k] ?? 1,
  };
}

/** Writes the sparse design row of `v` (with the month dummy of calendar month t) into idx/x; returns nnz. */
export function encodeRow(
  layout: HazardLayout,
  v: CovariateValues,
  t: number,
  idx: Int32Array,
  x: Float64Array,
): number {
  return encodeParts(
    layout,
    t,
    v.bu,
    v.nps,
    v.frtLog2,
    v.unresolved30,
    v.highEffort90,
    v.lowCsat90,
    v.tenure,
    v.mrr,
    idx,
    x,
  );
}

/** {@link encodeRow} for panel row k without allocating (hot path of the fit). */
export function encodePanelRow(
  layout: HazardLayout,
  rows: PanelRows,
  k: number,
  idx: Int32Array,
  x: Float64Array,
): number {
  return encodeParts(
    layout,
    rows.month[k] ?? 0,
    rows.bu[k] ?? 0,
    rows.nps[k] ?? NPS_CODE.none,
    rows.frtLog2[k] ?? 0,
    rows.unresolved30[k] ?? 0,
    rows.highEffort90[k] ?? 0,
    rows.lowCsat90[k] ?? 0,
    rows.tenure[k] ?? 1,
    rows.mrr[k] ?? 1,
    idx,
    x,
  );
}

function encodeParts(
  L: HazardLayout,
  t: number,
  bu: number,
  nps: number,
  frt: number,
  unresolved: number,
  highEffort: number,
  lowCsat: number,
  tenure: number,
  mrr: number,
  idx: Int32Array,
  x: Float64Array,
): number {
  let k = 0;
  idx[k] = 0;
  x[k++] = 1;
  const mc = L.monthCol[t] ?? -1;
  if (mc >= 0) {
    idx[k] = mc;
    x[k++] = 1;
  }
  const bc = L.buCol[bu] ?? -1;
  if (bc >= 0) {
    idx[k] = bc;
    x[k++] = 1;
  }
  const nc =
    nps === NPS_CODE.N
      ? L.npsCol[0]
      : nps === NPS_CODE.D
        ? L.npsCol[1]
        : nps === NPS_CODE.none
          ? L.npsCol[2]
          : -1;
  if (nc >= 0) {
    idx[k] = nc;
    x[k++] = 1;
  }
  if (L.frtCol >= 0 && frt !== 0) {
    idx[k] = L.frtCol;
    x[k++] = frt;
  }
  if (L.unresolvedCol >= 0 && unresolved !== 0) {
    idx[k] = L.unresolvedCol;
    x[k++] = unresolved;
  }
  if (L.cesCol >= 0 && highEffort !== 0) {
    idx[k] = L.cesCol;
    x[k++] = highEffort;
  }
  if (L.csatCol >= 0 && lowCsat !== 0) {
    idx[k] = L.csatCol;
    x[k++] = lowCsat;
  }
  const lt = Math.log(tenure);
  if (lt !== 0) {
    idx[k] = L.tenureCol;
    x[k++] = lt;
  }
  const lm = Math.log(mrr);
  if (lm !== 0) {
    idx[k] = L.mrrCol;
    x[k++] = lm;
  }
  return k;
}

/** Linear predictor without the month effect: intercept + BU + CX terms + tenure + MRR. */
export function covariateEta(layout: HazardLayout, beta: readonly number[], v: CovariateValues): number {
  let eta = coef(beta, 0) + coef(beta, layout.buCol[v.bu] ?? -1);
  if (v.nps === NPS_CODE.N) eta += coef(beta, layout.npsCol[0]);
  else if (v.nps === NPS_CODE.D) eta += coef(beta, layout.npsCol[1]);
  else if (v.nps === NPS_CODE.none) eta += coef(beta, layout.npsCol[2]);
  eta += coef(beta, layout.frtCol) * v.frtLog2;
  eta += coef(beta, layout.unresolvedCol) * v.unresolved30;
  eta += coef(beta, layout.cesCol) * v.highEffort90;
  eta += coef(beta, layout.csatCol) * v.lowCsat90;
  eta += coef(beta, layout.tenureCol) * Math.log(v.tenure);
  eta += coef(beta, layout.mrrCol) * Math.log(v.mrr);
  return eta;
}

/** {@link covariateEta} of panel row k (no allocation). */
export function panelCovariateEta(
  layout: HazardLayout,
  beta: readonly number[],
  rows: PanelRows,
  k: number,
): number {
  const nps = rows.nps[k] ?? NPS_CODE.none;
  let eta = coef(beta, 0) + coef(beta, layout.buCol[rows.bu[k] ?? 0] ?? -1);
  if (nps === NPS_CODE.N) eta += coef(beta, layout.npsCol[0]);
  else if (nps === NPS_CODE.D) eta += coef(beta, layout.npsCol[1]);
  else if (nps === NPS_CODE.none) eta += coef(beta, layout.npsCol[2]);
  eta += coef(beta, layout.frtCol) * (rows.frtLog2[k] ?? 0);
  eta += coef(beta, layout.unresolvedCol) * (rows.unresolved30[k] ?? 0);
  eta += coef(beta, layout.cesCol) * (rows.highEffort90[k] ?? 0);
  eta += coef(beta, layout.csatCol) * (rows.lowCsat90[k] ?? 0);
  eta += coef(beta, layout.tenureCol) * Math.log(rows.tenure[k] ?? 1);
  eta += coef(beta, layout.mrrCol) * Math.log(rows.mrr[k] ?? 1);
  return eta;
}

/** Month effect of a fitted calendar month (0 for the reference month); null outside the fit. */
function fittedMonthEffect(layout: HazardLayout, beta: readonly number[], t: number): number | null {
  if (t < layout.monthFrom || t > layout.monthTo) return null;
  const c = layout.monthCol[t] ?? -1;
  return c >= 0 ? (beta[c] ?? 0) : 0;
}

/**
 * Month effect used for prediction at calendar month t: the fitted effect when t was fitted; else the
 * effect of the same calendar month one year earlier (seasonal naive) when fitted; else the average
 * of the last 12 fitted month effects (logit scale).
 */
export function monthEffect(layout: HazardLayout, beta: readonly number[], t: number): number {
  const own = fittedMonthEffect(layout, beta, t);
  if (own !== null) return own;
  for (let back = 12; t - back >= layout.monthFrom; back += 12) {
    const e = fittedMonthEffect(layout, beta, t - back);
    if (e !== null) return e;
  }
  return averageRecentMonthEffect(layout, beta);
}

/** Average of the last min(12, fitted) month effects on the logit scale (reference month = 0). */
export function averageRecentMonthEffect(layout: HazardLayout, beta: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (let t = Math.max(layout.monthFrom, layout.monthTo - 11); t <= layout.monthTo; t++) {
    s += fittedMonthEffect(layout, beta, t) ?? 0;
    n++;
  }
  return n > 0 ? s / n : 0;
}

/**
 * Predicted churn within h months (default 12) holding covariates at `v`: 1 − (1 − ĥ)^h with
 * ĥ = logistic(month effect + covariate η). `monthEta` defaults to the average of the last 12 fitted
 * month effects.
 */
export function predictChurn(
  layout: HazardLayout,
  beta: readonly number[],
  v: CovariateValues,
  horizon = 12,
  monthEta: number = averageRecentMonthEffect(layout, beta),
): number {
  const h = logistic(monthEta + covariateEta(layout, beta, v));
  return 1 - (1 - h) ** horizon;
}

function designOver(
  panel: CustomerMonthPanel,
  layout: HazardLayout,
  include: (k: number) => boolean,
): GlmDesign {
  const rows = panel.rows;
  const idx = new Int32Array(32);
  const x = new Float64Array(32);
  const row = { x, index: idx, nnz: 0, y: 0, cluster: 0 };
  return {
    p: layout.p,
    names: layout.names,
    forEach: (visit) => {
      for (let k = 0; k < rows.n; k++) {
        const t = rows.month[k] ?? 0;
        if (t < layout.monthFrom || t > layout.monthTo || !include(k)) continue;
        row.nnz = encodePanelRow(layout, rows, k, idx, x);
        row.y = rows.y[k] ?? 0;
        row.cluster = rows.customer[k] ?? 0;
        visit(row);
      }
    },
  };
}

/**
 * Fits the §2.4 hazard model on the panel rows of months monthFrom … monthTo (default all), clustered
 * by customer. Odds ratios exp(β) with 95 % CIs exp(β ± 1.96·SE_cluster). A non-`ok` GLM status (e.g.
 * `singular` when a BU has no rows, `separation` when no churn was observed) is passed through with
 * empty terms.
 */
export function fitHazardModel(
  panel: CustomerMonthPanel,
  options: HazardOptions = {},
  include: (k: number) => boolean = () => true,
): HazardModel {
  const groups = options.groups ?? CX_GROUPS;
  const monthFrom = options.monthFrom ?? 0;
  const monthTo = options.monthTo ?? panel.months.length - 1;
  const layout = hazardLayout(panel, groups, monthFrom, monthTo);
  const fit = fitGlm(designOver(panel, layout, include), { family: 'binomial', intercept: 0 });
  let events = 0;
  const rows = panel.rows;
  for (let k = 0; k < rows.n; k++) {
    const t = rows.month[k] ?? 0;
    if (t >= monthFrom && t <= monthTo && include(k)) events += rows.y[k] ?? 0;
  }
  const base: HazardModel = {
    status: fit.status,
    reason: fit.reason,
    layout,
    months: panel.months.slice(monthFrom, monthTo + 1),
    bus: panel.bus,
    fit,
    coefficients: [],
    cov: [],
    terms: [],
    n: fit.n,
    events,
    clusters: fit.clusters,
    evidenceClass: 'model-based',
  };
  if (fit.status !== 'ok' || !fit.coefficients) return base;
  const cov = fit.robustCov ?? fit.cov ?? [];
  const table = coefficientTable(fit, { robust: true });
  const z = zForLevel(0.95);
  return {
    ...base,
    coefficients: fit.coefficients,
    cov,
    terms: table.map((r) => ({
      name: r.name,
      beta: r.estimate,
      se: r.se,
      p: r.p,
      oddsRatio: {
        value: Math.exp(r.estimate),
        low: Math.exp(r.estimate - z * r.se),
        high: Math.exp(r.estimate + z * r.se),
        n: fit.n,
      },
    })),
  };
}

/** The term of a model by name (undefined when absent). */
export function termOf(model: HazardModel, name: string): HazardTerm | undefined {
  return model.terms.find((t) => t.name === name);
}

/**
 * Average marginal effects on the monthly churn probability in percentage points over the fitted rows:
 * NPS categories and the CES/CSAT flags as discrete changes (category vs promoter, flag 1 vs 0, all
 * rows set to each value: AME = mean[Λ(η₁) − Λ(η₀)]); FRT (per doubling) and unresolved contacts (per
 * contact) as derivatives mean[Λ(η)(1 − Λ(η))·β]. 95 % CIs by the delta method with the clustered
 * covariance. Empty for a model without estimates.
 */
export function averageMarginalEffects(panel: CustomerMonthPanel, model: HazardModel): MarginalEffect[] {
  if (model.status !== 'ok') return [];
  const { layout, coefficients: beta, cov } = model;
  const p = layout.p;
  /** A discrete spec switches `col` on (all other `group` columns off) vs the reference (all off). */
  type Spec = { name: string; kind: 'discrete' | 'derivative'; col: number; group: number[] };
  const specs: Spec[] = [];
  const npsNames = ['passive', 'detractor', 'not-surveyed'];
  const npsGroup = layout.npsCol.filter((c) => c >= 0);
  layout.npsCol.forEach((c, j) => {
    if (c >= 0)
      specs.push({ name: `nps:${npsNames[j] ?? ''} vs promoter`, kind: 'discrete', col: c, group: npsGroup });
  });
  if (layout.cesCol >= 0)
    specs.push({ name: 'ces<=3-90d', kind: 'discrete', col: layout.cesCol, group: [layout.cesCol] });
  if (layout.csatCol >= 0)
    specs.push({ name: 'csat<=2-90d', kind: 'discrete', col: layout.csatCol, group: [layout.csatCol] });
  if (layout.frtCol >= 0)
    specs.push({ name: 'frt:per-doubling', kind: 'derivative', col: layout.frtCol, group: [] });
  if (layout.unresolvedCol >= 0)
    specs.push({
      name: 'unresolved-contacts-30d:per-contact',
      kind: 'derivative',
      col: layout.unresolvedCol,
      group: [],
    });
  const inGroup = specs.map((s) => {
    const m = new Uint8Array(p);
    for (const c of s.group) m[c] = 1;
    return m;
  });

  const sums = new Float64Array(specs.length);
  const grads = specs.map(() => new Float64Array(p));
  const idx = new Int32Array(32);
  const x = new Float64Array(32);
  const rows = panel.rows;
  let n = 0;
  for (let k = 0; k < rows.n; k++) {
    const t = rows.month[k] ?? 0;
    if (t < layout.monthFrom || t > layout.monthTo) continue;
    n++;
    const nnz = encodePanelRow(layout, rows, k, idx, x);
    let eta = 0;
    for (let a = 0; a < nnz; a++) eta += (x[a] ?? 0) * (beta[idx[a] ?? 0] ?? 0);
    for (let j = 0; j < specs.length; j++) {
      const s = specs[j];
      const g = grads[j];
      const mask = inGroup[j];
      if (!s || !g || !mask) continue;
      if (s.kind === 'discrete') {
        let contrib = 0;
        for (let a = 0; a < nnz; a++) {
          const c = idx[a] ?? 0;
          if (mask[c]) contrib += (x[a] ?? 0) * (beta[c] ?? 0);
        }
        const pOn = logistic(eta - contrib + (beta[s.col] ?? 0));
        const pOff = logistic(eta - contrib);
        sums[j] = (sums[j] ?? 0) + pOn - pOff;
        const dOn = pOn * (1 - pOn);
        const dOff = pOff * (1 - pOff);
        for (let a = 0; a < nnz; a++) {
          const c = idx[a] ?? 0;
          if (!mask[c]) g[c] = (g[c] ?? 0) + (dOn - dOff) * (x[a] ?? 0);
        }
        g[s.col] = (g[s.col] ?? 0) + dOn;
      } else {
        const pr = logistic(eta);
        const dens = pr * (1 - pr);
        const bj = beta[s.col] ?? 0;
        sums[j] = (sums[j] ?? 0) + dens * bj;
        const d2 = dens * (1 - 2 * pr) * bj;
        for (let a = 0; a < nnz; a++) {
          const c = idx[a] ?? 0;
          g[c] = (g[c] ?? 0) + d2 * (x[a] ?? 0);
        }
        g[s.col] = (g[s.col] ?? 0) + dens;
      }
    }
  }
  const z = zForLevel(0.95);
  return specs.map((s, j) => {
    const value = n > 0 ? (sums[j] ?? 0) / n : 0;
    const g = Array.from(grads[j] ?? [], (v) => v / Math.max(n, 1));
    const se = Math.sqrt(Math.max(0, quadraticForm(g, cov)));
    return {
      name: s.name,
      kind: s.kind,
      pp: { value: 100 * value, low: 100 * (value - z * se), high: 100 * (value + z * se), n },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Validation

/** One decile of the lift table (decile 10 = highest predicted risk). */
export interface LiftDecile {
  decile: number;
  n: number;
  events: number;
  meanPredicted: number;
  observedRate: number;
  /** observedRate / overall observed rate. */
  lift: number;
}

/** Out-of-sample performance of a hazard model. */
export interface ValidationResult {
  status: 'ok' | 'insufficient-data';
  reason: string | null;
  trainMonths: [string, string] | null;
  testMonths: [string, string] | null;
  nTrain: number;
  nTest: number;
  eventsTest: number;
  auc: number | null;
  brier: number | null;
  logLoss: number | null;
  /** Slope of logit(y) on the linear predictor (1 = perfect). */
  calibrationSlope: number | null;
  /** Calibration-in-the-large: intercept of logit(y) with the linear predictor as offset (0 = perfect). */
  calibrationIntercept: number | null;
  deciles: LiftDecile[];
}

/**
 * AUC = P(score of a random event > score of a random non-event), ties counted ½, by the Mann–Whitney
 * rank sum with average ranks: (R₁ − n₁(n₁ + 1)/2)/(n₁n₀). Null when either class is empty.
 */
export function auc(scores: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let n1 = 0;
  let r1 = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    const s = scores[order[i] ?? 0] ?? 0;
    while (j + 1 < n && (scores[order[j + 1] ?? 0] ?? 0) === s) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if ((y[order[k] ?? 0] ?? 0) === 1) {
        n1++;
        r1 += avgRank;
      }
    }
    i = j + 1;
  }
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) return null;
  return (r1 - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

/** Score a fitted model on panel rows of months [from, to]: linear predictors and outcomes. */
function scoreRows(
  panel: CustomerMonthPanel,
  model: HazardModel,
  from: number,
  to: number,
): { lp: Float64Array; y: Uint8Array } {
  const rows = panel.rows;
  const lp: number[] = [];
  const y: number[] = [];
  const monthEta = new Map<number, number>();
  for (let k = 0; k < rows.n; k++) {
    const t = rows.month[k] ?? 0;
    if (t < from || t > to) continue;
    let me = monthEta.get(t);
    if (me === undefined) monthEta.set(t, (me = monthEffect(model.layout, model.coefficients, t)));
    lp.push(me + panelCovariateEta(model.layout, model.coefficients, rows, k));
    y.push(rows.y[k] ?? 0);
  }
  return { lp: Float64Array.from(lp), y: Uint8Array.from(y) };
}

function evaluate(
  lp: Float64Array,
  y: Uint8Array,
): Omit<ValidationResult, 'status' | 'reason' | 'trainMonths' | 'testMonths' | 'nTrain'> {
  const n = lp.length;
  const pr = Float64Array.from(lp, logistic);
  let brier = 0;
  let ll = 0;
  let events = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, pr[i] ?? 0));
    const yi = y[i] ?? 0;
    events += yi;
    brier += (p - yi) ** 2;
    ll -= yi ? Math.log(p) : Math.log(1 - p);
  }
  const slopeFit = fitGlm(
    {
      p: 2,
      forEach: (visit) => {
        const x = [1, 0];
        for (let i = 0; i < n; i++) {
          x[1] = lp[i] ?? 0;
          visit({ x, y: y[i] ?? 0 });
        }
      },
    },
    { family: 'binomial', intercept: 0 },
  );
  const interceptFit = fitGlm(
    {
      p: 1,
      forEach: (visit) => {
        const x = [1];
        for (let i = 0; i < n; i++) visit({ x, y: y[i] ?? 0, offset: lp[i] ?? 0 });
      },
    },
    { family: 'binomial', intercept: 0 },
  );
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (pr[a] ?? 0) - (pr[b] ?? 0));
  const overall = n > 0 ? events / n : 0;
  const deciles: LiftDecile[] = [];
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10);
    const to = Math.floor(((d + 1) * n) / 10);
    let sp = 0;
    let ev = 0;
    for (let k = from; k < to; k++) {
      const i = order[k] ?? 0;
      sp += pr[i] ?? 0;
      ev += y[i] ?? 0;
    }
    const m = to - from;
    deciles.push({
      decile: d + 1,
      n: m,
      events: ev,
      meanPredicted: m > 0 ? sp / m : 0,
      observedRate: m > 0 ? ev / m : 0,
      lift: m > 0 && overall > 0 ? ev / m / overall : 0,
    });
  }
  return {
    nTest: n,
    eventsTest: events,
    auc: auc(pr, y),
    brier: n > 0 ? brier / n : null,
    logLoss: n > 0 ? ll / n : null,
    calibrationSlope: slopeFit.status === 'ok' ? (slopeFit.coefficients?.[1] ?? null) : null,
    calibrationIntercept: interceptFit.status === 'ok' ? (interceptFit.coefficients?.[0] ?? null) : null,
    deciles,
  };
}

/** Options of {@link validateHazardModel}. */
export interface ValidationOptions {
  groups?: readonly CxGroup[];
  /** Number of leading months to fit (default 18); the remaining months are the test set. */
  trainMonths?: number;
}

/**
 * Temporal validation (methods §2.4): fit on the first `trainMonths` (default 18) calendar months,
 * score the rest. Test months use the fitted effect of the same calendar month one year earlier.
 * Reports AUC, Brier score, log-loss, calibration slope and intercept and a decile lift table.
 * `insufficient-data` when either side has no months or the training fit fails.
 */
export function validateHazardModel(
  panel: CustomerMonthPanel,
  options: ValidationOptions = {},
): ValidationResult & { model: HazardModel | null } {
  const nM = panel.months.length;
  const train = options.trainMonths ?? 18;
  const empty = (reason: string): ValidationResult & { model: HazardModel | null } => ({
    status: 'insufficient-data',
    reason,
    trainMonths: null,
    testMonths: null,
    nTrain: 0,
    nTest: 0,
    eventsTest: 0,
    auc: null,
    brier: null,
    logLoss: null,
    calibrationSlope: null,
    calibrationIntercept: null,
    deciles: [],
    model: null,
  });
  if (train < 2 || train >= nM) return empty(`need more than ${train} months (have ${nM})`);
  const model = fitHazardModel(panel, {
    groups: options.groups ?? CX_GROUPS,
    monthFrom: 0,
    monthTo: train - 1,
  });
  if (model.status !== 'ok')
    return { ...empty(`training fit: ${model.status} (${model.reason ?? ''})`), model };
  const { lp, y } = scoreRows(panel, model, train, nM - 1);
  return {
    status: 'ok',
    reason: null,
    trainMonths: [panel.months[0] ?? '', panel.months[train - 1] ?? ''],
    testMonths: [panel.months[train] ?? '', panel.months[nM - 1] ?? ''],
    nTrain: model.n,
    ...evaluate(lp, y),
    model,
  };
}

/** Out-of-sample comparison entry of {@link comparePredictors}. */
export interface PredictorComparison {
  model: 'base' | 'nps' | 'csat' | 'ces' | 'all';
  groups: CxGroup[];
  status: 'ok' | 'insufficient-data';
  auc: number | null;
  logLoss: number | null;
  brier: number | null;
  nTest: number;
}

/**
 * The NPS-vs-CSAT-vs-CES comparison of methods §2.4: the base model (month, BU, tenure, MRR) plus the
 * NPS category only, the CSAT ≤ 2 flag only, the CES ≤ 3 flag only, and all CX covariates; each fitted
 * on the training months and scored out of sample (AUC, log-loss, Brier).
 */
export function comparePredictors(panel: CustomerMonthPanel, trainMonths = 18): PredictorComparison[] {
  const specs: { model: PredictorComparison['model']; groups: CxGroup[] }[] = [
    { model: 'base', groups: [] },
    { model: 'nps', groups: ['nps'] },
    { model: 'csat', groups: ['csat'] },
    { model: 'ces', groups: ['ces'] },
    { model: 'all', groups: [...CX_GROUPS] },
  ];
  return specs.map(({ model, groups }) => {
    const v = validateHazardModel(panel, { groups, trainMonths });
    return {
      model,
      groups,
      status: v.status,
      auc: v.auc,
      logLoss: v.logLoss,
      brier: v.brier,
      nTest: v.nTest,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Counterfactuals and coefficient draws shared by revenue at risk, CoPE and what-if

/** Text of the good-experience counterfactual (shown on screen, methods §2.6). */
export const GOOD_EXPERIENCE_COUNTERFACTUAL =
  'Each customer keeps their BU, tenure, MRR and month effect, but has no unresolved contacts in the last 30 days, ' +
  'first response times at or below the channel target (slower-than-target FRT set to the target; faster kept), ' +
  'no CES ≤ 3 and no CSAT ≤ 2 response in the last 90 days, and detractors re-coded as passives; passives, promoters ' +
  'and not-surveyed customers keep their NPS category.';

/** The poor-experience covariates of `v` set to their good reference (see {@link GOOD_EXPERIENCE_COUNTERFACTUAL}). */
export function goodExperience(v: CovariateValues): CovariateValues {
  return {
    ...v,
    nps: v.nps === NPS_CODE.D ? NPS_CODE.N : v.nps,
    frtLog2: Math.min(v.frtLog2, 0),
    unresolved30: 0,
    highEffort90: 0,
    lowCsat90: 0,
  };
}

/**
 * `count` parametric draws β* ~ N(β̂, V̂_cluster) (seeded), each a full coefficient vector; the first
 * draw is not β̂ itself. Null when the model has no estimates or V̂ is not positive definite.
 */
export function coefficientDraws(model: HazardModel, count: number, seed: number): number[][] | null {
  if (model.status !== 'ok' || model.coefficients.length === 0) return null;
  const sampler = mvnSampler(model.coefficients, model.cov, createPrng(seed));
  if (sampler.status !== 'ok') return null;
  return Array.from({ length: count }, () => sampler.value());
}
