/**
 * What-if levers (contracts `POST /what-if`) projected through the fitted §2.4 hazard model for the
 * customers active at the end of the data. Relationships used — and only these:
 *
 * - frtChangePct (e.g. −40): FRT × (1 + pct/100) for customers who had a contact in the last 90 days,
 *   i.e. log2(FRT/target) + log2(1 + pct/100), through the hazard coefficient δ1. No mediated effect
 *   on resolution or NPS is modelled.
 * - detractorToPassivePct (0–100): that share of current detractors becomes passive (expected value:
 *   each detractor's hazard is (1 − s)·h_D + s·h_N), through γ_D − γ_N.
 * - fcrChangePts (percentage points): the BU's share of resolved contacts f (last 12 months) rises by
 *   the lever; each customer's unresolved-contact count scales by (1 − f − Δ)/(1 − f) (floored at 0),
 *   through δ2; repeat-contact (failure-demand) cost scales by the same factor.
 *
 * Outputs, over the next 12 months, versus the current projection: change in expected churners and in
 * the annual churn rate (percentage points), change in expected revenue (12 × MRR × −Δp̂₁₂; positive =
 * revenue kept) and change in CoPE (Δp̂₁₂ × MRR × margin × L, L = Σ_{k≤H} r^k/(1 + i_m)^k, plus the
 * failure-demand change). P10/P50/P90 from β* ~ N(β̂, V̂_cluster). Associational: evidence class
 * `model-based`, never an ROI.
 *
 * Two steps so the API can answer in milliseconds: {@link whatIfBasis} (recompute phase 2) reduces the
 * customers to cells — same BU, same lever exposure (contact in the last 90 days, unresolved count,
 * detractor or not) and adjacent linear predictor at β̂ — each holding its count, MRR and mean design
 * row, plus the coefficient draws restricted to the non-month columns; {@link projectWhatIf} applies
 * the levers to that basis. Every lever moves η by the same amount for all customers of a cell, and η
 * is linear in the design row, so a cell's only approximation is churn12 evaluated at the mean η
 * instead of averaged over the customers (cells are quantile slices of η, ≤ `maxCellsPerGroup` per
 * group). {@link whatIf} is the exact computation: one cell per customer.
 */
import { annotateRepeats } from '../metrics/contacts';
import { monthIndex, monthOfEpochMs } from '../month';
import type { Facts } from '../views/metric-views';
import {
  costPerContactOf,
  grossMarginOf,
  lifetimeMultiplier,
  moneyFromDraws,
  type Assumptions,
  type Money,
} from './assumptions';
import {
  averageRecentMonthEffect,
  coefficientDraws,
  covariateEta,
  rowValues,
  type HazardModel,
} from './hazard';
import { NPS_CODE, type CustomerMonthPanel } from './panel';
import { churn12 } from './revenue-at-risk';

/** Lever settings; omitted levers are 0. */
export interface WhatIfLevers {
  frtChangePct?: number;
  detractorToPassivePct?: number;
  fcrChangePts?: number;
}

/** Options of {@link whatIf}. */
export interface WhatIfOptions {
  /** Business unit or `ALL` (default). */
  bu?: string;
  draws?: number;
  seed?: number;
}

/** Result of {@link whatIf}. */
export interface WhatIfResult {
  status: 'ok' | 'insufficient-data';
  reason: string | null;
  bu: string;
  levers: Required<WhatIfLevers>;
  currency: string;
  customers: number;
  baseline: { expectedChurners12: number; churnRatePct: number };
  /** Change in expected churners over 12 months (negative = fewer). */
  churnersChange: Money & { point: number };
  /** Change in the 12-month churn rate, percentage points. */
  churnRateChangePts: Money & { point: number };
  /** Change in expected 12-month revenue (positive = revenue kept). */
  revenue12Change: Money & { point: number };
  /** Change in CoPE over the next 12 months (negative = lower cost of poor experience). */
  copeChange: Money & { point: number };
  relationships: string[];
  evidenceClass: 'model-based';
  assumptionsVersion: number;
}

/** Options of {@link whatIfBasis}. */
export interface WhatIfBasisOptions {
  draws?: number;
  seed?: number;
  /**
   * Cells per lever-exposure group (quantile slices of η at β̂). `Infinity` = one cell per customer,
   * i.e. the exact computation. Default 40.
   */
  maxCellsPerGroup?: number;
}

