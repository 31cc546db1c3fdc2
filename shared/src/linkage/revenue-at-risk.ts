/**
 * Revenue at risk (methods §2.6) from the §2.4 hazard model, for the customers active at the end of
 * the data:
 *
 *   RaR_i = 12 × MRR_i × p̂_i,12,   p̂_i,12 = 1 − (1 − ĥ_i)^12 (covariates held at current values,
 *   month effect = average of the last 12 fitted months);
 *   CX-attributable RaR = Σ_i 12 × MRR_i × (p̂_i,12 − p̂^cf_i,12), p̂^cf with the poor-experience
 *   covariates at their good reference ({@link GOOD_EXPERIENCE_COUNTERFACTUAL}).
 *
 * P10/P50/P90 by a parametric bootstrap over coefficients β* ~ N(β̂, V̂_cluster) (default 1,000
 * seeded draws). Evidence class: model-based association. Money in reporting-currency major units.
 */
import { addMonths } from '../month';
import { grossMarginOf, moneyFromDraws, type Assumptions, type Money } from './assumptions';
import {
  GOOD_EXPERIENCE_COUNTERFACTUAL,
  averageRecentMonthEffect,
  coefficientDraws,
  encodeRow,
  goodExperience,
  rowValues,
  type HazardLayout,
  type HazardModel,
} from './hazard';
import { NPS_CODE, type CustomerMonthPanel, type PanelRows } from './panel';

/** Options of {@link revenueAtRisk}. */
export interface RevenueAtRiskOptions {
  /** Coefficient draws (default 1,000). */
  draws?: number;
  seed?: number;
  /** Number of accounts in `topAccounts` (default 20). */
  top?: number;
  /** Business unit to report, or `ALL` (default). */
  bu?: string;
}

/** One account of the top list. */
export interface AccountRisk {
  customerId: string;
  bu: string;
  mrr: number;
  churn12: number;
  revenueAtRisk: number;
  cxAttributable: number;
  /** Poor-experience signals the customer has now. */
  signals: string[];
}

/** Result of {@link revenueAtRisk}. */
export interface RevenueAtRisk {
  status: 'ok' | 'insufficient-data';
  reason: string | null;
  bu: string;
  /** First month after the data: the 12-month window starts here. */
  asOf: string | null;
  currency: string;
  customers: number;
  total: Money;
  cxAttributable: Money;
  /** Gross-margin view of the total (RaR × margin of each customer's BU). */
  marginAtRisk: Money;
  /** Values at β̂. */
  point: { total: number; cxAttributable: number; expectedChurners12: number };
  byBu: { bu: string; customers: number; total: Money; cxAttributable: Money }[];
  counterfactual: string;
  topAccounts: AccountRisk[];
  draws: number;
  seed: number;
  evidenceClass: 'model-based';
  assumptionsVersion: number;
}

/** Sparse design rows (no month dummy) of the current customers: actual and counterfactual. */
export interface EncodedRows {
  n: number;
  width: number;
  nnz: Int32Array;
  idx: Int32Array;
  x: Float64Array;
}

/** Encodes `count` rows produced by `values(k)` at month index t (month dummies are absent there). */
export function encodeRows(
  layout: HazardLayout,
  count: number,
  t: number,
  values: (k: number) => ReturnType<typeof rowValues>,
): EncodedRows {
  const width = 16;
  const nnz = new Int32Array(count);
  const idx = new Int32Array(count * width);
  const x = new Float64Array(count * width);
  const bi = new Int32Array(width);
  const bx = new Float64Array(width);
  for (let k = 0; k < count; k++) {
    const m = encodeRow(layout, values(k), t, bi, bx);
    nnz[k] = m;
    idx.set(bi.subarray(0, m), k * width);
    x.set(bx.subarray(0, m), k * width);
  }
  return { n: count, width, nnz, idx, x };
}

