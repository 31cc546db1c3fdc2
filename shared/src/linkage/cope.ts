/**
 * Cost of poor experience (methods §2.7) per business unit and period:
 *
 *   CoPE = L_churn + L_contraction + C_failure + C_compensation
 *
 * - L_churn = Σ_{i churned in period} AF_i × V_i with AF_i = (HR_i − 1)/HR_i, HR_i = exp(η_i − η_i^cf)
 *   the hazard ratio of the poor-experience covariates customer i had in its churn month (§2.4 model,
 *   odds ratio ≈ hazard ratio for monthly hazards < 10 %; counterfactual as in revenue at risk); AF = 0
 *   when HR ≤ 1 (no poor-experience flag). V_i = MRR_i × margin × L, L = Σ_{k=1..H} r^k/(1 + i_m)^k with
 *   r = 1 − the BU's monthly churn rate in the period (lost margin over horizon H).
 * - L_contraction = Σ_{seg ∈ {D, N}} (c_seg − c_P) × Σ_{months} MRR_seg × 12 × margin, where the
 *   contraction rate c_seg = Σ max(0, m_{t−1} − m_t) / Σ m_{t−1} over retained customer-months (no churn
 *   in t, revenue known in t − 1 and t) of customers whose last NPS category is seg; promoters are the
 *   reference; not-surveyed customers are not a segment. Each month's excess contracted MRR is valued
 *   over 12 months (methods' "× 12").
 * - C_failure = repeat contacts × cost per contact(channel) (repeat = not the first contact of its issue,
 *   §1.6) + escalations × cost per escalation (0: escalations are not in the inputs).
 * - C_compensation = credits/refunds/goodwill from finance GL tags (0 with a note unless given).
 *
 * P10/P50/P90: each draw takes β* ~ N(β̂, V̂_cluster) (HRs) and a bootstrap resample of the BU's
 * customers (churn events, contraction, repeat contacts). Evidence class: model-based association.
 */
import { annotateRepeats } from '../metrics/contacts';
import { monthIndex, monthOfEpochMs, type Month } from '../month';
import { createPrng, randomIndex } from '../stats/prng';
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
  GOOD_EXPERIENCE_COUNTERFACTUAL,
  coefficientDraws,
  encodeRow,
  goodExperience,
  rowValues,
  type HazardModel,
} from './hazard';
import { NPS_CODE, revenueAt, type CustomerMonthPanel, type PanelRows } from './panel';

/** A reporting period (inclusive months). */
export interface CopePeriod {
  label: string;
  from: Month;
  to: Month;
}

/** Options of {@link costOfPoorExperience}. */
export interface CopeOptions {
  /** Periods (default: the last 12 months of the panel as one period). */
  periods?: CopePeriod[];
  /** Business units (default all). */
  bus?: string[];
  /** Draws for the interval (default 1,000). */
  draws?: number;
  seed?: number;
  /** Compensation from finance GL tags, keyed `${bu}|${period.label}` (reporting currency). */
  compensation?: Readonly<Record<string, number>>;
  /**
   * Also return `ALL` per period: the sum of the units' components, with P10/P50/P90 of the summed
   * draws (draw d of every unit shares β*_d; the customer bootstrap is stratified by unit), never
   * summed quantiles. `insufficient-data` when any unit is.
   */
  all?: boolean;
}

/** One CoPE component with its range. */
export interface CopeComponent extends Money {
  component: 'churn' | 'contraction' | 'failure-demand' | 'compensation';
  /** Value at β̂ on the observed customers. */
  point: number;
  note: string | null;
}

/** CoPE of one business unit and period. */
export interface CopeResult {
  status: 'ok' | 'insufficient-data';
  reason: string | null;
  bu: string;
  period: CopePeriod;
  currency: string;
  total: Money & { point: number };
  components: CopeComponent[];
  n: { customerMonths: number; churners: number; churnersWithPoorExperience: number; repeatContacts: number };
  /** For `ALL`: the units summed. */
  parts?: string[];
  assumptionsUsed: {
    /** Null for `ALL` (each unit uses its own; see `grossMarginByBu`). */
    grossMargin: number | null;
    grossMarginByBu?: Record<string, number>;
    clvHorizonMonths: number;
    annualDiscountRate: number;
    /** Null for `ALL` (per unit). */
    monthlyRetention: number | null;
    lifetimeMultiplier: number | null;
    costPerContact: Record<string, number>;
    contractionReference: 'promoter';
    counterfactual: string;
  };
  draws: number;
  evidenceClass: 'model-based';
  assumptionsVersion: number;
}