/** Per business unit inputs of the projection. */
export interface WhatIfBasisUnit {
  bu: string;
  customers: number;
  /** Resolved share of contacts with a resolution flag over the last 12 months; null without flags. */
  resolvedShare: number | null;
  /** Cost of repeat contacts over the last 12 months (failure demand). */
  repeatContactCost12: number;
  /** Value of one unit of lost MRR: gross margin × discounted lifetime multiplier L. */
  valuePerMrr: number;
}

/**
 * The materialized what-if basis (JSON-serialisable). `cells` are flat rows
 * `[buIndex, contact90 (0/1), unresolved30, detractor (0/1), customers, Σ MRR, …mean design row]`
 * with the design row over `columns` (model columns without the month dummies).
 */
export interface WhatIfBasis {
  status: 'ok' | 'insufficient-data';
  reason: string | null;
  currency: string;
  assumptionsVersion: number;
  columns: string[];
  /** Positions in `columns` (−1 when the model has no such term). */
  at: { frt: number; unresolved: number; passive: number; detractor: number };
  /** [average recent month effect, β over `columns`] at β̂ and for each draw. */
  point: number[];
  draws: number[][];
  seed: number;
  units: WhatIfBasisUnit[];
  cells: number[][];
  /** Cells per lever-exposure group used (null = one per customer). */
  maxCellsPerGroup: number | null;
}

const CELL_HEAD = 6;