/** η_k = Σ β_j x_kj + `shift` for every encoded row, into `out`. */
export function etaOf(
  enc: EncodedRows,
  beta: readonly number[],
  shift: number,
  out: Float64Array,
): Float64Array {
  for (let k = 0; k < enc.n; k++) {
    let eta = shift;
    const base = k * enc.width;
    const m = enc.nnz[k] ?? 0;
    for (let a = 0; a < m; a++) eta += (enc.x[base + a] ?? 0) * (beta[enc.idx[base + a] ?? 0] ?? 0);
    out[k] = eta;
  }
  return out;
}

/** 12-month churn from a monthly linear predictor: 1 − (1 − logistic(η))^12. */
export function churn12(eta: number): number {
  const s = 1 / (1 + Math.exp(eta));
  const s2 = s * s;
  const s4 = s2 * s2;
  return 1 - s4 * s4 * s4;
}

/** Poor-experience signals of a row (labels for account lists). */
export function signalsOf(rows: PanelRows, k: number): string[] {
  const s: string[] = [];
  if (rows.nps[k] === NPS_CODE.D) s.push('detractor');
  if ((rows.unresolved30[k] ?? 0) > 0) s.push(`unresolved contacts: ${rows.unresolved30[k] ?? 0}`);
  if ((rows.frtLog2[k] ?? 0) > 0) s.push(`FRT ${(2 ** (rows.frtLog2[k] ?? 0)).toFixed(1)}× target`);
  if (rows.highEffort90[k]) s.push('high effort (CES ≤ 3)');
  if (rows.lowCsat90[k]) s.push('low CSAT (≤ 2)');
  return s;
}

/**
 * Revenue at risk and its CX-attributable part for the customers active at the end of the data
 * (optionally one BU), with P10/P50/P90 from coefficient draws and the top accounts by RaR.
 * `insufficient-data` when the hazard model has no estimates, its covariance cannot be sampled, or
 * no customer is active.
 */