interface CustomerAcc {
  /** Churn events in the period: sparse x − x^cf (log HR = βᵀ(x − x^cf)) and value V. */
  churnDelta: { cols: number[]; vals: number[] }[];
  churnV: number[];
  /** Per segment (0 P, 1 N, 2 D): contraction and base MRR sums. */
  contraction: Float64Array;
  base: Float64Array;
  failure: number;
}

function dot(beta: readonly number[], d: { cols: number[]; vals: number[] }): number {
  let s = 0;
  for (let a = 0; a < d.cols.length; a++) s += (beta[d.cols[a] ?? 0] ?? 0) * (d.vals[a] ?? 0);
  return s;
}

/** Sparse x − x^cf of panel row k (its poor-experience covariates against the good reference). */
function poorExperienceDelta(
  model: HazardModel,
  rows: PanelRows,
  k: number,
): { cols: number[]; vals: number[] } {
  const { layout } = model;
  const p = layout.p;
  const v = rowValues(rows, k);
  const dense = new Float64Array(p);
  const bi = new Int32Array(16);
  const bx = new Float64Array(16);
  const t = layout.monthCol.length - 1;
  let m = encodeRow(layout, v, t, bi, bx);
  for (let a = 0; a < m; a++) dense[bi[a] ?? 0] = (dense[bi[a] ?? 0] ?? 0) + (bx[a] ?? 0);
  m = encodeRow(layout, goodExperience(v), t, bi, bx);
  for (let a = 0; a < m; a++) dense[bi[a] ?? 0] = (dense[bi[a] ?? 0] ?? 0) - (bx[a] ?? 0);
  const cols: number[] = [];
  const vals: number[] = [];
  dense.forEach((val, c) => {
    if (Math.abs(val) > 1e-15) {
      cols.push(c);
      vals.push(val);
    }
  });
  return { cols, vals };
}

/**
 * CoPE per business unit and period (see the module comment). A BU-period without customer-months is
 * `insufficient-data`; a hazard model without estimates gives `insufficient-data` for every entry.
 */