/** Reduces panel, facts and model to the {@link WhatIfBasis} (see the module comment). */
export function whatIfBasis(
  panel: CustomerMonthPanel,
  facts: Facts,
  model: HazardModel,
  assumptions: Assumptions,
  options: WhatIfBasisOptions = {},
): WhatIfBasis {
  const D = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const maxCells = options.maxCellsPerGroup ?? 40;
  const { layout } = model;
  const colIdx: number[] = [0];
  const names: string[] = [layout.names[0] ?? '(Intercept)'];
  const add = (c: number) => {
    if (c < 0 || colIdx.includes(c)) return;
    colIdx.push(c);
    names.push(layout.names[c] ?? String(c));
  };
  layout.buCol.forEach((c) => add(c));
  layout.npsCol.forEach((c) => add(c));
  for (const c of [
    layout.frtCol,
    layout.unresolvedCol,
    layout.cesCol,
    layout.csatCol,
    layout.tenureCol,
    layout.mrrCol,
  ])
    add(c);
  const pos = (c: number) => (c < 0 ? -1 : colIdx.indexOf(c));
  const empty: WhatIfBasis = {
    status: 'insufficient-data',
    reason: null,
    currency: assumptions.reportingCurrency,
    assumptionsVersion: assumptions.version,
    columns: names,
    at: {
      frt: pos(layout.frtCol),
      unresolved: pos(layout.unresolvedCol),
      passive: pos(layout.npsCol[0]),
      detractor: pos(layout.npsCol[1]),
    },
    point: [],
    draws: [],
    seed,
    units: [],
    cells: [],
    maxCellsPerGroup: Number.isFinite(maxCells) ? maxCells : null,
  };
  if (model.status !== 'ok')
    return { ...empty, reason: `hazard model: ${model.status} (${model.reason ?? ''})` };
  const drawn = D > 0 ? coefficientDraws(model, D, seed) : [];
  if (drawn === null)
    return { ...empty, reason: 'the clustered covariance of the hazard model cannot be sampled' };
  const reduce = (beta: readonly number[]) => [
    averageRecentMonthEffect(layout, beta),
    ...colIdx.map((c) => beta[c] ?? 0),
  ];

  // Resolution share f per BU and repeat-contact cost over the last 12 months.
  const nM = panel.months.length;
  const nB = panel.bus.length;
  const m0 = panel.months[0] !== undefined ? monthIndex(panel.months[0]) : 0;
  const from = nM - 12;
  const resolved = new Float64Array(nB);
  const flagged = new Float64Array(nB);
  const repeatCost = new Float64Array(nB);
  const buIdx = new Map(panel.bus.map((b, i) => [b, i]));
  const ann = annotateRepeats(
    facts.contacts.map((c) => ({
      contactId: c.contactId,
      issueId: c.issueId,
      customerId: c.customerId,
      createdMs: c.createdMs,
    })),
    facts.cutoffMs,
  );
  facts.contacts.forEach((c, j) => {
    const b = buIdx.get(c.scopeBu);
    const t = monthIndex(monthOfEpochMs(c.createdMs)) - m0;
    if (b === undefined || t < from || t >= nM) return;
    if (c.resolved !== null) {
      flagged[b] = (flagged[b] ?? 0) + 1;
      if (c.resolved) resolved[b] = (resolved[b] ?? 0) + 1;
    }
    if (ann[j]?.firstOfIssue === false)
      repeatCost[b] = (repeatCost[b] ?? 0) + costPerContactOf(assumptions, c.channel);
  });
  // Per-BU value of a lost unit of MRR over the horizon (recent monthly retention).
  const churned = new Float64Array(nB);
  const expo = new Float64Array(nB);
  for (let k = 0; k < panel.rows.n; k++) {
    if ((panel.rows.month[k] ?? 0) < from) continue;
    const b = panel.rows.bu[k] ?? 0;
    expo[b] = (expo[b] ?? 0) + 1;
    churned[b] = (churned[b] ?? 0) + (panel.rows.y[k] ?? 0);
  }
  const cur = panel.current;
  const customers = new Float64Array(nB);
  for (let k = 0; k < cur.n; k++) customers[cur.bu[k] ?? 0] = (customers[cur.bu[k] ?? 0] ?? 0) + 1;
  const units: WhatIfBasisUnit[] = panel.bus.map((name, b) => {
    const r = (expo[b] ?? 0) > 0 ? 1 - (churned[b] ?? 0) / (expo[b] ?? 1) : 1;
    return {
      bu: name,
      customers: customers[b] ?? 0,
      resolvedShare: (flagged[b] ?? 0) > 0 ? (resolved[b] ?? 0) / (flagged[b] ?? 1) : null,
      repeatContactCost12: repeatCost[b] ?? 0,
      valuePerMrr: grossMarginOf(assumptions, name) * lifetimeMultiplier(assumptions, r),
    };
  });

  // Lever-exposure groups, then quantile slices of η(β̂) within each group.
  const groups = new Map<string, number[]>();
  for (let k = 0; k < cur.n; k++) {
    const key = `${cur.bu[k] ?? 0}|${(cur.contacts90[k] ?? 0) > 0 ? 1 : 0}|${cur.unresolved30[k] ?? 0}|${cur.nps[k] === NPS_CODE.D ? 1 : 0}`;
    const g = groups.get(key);
    if (g) g.push(k);
    else groups.set(key, [k]);
  }
  const row = (k: number): number[] => {
    const v = rowValues(cur, k);
    const x = new Array<number>(colIdx.length).fill(0);
    x[0] = 1;
    const set = (c: number, val: number) => {
      const p = pos(c);
      if (p >= 0) x[p] = (x[p] ?? 0) + val;
    };
    set(layout.buCol[v.bu] ?? -1, 1);
    if (v.nps === NPS_CODE.N) set(layout.npsCol[0], 1);
    else if (v.nps === NPS_CODE.D) set(layout.npsCol[1], 1);
    else if (v.nps === NPS_CODE.none) set(layout.npsCol[2], 1);
    set(layout.frtCol, v.frtLog2);
    set(layout.unresolvedCol, v.unresolved30);
    set(layout.cesCol, v.highEffort90);
    set(layout.csatCol, v.lowCsat90);
    set(layout.tenureCol, Math.log(v.tenure));
    set(layout.mrrCol, Math.log(v.mrr));
    return x;
  };
  const cells: number[][] = [];
  const keys = [...groups.keys()].sort();
  for (const key of keys) {
    const members = groups.get(key) ?? [];
    const [b, c90, u, d] = key.split('|').map(Number);
    const eta = new Map(members.map((k) => [k, covariateEta(layout, model.coefficients, rowValues(cur, k))]));
    members.sort((a, z) => (eta.get(a) ?? 0) - (eta.get(z) ?? 0) || a - z);
    const K = Math.min(members.length, maxCells);
    for (let c = 0; c < K; c++) {
      const lo = Math.floor((c * members.length) / K);
      const hi = Math.floor(((c + 1) * members.length) / K);
      const xs = new Array<number>(colIdx.length).fill(0);
      let mrr = 0;
      for (let j = lo; j < hi; j++) {
        const k = members[j] ?? 0;
        row(k).forEach((v, i) => (xs[i] = (xs[i] ?? 0) + v));
        mrr += cur.mrr[k] ?? 0;
      }
      const w = hi - lo;
      cells.push([b ?? 0, c90 ?? 0, u ?? 0, d ?? 0, w, mrr, ...xs.map((v) => v / w)]);
    }
  }
  return {
    ...empty,
    status: 'ok',
    point: reduce(model.coefficients),
    draws: drawn.map(reduce),
    units,
    cells,
  };
}