export function revenueAtRisk(
  panel: CustomerMonthPanel,
  model: HazardModel,
  assumptions: Assumptions,
  options: RevenueAtRiskOptions = {},
): RevenueAtRisk {
  const D = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const bu = options.bu ?? 'ALL';
  const cur = panel.current;
  const keep: number[] = [];
  for (let k = 0; k < cur.n; k++) if (bu === 'ALL' || panel.bus[cur.bu[k] ?? 0] === bu) keep.push(k);
  const zero: Money = { p10: 0, p50: 0, p90: 0 };
  const result = (over: Partial<RevenueAtRisk>): RevenueAtRisk => ({
    status: 'insufficient-data',
    reason: null,
    bu,
    asOf: null,
    currency: assumptions.reportingCurrency,
    customers: keep.length,
    total: zero,
    cxAttributable: zero,
    marginAtRisk: zero,
    point: { total: 0, cxAttributable: 0, expectedChurners12: 0 },
    byBu: [],
    counterfactual: GOOD_EXPERIENCE_COUNTERFACTUAL,
    topAccounts: [],
    draws: 0,
    seed,
    evidenceClass: 'model-based',
    assumptionsVersion: assumptions.version,
    ...over,
  });
  if (model.status !== 'ok')
    return result({ reason: `hazard model: ${model.status} (${model.reason ?? ''})` });
  if (keep.length === 0) return result({ reason: 'no active customers at the end of the data' });
  if (panel.reportingCurrency !== assumptions.reportingCurrency) {
    return result({
      reason: `panel currency ${panel.reportingCurrency} differs from the register's ${assumptions.reportingCurrency}`,
    });
  }
  const draws = D > 0 ? coefficientDraws(model, D, seed) : [];
  if (draws === null)
    return result({ reason: 'the clustered covariance of the hazard model cannot be sampled' });

  const { layout } = model;
  const t = panel.months.length;
  const enc = encodeRows(layout, keep.length, t, (j) => rowValues(cur, keep[j] ?? 0));
  const encCf = encodeRows(layout, keep.length, t, (j) => goodExperience(rowValues(cur, keep[j] ?? 0)));
  const mrr12 = Float64Array.from(keep, (k) => 12 * (cur.mrr[k] ?? 0));
  const buOf = Int32Array.from(keep, (k) => cur.bu[k] ?? 0);
  const gm = Float64Array.from(buOf, (b) => grossMarginOf(assumptions, panel.bus[b] ?? ''));
  const nB = panel.bus.length;
  const eta = new Float64Array(keep.length);
  const etaCf = new Float64Array(keep.length);

  const evaluate = (beta: readonly number[]) => {
    const me = averageRecentMonthEffect(layout, beta);
    etaOf(enc, beta, me, eta);
    etaOf(encCf, beta, me, etaCf);
    const tot = new Float64Array(nB);
    const cx = new Float64Array(nB);
    let margin = 0;
    let churners = 0;
    for (let j = 0; j < keep.length; j++) {
      const p = churn12(eta[j] ?? 0);
      const pc = churn12(etaCf[j] ?? 0);
      const b = buOf[j] ?? 0;
      const r = (mrr12[j] ?? 0) * p;
      tot[b] = (tot[b] ?? 0) + r;
      cx[b] = (cx[b] ?? 0) + (mrr12[j] ?? 0) * (p - pc);
      margin += r * (gm[j] ?? 0);
      churners += p;
    }
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    return { tot, cx, total: sum(tot), cxTotal: sum(cx), margin, churners };
  };

  const pt = evaluate(model.coefficients);
  // eta/etaCf hold the values at β̂ until the draws below overwrite them.
  const perAccount = keep.map((k, j) => {
    const p = churn12(eta[j] ?? 0);
    const pc = churn12(etaCf[j] ?? 0);
    return {
      customerId: panel.customerIds[cur.customer[k] ?? 0] ?? '',
      bu: panel.bus[cur.bu[k] ?? 0] ?? '',
      mrr: cur.mrr[k] ?? 0,
      churn12: p,
      revenueAtRisk: (mrr12[j] ?? 0) * p,
      cxAttributable: (mrr12[j] ?? 0) * (p - pc),
      signals: signalsOf(cur, k),
    };
  });
  const top = perAccount.sort((a, b) => b.revenueAtRisk - a.revenueAtRisk).slice(0, options.top ?? 20);

  const totals: number[] = [];
  const cxs: number[] = [];
  const margins: number[] = [];
  const buTot: number[][] = Array.from({ length: nB }, () => []);
  const buCx: number[][] = Array.from({ length: nB }, () => []);
  for (const beta of draws) {
    const r = evaluate(beta);
    totals.push(r.total);
    cxs.push(r.cxTotal);
    margins.push(r.margin);
    for (let b = 0; b < nB; b++) {
      buTot[b]?.push(r.tot[b] ?? 0);
      buCx[b]?.push(r.cx[b] ?? 0);
    }
  }
  const range = (xs: number[], point: number): Money =>
    xs.length > 0 ? moneyFromDraws(xs) : { p10: point, p50: point, p90: point };
  const customersByBu = new Int32Array(nB);
  for (const b of buOf) customersByBu[b] = (customersByBu[b] ?? 0) + 1;
  return result({
    status: 'ok',
    asOf: panel.months.length > 0 ? addMonths(panel.months[panel.months.length - 1] ?? '', 1) : null,
    total: range(totals, pt.total),
    cxAttributable: range(cxs, pt.cxTotal),
    marginAtRisk: range(margins, pt.margin),
    point: { total: pt.total, cxAttributable: pt.cxTotal, expectedChurners12: pt.churners },
    byBu: panel.bus
      .map((name, b) => ({
        bu: name,
        customers: customersByBu[b] ?? 0,
        total: range(buTot[b] ?? [], pt.tot[b] ?? 0),
        cxAttributable: range(buCx[b] ?? [], pt.cx[b] ?? 0),
      }))
      .filter((x) => x.customers > 0),
    topAccounts: top,
    draws: draws.length,
  });
}