export function costOfPoorExperience(
  panel: CustomerMonthPanel,
  facts: Facts,
  model: HazardModel,
  assumptions: Assumptions,
  options: CopeOptions = {},
): CopeResult[] {
  const nM = panel.months.length;
  const lastMonth = panel.months[nM - 1];
  const firstMonth = panel.months[Math.max(0, nM - 12)];
  const periods =
    options.periods ??
    (lastMonth && firstMonth
      ? [{ label: `${firstMonth}..${lastMonth}`, from: firstMonth, to: lastMonth }]
      : []);
  const bus = options.bus ?? panel.bus;
  const D = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const m0 = panel.months[0] !== undefined ? monthIndex(panel.months[0]) : 0;
  const rows = panel.rows;
  const draws = model.status === 'ok' ? (D > 0 ? coefficientDraws(model, D, seed) : []) : null;

  // Repeat contacts (not first of issue) per customer and month, costed by channel.
  const ann = annotateRepeats(
    facts.contacts.map((c) => ({
      contactId: c.contactId,
      issueId: c.issueId,
      customerId: c.customerId,
      createdMs: c.createdMs,
    })),
    facts.cutoffMs,
  );
  const idxOf = new Map(panel.customerIds.map((id, i) => [id, i]));
  const repeats: { i: number; t: number; cost: number }[] = [];
  facts.contacts.forEach((c, j) => {
    if (ann[j]?.firstOfIssue !== false) return;
    const i = idxOf.get(c.customerId);
    if (i === undefined) return;
    repeats.push({
      i,
      t: monthIndex(monthOfEpochMs(c.createdMs)) - m0,
      cost: costPerContactOf(assumptions, c.channel),
    });
  });

  const out: CopeResult[] = [];
  for (const period of periods) {
    const summed: { res: CopeResult; dr: Record<'churn' | 'contraction' | 'failure' | 'total', number[]> }[] =
      [];
    const t1 = Math.max(0, monthIndex(period.from) - m0);
    const t2 = Math.min(nM - 1, monthIndex(period.to) - m0);
    for (const buName of bus) {
      const b = panel.bus.indexOf(buName);
      const gm = grossMarginOf(assumptions, buName);
      const empty = (reason: string): CopeResult => ({
        status: 'insufficient-data',
        reason,
        bu: buName,
        period,
        currency: assumptions.reportingCurrency,
        total: { p10: 0, p50: 0, p90: 0, point: 0 },
        components: [],
        n: { customerMonths: 0, churners: 0, churnersWithPoorExperience: 0, repeatContacts: 0 },
        assumptionsUsed: {
          grossMargin: gm,
          clvHorizonMonths: assumptions.clvHorizonMonths,
          annualDiscountRate: assumptions.annualDiscountRate,
          monthlyRetention: 0,
          lifetimeMultiplier: 0,
          costPerContact: { ...assumptions.costPerContact },
          contractionReference: 'promoter',
          counterfactual: GOOD_EXPERIENCE_COUNTERFACTUAL,
        },
        draws: 0,
        evidenceClass: 'model-based',
        assumptionsVersion: assumptions.version,
      });
      if (b < 0) {
        out.push(empty(`unknown business unit ${buName}`));
        continue;
      }
      if (model.status !== 'ok' || draws === null) {
        out.push(empty(`hazard model: ${model.status} (${model.reason ?? 'covariance cannot be sampled'})`));
        continue;
      }
      // Churn rate of the BU in the period → retention r and lifetime multiplier.
      let expo = 0;
      let churners = 0;
      for (let k = 0; k < rows.n; k++) {
        const t = rows.month[k] ?? 0;
        if ((rows.bu[k] ?? 0) !== b || t < t1 || t > t2) continue;
        expo++;
        churners += rows.y[k] ?? 0;
      }
      if (expo === 0) {
        out.push(empty('no active customers in the period'));
        continue;
      }
      const r = 1 - churners / expo;
      const L = lifetimeMultiplier(assumptions, r);
      // Per-customer accumulators.
      const accs = new Map<number, CustomerAcc>();
      const acc = (i: number): CustomerAcc => {
        let a = accs.get(i);
        if (!a) {
          a = {
            churnDelta: [],
            churnV: [],
            contraction: new Float64Array(3),
            base: new Float64Array(3),
            failure: 0,
          };
          accs.set(i, a);
        }
        return a;
      };
      let withPoor = 0;
      for (let k = 0; k < rows.n; k++) {
        const t = rows.month[k] ?? 0;
        if ((rows.bu[k] ?? 0) !== b || t < t1 || t > t2) continue;
        const i = rows.customer[k] ?? 0;
        const a = acc(i);
        if (rows.y[k]) {
          const delta = poorExperienceDelta(model, rows, k);
          a.churnDelta.push(delta);
          a.churnV.push((rows.mrr[k] ?? 0) * gm * L);
          if (dot(model.coefficients, delta) > 0) withPoor++;
        } else {
          const nps = rows.nps[k] ?? NPS_CODE.none;
          if (nps === NPS_CODE.none) continue;
          const prev = revenueAt(panel, i, t - 1);
          const now = revenueAt(panel, i, t);
          if (!(prev > 0) || Number.isNaN(now)) continue;
          const seg = nps === NPS_CODE.P ? 0 : nps === NPS_CODE.N ? 1 : 2;
          a.contraction[seg] = (a.contraction[seg] ?? 0) + Math.max(0, prev - Math.max(0, now));
          a.base[seg] = (a.base[seg] ?? 0) + prev;
        }
      }
      let nRepeats = 0;
      for (const rp of repeats) {
        if ((panel.customerBu[rp.i] ?? -1) !== b || rp.t < t1 || rp.t > t2) continue;
        acc(rp.i).failure += rp.cost;
        nRepeats++;
      }
      const customers = [...accs.keys()];
      const list = customers.map((i) => accs.get(i)).filter((a): a is CustomerAcc => a !== undefined);

      const lChurn = (beta: readonly number[], w: Float64Array | null): number => {
        let s = 0;
        list.forEach((a, j) => {
          const wj = w ? (w[j] ?? 0) : 1;
          if (wj === 0) return;
          a.churnDelta.forEach((delta, e) => {
            const d = dot(beta, delta);
            const af = d > 0 ? 1 - Math.exp(-d) : 0;
            s += wj * af * (a.churnV[e] ?? 0);
          });
        });
        return s;
      };
      const lContraction = (w: Float64Array | null): number => {
        const c = new Float64Array(3);
        const base = new Float64Array(3);
        list.forEach((a, j) => {
          const wj = w ? (w[j] ?? 0) : 1;
          for (let s = 0; s < 3; s++) {
            c[s] = (c[s] ?? 0) + wj * (a.contraction[s] ?? 0);
            base[s] = (base[s] ?? 0) + wj * (a.base[s] ?? 0);
          }
        });
        const rate = (s: number) => ((base[s] ?? 0) > 0 ? (c[s] ?? 0) / (base[s] ?? 0) : null);
        const ref = rate(0);
        if (ref === null) return 0;
        let total = 0;
        for (const s of [1, 2]) {
          const rs = rate(s);
          if (rs !== null) total += (rs - ref) * (base[s] ?? 0) * 12 * gm;
        }
        return total;
      };
      const failure = (w: Float64Array | null): number =>
        list.reduce((s, a, j) => s + (w ? (w[j] ?? 0) : 1) * a.failure, 0);

      const compensation = options.compensation?.[`${buName}|${period.label}`];
      const pt = {
        churn: lChurn(model.coefficients, null),
        contraction: lContraction(null),
        failure: failure(null),
        compensation: compensation ?? 0,
      };
      const rng = createPrng(seed + 7919 * (b + 1) + 104729 * out.length);
      const w = new Float64Array(list.length);
      const dr = {
        churn: [] as number[],
        contraction: [] as number[],
        failure: [] as number[],
        total: [] as number[],
      };
      for (const beta of draws) {
        w.fill(0);
        for (let j = 0; j < list.length; j++) {
          const pick = randomIndex(rng, list.length);
          w[pick] = (w[pick] ?? 0) + 1;
        }
        const c1 = lChurn(beta, w);
        const c2 = lContraction(w);
        const c3 = failure(w);
        dr.churn.push(c1);
        dr.contraction.push(c2);
        dr.failure.push(c3);
        dr.total.push(c1 + c2 + c3 + pt.compensation);
      }
      const totalPoint = pt.churn + pt.contraction + pt.failure + pt.compensation;
      const res: CopeResult = {
        status: 'ok',
        reason: null,
        bu: buName,
        period,
        currency: assumptions.reportingCurrency,
        total: { ...range(dr.total, totalPoint), point: totalPoint },
        components: [
          { component: 'churn', ...range(dr.churn, pt.churn), point: pt.churn, note: null },
          {
            component: 'contraction',
            ...range(dr.contraction, pt.contraction),
            point: pt.contraction,
            note: 'detractor and passive contraction in excess of promoters; not-surveyed customers excluded',
          },
          {
            component: 'failure-demand',
            ...range(dr.failure, pt.failure),
            point: pt.failure,
            note: 'repeat contacts × cost per contact; escalations are not in the inputs (0)',
          },
          {
            component: 'compensation',
            p10: pt.compensation,
            p50: pt.compensation,
            p90: pt.compensation,
            point: pt.compensation,
            note: compensation === undefined ? 'no GL tags uploaded' : 'finance GL tags',
          },
        ],
        n: { customerMonths: expo, churners, churnersWithPoorExperience: withPoor, repeatContacts: nRepeats },
        assumptionsUsed: {
          grossMargin: gm,
          clvHorizonMonths: assumptions.clvHorizonMonths,
          annualDiscountRate: assumptions.annualDiscountRate,
          monthlyRetention: r,
          lifetimeMultiplier: L,
          costPerContact: { ...assumptions.costPerContact },
          contractionReference: 'promoter',
          counterfactual: GOOD_EXPERIENCE_COUNTERFACTUAL,
        },
        draws: draws.length,
        evidenceClass: 'model-based',
        assumptionsVersion: assumptions.version,
      };
      out.push(res);
      summed.push({ res, dr });
    }
    if (options.all) out.push(copeAll(period, bus, out.slice(out.length - bus.length), summed, assumptions));
  }
  return out;
}

