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
import { averageRecentMonthEffect, coefficientDraws, rowValues, type HazardModel } from './hazard';
import { NPS_CODE, type CustomerMonthPanel } from './panel';
import { churn12, encodeRows, etaOf } from './revenue-at-risk';

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

/**
 * Projects the levers (see the module comment). `insufficient-data` when the hazard model has no
 * estimates or no customer is active in scope; levers out of range (FRT change ≤ −100 %, detractor
 * share outside 0–100, FCR change beyond the unresolved share) are clamped and the clamp is listed in
 * `relationships`.
 */
export function whatIf(
  panel: CustomerMonthPanel,
  facts: Facts,
  model: HazardModel,
  levers: WhatIfLevers,
  assumptions: Assumptions,
  options: WhatIfOptions = {},
): WhatIfResult {
  const bu = options.bu ?? 'ALL';
  const D = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const notes: string[] = [];
  const frtPct = Math.max(-99, levers.frtChangePct ?? 0);
  if ((levers.frtChangePct ?? 0) < -99) notes.push('frtChangePct clamped to −99 %');
  const share = Math.min(100, Math.max(0, levers.detractorToPassivePct ?? 0)) / 100;
  const fcrPts = levers.fcrChangePts ?? 0;
  const cur = panel.current;
  const keep: number[] = [];
  for (let k = 0; k < cur.n; k++) if (bu === 'ALL' || panel.bus[cur.bu[k] ?? 0] === bu) keep.push(k);
  const zero = { p10: 0, p50: 0, p90: 0, point: 0 };
  const base: WhatIfResult = {
    status: 'insufficient-data',
    reason: null,
    bu,
    levers: { frtChangePct: frtPct, detractorToPassivePct: share * 100, fcrChangePts: fcrPts },
    currency: assumptions.reportingCurrency,
    customers: keep.length,
    baseline: { expectedChurners12: 0, churnRatePct: 0 },
    churnersChange: zero,
    churnRateChangePts: zero,
    revenue12Change: zero,
    copeChange: zero,
    relationships: [],
    evidenceClass: 'model-based',
    assumptionsVersion: assumptions.version,
  };
  if (model.status !== 'ok')
    return { ...base, reason: `hazard model: ${model.status} (${model.reason ?? ''})` };
  if (keep.length === 0) return { ...base, reason: 'no active customers in scope' };
  const draws = D > 0 ? coefficientDraws(model, D, seed) : [];
  if (draws === null)
    return { ...base, reason: 'the clustered covariance of the hazard model cannot be sampled' };

  // Resolution share f per BU and repeat-contact cost over the last 12 months.
  const nM = panel.months.length;
  const m0 = panel.months[0] !== undefined ? monthIndex(panel.months[0]) : 0;
  const from = nM - 12;
  const resolved = new Float64Array(panel.bus.length);
  const flagged = new Float64Array(panel.bus.length);
  const repeatCost = new Float64Array(panel.bus.length);
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
  const unresolvedFactor = panel.bus.map((_, b) => {
    const n = flagged[b] ?? 0;
    if (n === 0 || fcrPts === 0) return 1;
    const f = (resolved[b] ?? 0) / n;
    if (f >= 1) return 1;
    return Math.max(0, (1 - f - fcrPts / 100) / (1 - f));
  });
  if (fcrPts !== 0 && unresolvedFactor.some((x) => x === 0))
    notes.push('fcrChangePts clamped: unresolved share reaches 0');

  const frtShift = Math.log2(1 + frtPct / 100);
  const { layout } = model;
  const t = panel.months.length;
  const values = (j: number) => rowValues(cur, keep[j] ?? 0);
  const scenario = (j: number, asPassive: boolean) => {
    const v = values(j);
    if ((cur.contacts90[keep[j] ?? 0] ?? 0) > 0) v.frtLog2 += frtShift;
    v.unresolved30 *= unresolvedFactor[v.bu] ?? 1;
    if (asPassive && v.nps === NPS_CODE.D) v.nps = NPS_CODE.N;
    return v;
  };
  const enc = encodeRows(layout, keep.length, t, values);
  const encA = encodeRows(layout, keep.length, t, (j) => scenario(j, false));
  const encB = encodeRows(layout, keep.length, t, (j) => scenario(j, true));
  const isD = Uint8Array.from(keep, (k) => (cur.nps[k] === NPS_CODE.D ? 1 : 0));
  const mrr = Float64Array.from(keep, (k) => cur.mrr[k] ?? 0);
  const buOf = Int32Array.from(keep, (k) => cur.bu[k] ?? 0);
  // Per-BU value of a lost customer-month of margin over the horizon.
  const churnRate = new Float64Array(panel.bus.length);
  const expo = new Float64Array(panel.bus.length);
  for (let k = 0; k < panel.rows.n; k++) {
    const tt = panel.rows.month[k] ?? 0;
    if (tt < from) continue;
    const b = panel.rows.bu[k] ?? 0;
    expo[b] = (expo[b] ?? 0) + 1;
    churnRate[b] = (churnRate[b] ?? 0) + (panel.rows.y[k] ?? 0);
  }
  const valuePerMrr = panel.bus.map((name, b) => {
    const r = (expo[b] ?? 0) > 0 ? 1 - (churnRate[b] ?? 0) / (expo[b] ?? 1) : 1;
    return grossMarginOf(assumptions, name) * lifetimeMultiplier(assumptions, r);
  });
  let failureChange = 0;
  panel.bus.forEach((name, b) => {
    if (bu === 'ALL' || name === bu) failureChange += (repeatCost[b] ?? 0) * ((unresolvedFactor[b] ?? 1) - 1);
  });

  const e0 = new Float64Array(keep.length);
  const eA = new Float64Array(keep.length);
  const eB = new Float64Array(keep.length);
  const evaluate = (beta: readonly number[]) => {
    const me = averageRecentMonthEffect(layout, beta);
    etaOf(enc, beta, me, e0);
    etaOf(encA, beta, me, eA);
    etaOf(encB, beta, me, eB);
    let p0 = 0;
    let dp = 0;
    let dRev = 0;
    let dCope = 0;
    for (let j = 0; j < keep.length; j++) {
      const base12 = churn12(e0[j] ?? 0);
      const a = churn12(eA[j] ?? 0);
      const next = isD[j] ? (1 - share) * a + share * churn12(eB[j] ?? 0) : a;
      const d = next - base12;
      p0 += base12;
      dp += d;
      dRev -= 12 * (mrr[j] ?? 0) * d;
      dCope += d * (mrr[j] ?? 0) * (valuePerMrr[buOf[j] ?? 0] ?? 0);
    }
    return { p0, dp, dRev, dCope: dCope + failureChange };
  };
  const pt = evaluate(model.coefficients);
  const dr = { dp: [] as number[], rate: [] as number[], rev: [] as number[], cope: [] as number[] };
  for (const beta of draws) {
    const r = evaluate(beta);
    dr.dp.push(r.dp);
    dr.rate.push((100 * r.dp) / keep.length);
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
    baseline: { expectedChurners12: pt.p0, churnRatePct: (100 * pt.p0) / keep.length },
    churnersChange: range(dr.dp, pt.dp),
    churnRateChangePts: range(dr.rate, (100 * pt.dp) / keep.length),
    revenue12Change: range(dr.rev, pt.dRev),
    copeChange: range(dr.cope, pt.dCope),
    relationships: [
      `FRT: hazard coefficient δ1 per doubling of FRT/target; log2 ratio shifted by ${frtShift.toFixed(3)} for customers with a contact in the last 90 days`,
      `Detractors → passives: ${(share * 100).toFixed(0)} % of current detractors take the passive hazard (γ_N instead of γ_D)`,
      `FCR: unresolved contacts scaled by ${unresolvedFactor.map((f, b) => `${panel.bus[b] ?? b} ${f.toFixed(3)}`).join(', ')} (δ2); repeat-contact cost scaled alike`,
      'Associational (hazard model, methods §2.4): not a causal estimate; no mediated paths (e.g. FRT → resolution → NPS) are modelled',
      ...notes,
    ],
  };
}