/**
 * Projects the levers (see the module comment) on a {@link WhatIfBasis}. `insufficient-data` when the
 * basis has no model or no customer is active in scope; levers out of range (FRT change ≤ −100 %,
 * detractor share outside 0–100, FCR change beyond the unresolved share) are clamped and the clamp is
 * listed in `relationships`.
 */
export function projectWhatIf(basis: WhatIfBasis, levers: WhatIfLevers, bu = 'ALL'): WhatIfResult {
  const notes: string[] = [];
  const frtPct = Math.max(-99, levers.frtChangePct ?? 0);
  if ((levers.frtChangePct ?? 0) < -99) notes.push('frtChangePct clamped to −99 %');
  const share = Math.min(100, Math.max(0, levers.detractorToPassivePct ?? 0)) / 100;
  const fcrPts = levers.fcrChangePts ?? 0;
  const inScope = (b: number) => bu === 'ALL' || basis.units[b]?.bu === bu;
  const customers = basis.units.reduce((s, u, b) => s + (inScope(b) ? u.customers : 0), 0);
  const zero = { p10: 0, p50: 0, p90: 0, point: 0 };
  const base: WhatIfResult = {
    status: 'insufficient-data',
    reason: null,
    bu,
    levers: { frtChangePct: frtPct, detractorToPassivePct: share * 100, fcrChangePts: fcrPts },
    currency: basis.currency,
    customers,
    baseline: { expectedChurners12: 0, churnRatePct: 0 },
    churnersChange: zero,
    churnRateChangePts: zero,
    revenue12Change: zero,
    copeChange: zero,
    relationships: [],
    evidenceClass: 'model-based',
    assumptionsVersion: basis.assumptionsVersion,
  };
  if (basis.status !== 'ok') return { ...base, reason: basis.reason };
  if (customers === 0) return { ...base, reason: 'no active customers in scope' };

  const unresolvedFactor = basis.units.map((u) => {
    if (u.resolvedShare === null || fcrPts === 0) return 1;
    const f = u.resolvedShare;
    if (f >= 1) return 1;
    return Math.max(0, (1 - f - fcrPts / 100) / (1 - f));
  });
  if (fcrPts !== 0 && unresolvedFactor.some((x) => x === 0))
    notes.push('fcrChangePts clamped: unresolved share reaches 0');
  let failureChange = 0;
  basis.units.forEach((u, b) => {
    if (inScope(b)) failureChange += u.repeatContactCost12 * ((unresolvedFactor[b] ?? 1) - 1);
  });
  const frtShift = Math.log2(1 + frtPct / 100);
  const cells = basis.cells.filter((c) => inScope(c[0] ?? 0));
  const { at } = basis;
  // Flat typed copies for the hot loop (cells × draws).
  const W = basis.columns.length;
  const nC = cells.length;
  const X = new Float64Array(nC * W);
  const wOf = new Float64Array(nC);
  const mrrOf = new Float64Array(nC);
  const valueOf = new Float64Array(nC);
  const c90Of = new Uint8Array(nC);
  const detOf = new Uint8Array(nC);
  const uScaled = new Float64Array(nC);
  cells.forEach((c, j) => {
    const b = c[0] ?? 0;
    for (let i = 0; i < W; i++) X[j * W + i] = c[CELL_HEAD + i] ?? 0;
    c90Of[j] = c[1] ? 1 : 0;
    detOf[j] = c[3] ? 1 : 0;
    uScaled[j] = (c[2] ?? 0) * ((unresolvedFactor[b] ?? 1) - 1);
    wOf[j] = c[4] ?? 0;
    mrrOf[j] = c[5] ?? 0;
    valueOf[j] = (c[5] ?? 0) * (basis.units[b]?.valuePerMrr ?? 0);
  });
  const bv = new Float64Array(W);
  const evaluate = (beta: readonly number[]) => {
    // beta = [month effect, β over columns]; design rows start at CELL_HEAD.
    const coefAt = (p: number) => (p >= 0 ? (beta[p + 1] ?? 0) : 0);
    const dFrt = coefAt(at.frt) * frtShift;
    const bU = coefAt(at.unresolved);
    const dNps = coefAt(at.passive) - coefAt(at.detractor);
    const me = beta[0] ?? 0;
    for (let i = 0; i < W; i++) bv[i] = beta[i + 1] ?? 0;
    let p0 = 0;
    let dp = 0;
    let dRev = 0;
    let dCope = 0;
    for (let j = 0; j < nC; j++) {
      let eta = me;
      const o = j * W;
      for (let i = 0; i < W; i++) eta += (X[o + i] as number) * (bv[i] as number);
      const shift = (c90Of[j] ? dFrt : 0) + bU * (uScaled[j] as number);
      const base12 = churn12(eta);
      const a = shift === 0 ? base12 : churn12(eta + shift);
      const next = detOf[j] && share > 0 ? (1 - share) * a + share * churn12(eta + shift + dNps) : a;
      const d = next - base12;
      p0 += (wOf[j] as number) * base12;
      dp += (wOf[j] as number) * d;
      dRev -= 12 * (mrrOf[j] as number) * d;
      dCope += d * (valueOf[j] as number);
    }
    return { p0, dp, dRev, dCope: dCope + failureChange };
  };
  const pt = evaluate(basis.point);
  const dr = { dp: [] as number[], rate: [] as number[], rev: [] as number[], cope: [] as number[] };
  for (const beta of basis.draws) {
    const r = evaluate(beta);
    dr.dp.push(r.dp);
    dr.rate.push((100 * r.dp) / customers);
    dr.rev.push(r.dRev);
    dr.cope.push(r.dCope);
  }
  const range = (xs: number[], point: number) => ({
    ...(xs.length > 0 ? moneyFromDraws(xs) : { p10: point, p50: point, p90: point }),
    point,
  });
  return {
    ...base,
    status: 'ok',
    baseline: { expectedChurners12: pt.p0, churnRatePct: (100 * pt.p0) / customers },
    churnersChange: range(dr.dp, pt.dp),
    churnRateChangePts: range(dr.rate, (100 * pt.dp) / customers),
    revenue12Change: range(dr.rev, pt.dRev),
    copeChange: range(dr.cope, pt.dCope),
    relationships: [
      `FRT: hazard coefficient δ1 per doubling of FRT/target; log2 ratio shifted by ${frtShift.toFixed(3)} for customers with a contact in the last 90 days`,
      `Detractors → passives: ${(share * 100).toFixed(0)} % of current detractors take the passive hazard (γ_N instead of γ_D)`,
      `FCR: unresolved contacts scaled by ${unresolvedFactor
        .map((f, b) => [f, b] as const)
        .filter(([, b]) => inScope(b))
        .map(([f, b]) => `${basis.units[b]?.bu ?? b} ${f.toFixed(3)}`)
        .join(', ')} (δ2); repeat-contact cost scaled alike`,
      'Associational (hazard model, methods §2.4): not a causal estimate; no mediated paths (e.g. FRT → resolution → NPS) are modelled',
      ...notes,
    ],
  };
}

/** The exact projection (one cell per customer); see {@link whatIfBasis} and {@link projectWhatIf}. */
export function whatIf(
  panel: CustomerMonthPanel,
  facts: Facts,
  model: HazardModel,
  levers: WhatIfLevers,
  assumptions: Assumptions,
  options: WhatIfOptions = {},
): WhatIfResult {
  const basis = whatIfBasis(panel, facts, model, assumptions, {
    draws: options.draws ?? 1000,
    seed: options.seed ?? 1,
    maxCellsPerGroup: Infinity,
  });
  return projectWhatIf(basis, levers, options.bu ?? 'ALL');
}