function range(xs: readonly number[], point: number): Money {
  return xs.length > 0 ? moneyFromDraws(xs) : { p10: point, p50: point, p90: point };
}

/** `ALL` for one period from the units' results and draws (see {@link CopeOptions.all}). */
function copeAll(
  period: CopePeriod,
  bus: readonly string[],
  results: readonly CopeResult[],
  summed: readonly { res: CopeResult; dr: Record<'churn' | 'contraction' | 'failure' | 'total', number[]> }[],
  assumptions: Assumptions,
): CopeResult {
  const bad = results.filter((r) => r.status !== 'ok');
  const first = results[0];
  const base: CopeResult = {
    status: 'insufficient-data',
    reason: bad.map((r) => `${r.bu}: ${r.reason ?? ''}`).join('; ') || 'no business units',
    bu: 'ALL',
    period,
    currency: assumptions.reportingCurrency,
    total: { p10: 0, p50: 0, p90: 0, point: 0 },
    components: [],
    n: { customerMonths: 0, churners: 0, churnersWithPoorExperience: 0, repeatContacts: 0 },
    parts: [...bus],
    assumptionsUsed: {
      grossMargin: null,
      grossMarginByBu: Object.fromEntries(bus.map((b) => [b, grossMarginOf(assumptions, b)])),
      clvHorizonMonths: assumptions.clvHorizonMonths,
      annualDiscountRate: assumptions.annualDiscountRate,
      monthlyRetention: null,
      lifetimeMultiplier: null,
      costPerContact: { ...assumptions.costPerContact },
      contractionReference: 'promoter',
      counterfactual: GOOD_EXPERIENCE_COUNTERFACTUAL,
    },
    draws: 0,
    evidenceClass: 'model-based',
    assumptionsVersion: assumptions.version,
  };
  if (!first || bad.length > 0 || summed.length !== results.length) return base;
  const D = Math.min(...summed.map((x) => x.dr.total.length));
  const sumDraws = (k: 'churn' | 'contraction' | 'failure' | 'total') =>
    Array.from({ length: D }, (_, d) => summed.reduce((s, x) => s + (x.dr[k][d] ?? 0), 0));
  const comp = (name: CopeComponent['component']) => {
    const cs = results.map((r) => r.components.find((c) => c.component === name));
    return { point: cs.reduce((s, c) => s + (c?.point ?? 0), 0), notes: cs.map((c) => c?.note) };
  };
  const churn = comp('churn');
  const contraction = comp('contraction');
  const failure = comp('failure-demand');
  const compensation = comp('compensation');
  const totalPoint = results.reduce((s, r) => s + r.total.point, 0);
  const n = results.reduce(
    (acc, r) => ({
      customerMonths: acc.customerMonths + r.n.customerMonths,
      churners: acc.churners + r.n.churners,
      churnersWithPoorExperience: acc.churnersWithPoorExperience + r.n.churnersWithPoorExperience,
      repeatContacts: acc.repeatContacts + r.n.repeatContacts,
    }),
    base.n,
  );
  const compensationDraws = Array.from({ length: D }, () => compensation.point);
  return {
    ...base,
    status: 'ok',
    reason: null,
    total: { ...range(sumDraws('total'), totalPoint), point: totalPoint },
    components: [
      { component: 'churn', ...range(sumDraws('churn'), churn.point), point: churn.point, note: null },
      {
        component: 'contraction',
        ...range(sumDraws('contraction'), contraction.point),
        point: contraction.point,
        note: contraction.notes[0] ?? null,
      },
      {
        component: 'failure-demand',
        ...range(sumDraws('failure'), failure.point),
        point: failure.point,
        note: failure.notes[0] ?? null,
      },
      {
        component: 'compensation',
        ...range(compensationDraws, compensation.point),
        point: compensation.point,
        note: compensation.notes.every((x) => x === 'no GL tags uploaded')
          ? 'no GL tags uploaded'
          : 'finance GL tags',
      },
    ],
    n,
    draws: D,
  };
}
