/**
 * Initiative impact by difference-in-differences (methods §2.5).
 *
 * Churn: Poisson two-way fixed effects on BU-month churn counts with a log-exposure offset,
 *   log E[C_bt] = log E_bt + α_b + λ_t + τ·D_bt,   D_bt = 1[b treated, t ≥ T0],
 * where exposure E_bt = customers active at the start of t. Population (ASSUMPTION, see below):
 * customers acquired before T0, i.e. in the post-period exactly the pre-period cohort (customers
 * active at T0 − 1) — new acquisitions, which the initiative could change, are excluded. The point
 * estimate equals that of the customer-month Poisson with BU and month FE (all regressors are
 * BU-month level, so the score equations are the same cell sums); its CR1 covariance clustered by
 * customer is built from per-customer scores s_i = Σ_t x_bt (y_it − λ̂_bt) around the cell fit.
 *
 * Checks: event study with leads/lags (k = t − T0, k ≠ −1) and a Wald pre-trend test on the leads;
 * a placebo go-live in the middle of the pre-period; randomization inference over placebo go-live
 * months of the pre-period and placebo treated units (each control BU against the other controls);
 * the contaminated-control diagnostic (τ with each control dropped and its shift in SEs shown as
 * sensitivity; a control is flagged contaminated when a BU-wide shock such as a price change hits it
 * after go-live, or when the drop-one shift exceeds its own noise). Continuous outcomes (log FRT per channel, FCR-7d, T2B) by linear TWFE at contact
 * level with BU and month FE, SE clustered by customer.
 *
 * Money: saved churners = Σ_t treated churners_t × (e^{−τ} − 1) (= exposure × counterfactual rate ×
 * (1 − e^τ)) over all treated at-risk customer-months of the post period; saved margin = saved
 * churners × margin per customer-month × L, L = Σ_{k=1..H} r^k/(1 + i_m)^k; plus contacts avoided ×
 * cost per contact (Poisson TWFE on contacts per customer-month). ROI = (PV(ΔGM) − PV(cost))/PV(cost)
 * at go-live; payback = first month with cumulative realised ΔGM ≥ cumulative cost (observed months,
 * then the average observed monthly effect projected up to H months). Uncertainty: bootstrap of whole
 * customer histories, stratified by BU. Evidence class `causal` only when the pre-trend p > 0.05 and
 * the placebo passes; otherwise `model-based`.
 */
import type { Channel } from '../contracts/inputs';
import { annotateRepeats } from '../metrics/contacts';
import { addMonths, monthIndex, monthOfEpochMs, type Month } from '../month';
import { twoSidedNormalP, zForLevel } from '../stats/distributions';
import {
  clusterRobustCovariance,
  fitGlm,
  waldTest,
  type GlmFit,
  type GlmRow,
  type GlmStatus,
} from '../stats/glm';
import { createPrng, randomIndex } from '../stats/prng';
import { nearestRankPercentile } from '../stats/quantiles';
import type { Facts } from '../views/metric-views';
import {
  costPerContactOf,
  grossMarginOf,
  lifetimeMultiplier,
  monthlyDiscountOf,
  moneyFromDraws,
  type Assumptions,
  type Money,
} from './assumptions';
import type { Estimate, EvidenceClass } from './hazard';
import type { CustomerMonthPanel } from './panel';

/** An initiative of the register (contracts: `POST /initiatives`). */
export interface InitiativeSpec {
  id?: string;
  name: string;
  bu: string;
  goLiveMonth: Month;
  /** One-off cost at go-live (reporting currency). */
  costOneOff: number;
  /** Running cost per month from go-live (reporting currency). */
  costMonthly: number;
}

/** Options of {@link initiativeImpact}. */
export interface DidOptions {
  /** Bootstrap replicates B (default 200; 0 disables the bootstrap). */
  bootstrap?: number;
  /** Seed of the bootstrap stream (default 1). */
  seed?: number;
  /** `cohort` (default, methods §2.5): customers acquired before go-live; `all`: every at-risk customer. */
  population?: 'cohort' | 'all';
  /** Minimum months on each side of a placebo go-live (default 3). */
  placeboMinMonths?: number;
}

/** τ with its SEs. */
export interface TauEstimate extends Estimate {
  /** Customer-clustered SE (CR1). */
  se: number;
  /** Model-based (Poisson) SE, for comparison. */
  seModel: number;
  p: number;
}

/** One event-study coefficient τ_k (k = months since go-live). */
export interface EventCoefficient {
  k: number;
  month: Month;
  tau: number;
  se: number;
  low: number;
  high: number;
}

/** Effect on a continuous or binary contact-level outcome. */
export interface ContinuousEffect {
  outcome: 'frt' | 'fcr7d' | 't2b';
  channel: string | null;
  /** τ on the model scale: log FRT, or a probability (FCR, T2B). */
  tau: Estimate;
  se: number;
  p: number;
  /** Human scale: % change of the median FRT (100(e^τ − 1)); percentage points for FCR and T2B. */
  effect: Estimate;
  unit: 'percent-change' | 'percentage-points';
  status: GlmStatus;
}

/** Result of {@link initiativeImpact}. */
export interface InitiativeImpact {
  initiative: InitiativeSpec;
  status: 'ok' | 'insufficient-data' | 'failed';
  reason: string | null;
  outcome: 'churn';
  population: 'cohort' | 'all';
  treatedBu: string;
  controlBus: string[];
  preMonths: [Month, Month] | null;
  postMonths: [Month, Month] | null;
  /** τ = log rate ratio of treated × post; n = customer-months. */
  logRateRatio: TauEstimate | null;
  /** e^τ − 1 (relative change of the churn rate), 95 % CI from the clustered SE. */
  relativeEffect: Estimate | null;
  eventStudy: EventCoefficient[];
  preTrend: { statistic: number; df: number; p: number } | null;
  preTrendP: number | null;
  placebo: { goLiveMonth: Month; tau: number; se: number; p: number; passed: boolean } | null;
  randomization: {
    placebos: { label: string; kind: 'month' | 'unit'; tau: number }[];
    /** (1 + #{|τ_placebo| ≥ |τ̂|}) / (1 + K); null without placebos. */
    p: number | null;
  };
  /**
   * τ with each control dropped. `flagged` is the methods §5.7 rule (|shift| > 1 SE of the full
   * estimate). With few controls the dropped-one estimate is much noisier than the full one, so the
   * rule also fires without contamination; `differenceZ` = (τ_drop − τ)/√(SE_drop² − SE²) (Hausman
   * form, clustered SEs) is the test of whether the shift exceeds that noise.
   */
  controlSensitivity: {
    droppedBu: string;
    tau: number | null;
    se: number | null;
    shiftInSe: number | null;
    differenceZ: number | null;
    flagged: boolean;
  }[];
  /**
   * Concurrent BU-wide shocks in the control units after go-live (methods §2.5 identification checks,
   * §5.7 T8 "pre/post shock"): months in which the median month-on-month change of customers' billed
   * revenue (same customer, same currency, positive both months) departs from the unit's pre-period
   * norm by more than max(4 SD of the pre-period monthly medians, 2 %) — a price change or similar.
   */
  concurrentShocks: {
    bu: string;
    month: Month;
    medianChangePct: number;
    preMeanPct: number;
    preSdPct: number;
  }[];
  /**
   * Controls judged contaminated: a concurrent shock after go-live, or a drop-one shift beyond its
   * noise (|differenceZ| > 2.576). A shift > 1 SE alone (`shiftInSe`) is shown as sensitivity, not as
   * contamination: with two controls it happens without any shock.
   */
  contaminatedControls: string[];
  continuous: ContinuousEffect[];
  /** Point = at τ̂; low/high = bootstrap 2.5/97.5 percentiles (point when no bootstrap). */
  churnersSaved: Estimate | null;
  churnersSavedRange: Money | null;
  /** Saved churners restricted to the estimation cohort. */
  churnersSavedCohort: number | null;
  marginSaved: Money | null;
  contactCostSaved: Money | null;
  pvBenefit: Money | null;
  pvCost: number;
  roi: (Money & { point: number }) | null;
  probRoiPositive: number | null;
  paybackMonth: Month | null;
  paybackMonthsFromGoLive: number | null;
  probPaybackWithin12Months: number | null;
  inputs: {
    marginPerCustomerMonth: number;
    monthlyRetention: number;
    lifetimeMultiplier: number;
    blendedCostPerContact: number;
    contactsLogRateRatio: number | null;
  } | null;
  bootstrap: { replicates: number; failed: number; seed: number };
  evidenceClass: Extract<EvidenceClass, 'causal' | 'model-based'>;
  assumptionsVersion: number;
}

// ---------------------------------------------------------------------------------------------
// Customer histories and cell aggregation

interface Histories {
  nC: number;
  nM: number;
  nB: number;
  bu: Int32Array;
  acq: Int32Array;
  rowStart: Int32Array;
  rowEnd: Int32Array;
  month: Int32Array;
  y: Uint8Array;
  mrr: Float64Array;
  contacts: Int32Array;
}

function histories(panel: CustomerMonthPanel, facts: Facts): Histories {
  const rows = panel.rows;
  const nC = panel.customerIds.length;
  const nM = panel.months.length;
  const rowStart = new Int32Array(nC).fill(0);
  const rowEnd = new Int32Array(nC).fill(0);
  const seen = new Uint8Array(nC);
  for (let k = 0; k < rows.n; k++) {
    const i = rows.customer[k] ?? 0;
    if (!seen[i]) {
      seen[i] = 1;
      rowStart[i] = k;
    }
    rowEnd[i] = k + 1;
  }
  const rowOf = new Int32Array(nC * nM).fill(-1);
  for (let k = 0; k < rows.n; k++) rowOf[(rows.customer[k] ?? 0) * nM + (rows.month[k] ?? 0)] = k;
  const idxOf = new Map(panel.customerIds.map((id, i) => [id, i]));
  const m0 = panel.months[0] !== undefined ? monthIndex(panel.months[0]) : 0;
  const contacts = new Int32Array(rows.n);
  const monthCache = new Map<Month, number>();
  for (const c of facts.contacts) {
    const i = idxOf.get(c.customerId);
    if (i === undefined) continue;
    const m = monthOfEpochMs(c.createdMs);
    let t = monthCache.get(m);
    if (t === undefined) monthCache.set(m, (t = monthIndex(m) - m0));
    if (t < 0 || t >= nM) continue;
    const k = rowOf[i * nM + t] ?? -1;
    if (k >= 0) contacts[k] = (contacts[k] ?? 0) + 1;
  }
  return {
    nC,
    nM,
    nB: panel.bus.length,
    bu: panel.customerBu,
    acq: panel.acquisitionMonth,
    rowStart,
    rowEnd,
    month: rows.month,
    y: rows.y,
    mrr: rows.mrr,
    contacts,
  };
}

/** BU × month sums. `E`, `C`, `K`: exposure, churners, contacts of the population; `*All`: every at-risk row. */
interface Cells {
  E: Float64Array;
  C: Float64Array;
  K: Float64Array;
  EAll: Float64Array;
  CAll: Float64Array;
  KAll: Float64Array;
  mrrAll: Float64Array;
}

/** Aggregates histories with customer multiplicities `w` (null = 1); cohort rows need acq < cohortT. */
function aggregate(h: Histories, cohortT: number, w: Float64Array | null): Cells {
  const size = h.nB * h.nM;
  const c: Cells = {
    E: new Float64Array(size),
    C: new Float64Array(size),
    K: new Float64Array(size),
    EAll: new Float64Array(size),
    CAll: new Float64Array(size),
    KAll: new Float64Array(size),
    mrrAll: new Float64Array(size),
  };
  for (let i = 0; i < h.nC; i++) {
    const wi = w ? (w[i] ?? 0) : 1;
    if (wi === 0) continue;
    const b = h.bu[i] ?? 0;
    const inCohort = (h.acq[i] ?? 0) < cohortT;
    for (let k = h.rowStart[i] ?? 0; k < (h.rowEnd[i] ?? 0); k++) {
      const cell = b * h.nM + (h.month[k] ?? 0);
      const y = h.y[k] ?? 0;
      c.EAll[cell] = (c.EAll[cell] ?? 0) + wi;
      c.CAll[cell] = (c.CAll[cell] ?? 0) + wi * y;
      c.KAll[cell] = (c.KAll[cell] ?? 0) + wi * (h.contacts[k] ?? 0);
      c.mrrAll[cell] = (c.mrrAll[cell] ?? 0) + wi * (h.mrr[k] ?? 0);
      if (inCohort) {
        c.E[cell] = (c.E[cell] ?? 0) + wi;
        c.C[cell] = (c.C[cell] ?? 0) + wi * y;
        c.K[cell] = (c.K[cell] ?? 0) + wi * (h.contacts[k] ?? 0);
      }
    }
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Poisson TWFE on cells

interface CellSpec {
  /** Included BU indices (the first is the reference). */
  bus: number[];
  m1: number;
  m2: number;
  treated: number;
  goLive: number;
  mode: 'did' | 'event';
}

interface CellModel {
  fit: GlmFit;
  names: string[];
  /** Column of the intercept (0), BU dummies, month dummies. */
  buCol: Map<number, number>;
  monthCol: Map<number, number>;
  /** Column of D (did) or of each event time k (event). */
  dCol: number;
  eventCol: Map<number, number>;
  spec: CellSpec;
}

function treatedColumn(
  spec: CellSpec,
  b: number,
  t: number,
  model: Pick<CellModel, 'dCol' | 'eventCol'>,
): number {
  if (b !== spec.treated) return -1;
  if (spec.mode === 'did') return t >= spec.goLive ? model.dCol : -1;
  return model.eventCol.get(t - spec.goLive) ?? -1;
}

function fitCells(count: Float64Array, exposure: Float64Array, nM: number, spec: CellSpec): CellModel {
  const names = ['(Intercept)'];
  const buCol = new Map<number, number>();
  spec.bus.slice(1).forEach((b) => {
    buCol.set(b, names.length);
    names.push(`bu:${b}`);
  });
  const monthCol = new Map<number, number>();
  for (let t = spec.m1 + 1; t <= spec.m2; t++) {
    monthCol.set(t, names.length);
    names.push(`month:${t}`);
  }
  let dCol = -1;
  const eventCol = new Map<number, number>();
  if (spec.mode === 'did') {
    dCol = names.length;
    names.push('treated×post');
  } else {
    for (let t = spec.m1; t <= spec.m2; t++) {
      const k = t - spec.goLive;
      if (k === -1) continue;
      eventCol.set(k, names.length);
      names.push(`event:${k}`);
    }
  }
  const p = names.length;
  const rows: GlmRow[] = [];
  for (const b of spec.bus) {
    for (let t = spec.m1; t <= spec.m2; t++) {
      const e = exposure[b * nM + t] ?? 0;
      if (!(e > 0)) continue;
      const x = new Array<number>(p).fill(0);
      x[0] = 1;
      const bc = buCol.get(b);
      if (bc !== undefined) x[bc] = 1;
      const mc = monthCol.get(t);
      if (mc !== undefined) x[mc] = 1;
      const tc = treatedColumn(spec, b, t, { dCol, eventCol });
      if (tc >= 0) x[tc] = 1;
      rows.push({ x, y: count[b * nM + t] ?? 0, offset: Math.log(e) });
    }
  }
  const fit = fitGlm({ p, names, forEach: (v) => rows.forEach(v) }, { family: 'poisson', intercept: 0 });
  return { fit, names, buCol, monthCol, dCol, eventCol, spec };
}

/** Customer-clustered CR1 covariance of a cell model (per-customer scores around the cell fit). */
function clusteredCov(model: CellModel, h: Histories, cohortT: number): number[][] | null {
  const { fit, spec } = model;
  const beta = fit.coefficients;
  if (!beta || !fit.cov) return null;
  const p = fit.p;
  const included = new Set(spec.bus);
  const lambda = new Float64Array(h.nB * h.nM);
  const cols = new Int32Array(h.nB * h.nM * 4).fill(-1);
  for (const b of spec.bus) {
    for (let t = spec.m1; t <= spec.m2; t++) {
      const c4 = (b * h.nM + t) * 4;
      cols[c4] = 0;
      cols[c4 + 1] = model.buCol.get(b) ?? -1;
      cols[c4 + 2] = model.monthCol.get(t) ?? -1;
      cols[c4 + 3] = treatedColumn(spec, b, t, model);
      let eta = 0;
      for (let a = 0; a < 4; a++) {
        const c = cols[c4 + a] ?? -1;
        if (c >= 0) eta += beta[c] ?? 0;
      }
      lambda[b * h.nM + t] = Math.exp(eta);
    }
  }
  const scores: Float64Array[] = [];
  let n = 0;
  for (let i = 0; i < h.nC; i++) {
    const b = h.bu[i] ?? 0;
    if (!included.has(b) || (h.acq[i] ?? 0) >= cohortT) continue;
    let s: Float64Array | null = null;
    for (let k = h.rowStart[i] ?? 0; k < (h.rowEnd[i] ?? 0); k++) {
      const t = h.month[k] ?? 0;
      if (t < spec.m1 || t > spec.m2) continue;
      const cell = b * h.nM + t;
      const r = (h.y[k] ?? 0) - (lambda[cell] ?? 0);
      s ??= new Float64Array(p);
      for (let a = 0; a < 4; a++) {
        const c = cols[cell * 4 + a] ?? -1;
        if (c >= 0) s[c] = (s[c] ?? 0) + r;
      }
      n++;
    }
    if (s) scores.push(s);
  }
  return clusterRobustCovariance(fit.cov, scores, n);
}

// ---------------------------------------------------------------------------------------------
// Linear TWFE on contact-level outcomes

interface Obs {
  bu: number;
  month: number;
  y: number;
  cluster: number;
}

function linearTwfe(
  obs: readonly Obs[],
  nB: number,
  m1: number,
  m2: number,
  treated: number,
  goLive: number,
): { fit: GlmFit; dCol: number } {
  const names = ['(Intercept)'];
  const buCol = new Int32Array(nB).fill(-1);
  const present = new Set(obs.map((o) => o.bu));
  const busPresent = [...present].sort((a, b) => a - b);
  busPresent.slice(1).forEach((b) => {
    buCol[b] = names.length;
    names.push(`bu:${b}`);
  });
  const monthCol = new Map<number, number>();
  for (let t = m1 + 1; t <= m2; t++) {
    monthCol.set(t, names.length);
    names.push(`month:${t}`);
  }
  const dCol = names.length;
  names.push('treated×post');
  const idx = new Int32Array(8);
  const x = new Float64Array(8);
  const row = { x, index: idx, nnz: 0, y: 0, cluster: 0 };
  const fit = fitGlm(
    {
      p: names.length,
      names,
      forEach: (visit) => {
        for (const o of obs) {
          if (o.month < m1 || o.month > m2) continue;
          let k = 0;
          idx[k] = 0;
          x[k++] = 1;
          const bc = buCol[o.bu] ?? -1;
          if (bc >= 0) {
            idx[k] = bc;
            x[k++] = 1;
          }
          const mc = monthCol.get(o.month);
          if (mc !== undefined) {
            idx[k] = mc;
            x[k++] = 1;
          }
          if (o.bu === treated && o.month >= goLive) {
            idx[k] = dCol;
            x[k++] = 1;
          }
          row.nnz = k;
          row.y = o.y;
          row.cluster = o.cluster;
          visit(row);
        }
      },
    },
    { family: 'gaussian' },
  );
  return { fit, dCol };
}

function continuousEffects(
  panel: CustomerMonthPanel,
  facts: Facts,
  treated: number,
  goLive: number,
): ContinuousEffect[] {
  const nM = panel.months.length;
  const m0 = panel.months[0] !== undefined ? monthIndex(panel.months[0]) : 0;
  const idxOf = new Map(panel.customerIds.map((id, i) => [id, i]));
  const buIdx = new Map(panel.bus.map((b, i) => [b, i]));
  const monthCache = new Map<Month, number>();
  const tOf = (ms: number): number => {
    const m = monthOfEpochMs(ms);
    let t = monthCache.get(m);
    if (t === undefined) monthCache.set(m, (t = monthIndex(m) - m0));
    return t;
  };
  const z = zForLevel(0.95);
  const out: ContinuousEffect[] = [];
  const summarise = (outcome: ContinuousEffect['outcome'], channel: string | null, obs: Obs[]): void => {
    const { fit, dCol } = linearTwfe(obs, panel.bus.length, 0, nM - 1, treated, goLive);
    const tau = fit.coefficients?.[dCol] ?? NaN;
    const se = fit.robustSe?.[dCol] ?? fit.se?.[dCol] ?? NaN;
    const ok = fit.status === 'ok' && Number.isFinite(tau) && se > 0;
    const n = fit.n;
    const t: Estimate = ok
      ? { value: tau, low: tau - z * se, high: tau + z * se, n }
      : { value: NaN, low: NaN, high: NaN, n };
    const human = (v: number) => (outcome === 'frt' ? 100 * (Math.exp(v) - 1) : 100 * v);
    out.push({
      outcome,
      channel,
      tau: t,
      se: ok ? se : NaN,
      p: ok ? twoSidedNormalP(tau / se) : NaN,
      effect: { value: human(t.value), low: human(t.low), high: human(t.high), n },
      unit: outcome === 'frt' ? 'percent-change' : 'percentage-points',
      status: fit.status,
    });
  };
  // FRT per channel: log seconds of answered contacts.
  const byChannel = new Map<string, Obs[]>();
  for (const c of facts.contacts) {
    if (c.firstResponseMs === null) continue;
    const i = idxOf.get(c.customerId);
    const b = buIdx.get(c.scopeBu);
    if (i === undefined || b === undefined) continue;
    const t = tOf(c.createdMs);
    if (t < 0 || t >= nM) continue;
    const l = byChannel.get(c.channel) ?? [];
    l.push({
      bu: b,
      month: t,
      y: Math.log(Math.max(1, (c.firstResponseMs - c.createdMs) / 1000)),
      cluster: i,
    });
    byChannel.set(c.channel, l);
  }
  for (const ch of [...byChannel.keys()].sort()) summarise('frt', ch, byChannel.get(ch) ?? []);
  // FCR-7d: no same-issue repeat within 7 days, contacts whose window is complete.
  const ann = annotateRepeats(
    facts.contacts.map((c) => ({
      contactId: c.contactId,
      issueId: c.issueId,
      customerId: c.customerId,
      createdMs: c.createdMs,
    })),
    facts.cutoffMs,
  );
  const fcr: Obs[] = [];
  facts.contacts.forEach((c, j) => {
    const a = ann[j];
    const i = idxOf.get(c.customerId);
    const b = buIdx.get(c.scopeBu);
    if (!a || !a.window7Complete || i === undefined || b === undefined) return;
    const t = tOf(c.createdMs);
    if (t < 0 || t >= nM) return;
    fcr.push({ bu: b, month: t, y: a.sameIssueRepeat7d ? 0 : 1, cluster: i });
  });
  summarise('fcr7d', null, fcr);
  // T2B: CSAT 4–5 among transactional responses (month of response).
  const t2b: Obs[] = [];
  for (const s of facts.txnSurveys) {
    if (s.csat === null) continue;
    const i = idxOf.get(s.customerId);
    const b = buIdx.get(s.scopeBu);
    if (i === undefined || b === undefined) continue;
    const t = tOf(s.respondedMs);
    if (t < 0 || t >= nM) continue;
    t2b.push({ bu: b, month: t, y: s.csat >= 4 ? 1 : 0, cluster: i });
  }
  summarise('t2b', null, t2b);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Money

interface MoneyInputs {
  /** Treated churners per post month (all at-risk customers). */
  churners: number[];
  /** Treated contacts per post month (all at-risk customer-months). */
  contacts: number[];
  exposure: number[];
  mrrSum: number[];
}

interface MoneyResult {
  saved: number;
  savedByMonth: number[];
  marginSaved: number;
  contactCostSaved: number;
  pvBenefit: number;
  pvCost: number;
  roi: number | null;
  paybackOffset: number | null;
  margin: number;
  retention: number;
  lifetime: number;
}

function money(
  inputs: MoneyInputs,
  tau: number,
  tauContacts: number | null,
  margin: number,
  cpc: number,
  initiative: InitiativeSpec,
  a: Assumptions,
): MoneyResult {
  const nPost = inputs.churners.length;
  const savedByMonth = inputs.churners.map((c) => c * (Math.exp(-tau) - 1));
  const contactsSaved = inputs.contacts.map((c) =>
    tauContacts === null ? 0 : c * (Math.exp(-tauContacts) - 1),
  );
  const expo = inputs.exposure.reduce((s, v) => s + v, 0);
  const churn = inputs.churners.reduce((s, v) => s + v, 0);
  const mrr = inputs.mrrSum.reduce((s, v) => s + v, 0);
  const m = expo > 0 ? (margin * mrr) / expo : 0;
  const r = expo > 0 ? 1 - churn / expo : 0;
  const L = lifetimeMultiplier(a, r);
  const im = monthlyDiscountOf(a);
  let marginSaved = 0;
  let contactCostSaved = 0;
  let pvCost = initiative.costOneOff;
  for (let j = 0; j < nPost; j++) {
    const d = (1 + im) ** -j;
    marginSaved += (savedByMonth[j] ?? 0) * m * L * d;
    contactCostSaved += (contactsSaved[j] ?? 0) * cpc * d;
    pvCost += initiative.costMonthly * d;
  }
  const pvBenefit = marginSaved + contactCostSaved;
  // Payback on realised (undiscounted) cash: saved customers pay m while they survive.
  const meanSaved = nPost > 0 ? savedByMonth.reduce((s, v) => s + v, 0) / nPost : 0;
  const meanContacts = nPost > 0 ? contactsSaved.reduce((s, v) => s + v, 0) / nPost : 0;
  let alive = 0;
  let cumBenefit = 0;
  let paybackOffset: number | null = null;
  for (let s = 0; s < Math.max(a.clvHorizonMonths, nPost); s++) {
    const savedPrev = s === 0 ? 0 : s - 1 < nPost ? (savedByMonth[s - 1] ?? 0) : meanSaved;
    alive = r * (alive + savedPrev);
    cumBenefit += alive * m + (s < nPost ? (contactsSaved[s] ?? 0) : meanContacts) * cpc;
    const cumCost = initiative.costOneOff + initiative.costMonthly * (s + 1);
    if (cumBenefit >= cumCost) {
      paybackOffset = s;
      break;
    }
  }
  return {
    saved: savedByMonth.reduce((s, v) => s + v, 0),
    savedByMonth,
    marginSaved,
    contactCostSaved,
    pvBenefit,
    pvCost,
    roi: pvCost > 0 ? (pvBenefit - pvCost) / pvCost : null,
    paybackOffset,
    margin: m,
    retention: r,
    lifetime: L,
  };
}

// ---------------------------------------------------------------------------------------------

const percentile = (xs: number[], q: number): number => {
  const s = Float64Array.from(xs).sort();
  return nearestRankPercentile(Array.from(s), q) ?? NaN;
};

/**
 * Initiative impact of methods §2.5 for one initiative (see the module comment for the estimators).
 * `insufficient-data` when the treated BU is unknown, there is no control BU, or go-live leaves fewer
 * than 2 pre-period or 1 post-period months; `failed` when the churn model has no estimate (status
 * and reason of the Poisson fit).
 */
export function initiativeImpact(
  panel: CustomerMonthPanel,
  facts: Facts,
  initiative: InitiativeSpec,
  assumptions: Assumptions,
  options: DidOptions = {},
): InitiativeImpact {
  const B = options.bootstrap ?? 200;
  const seed = options.seed ?? 1;
  const population = options.population ?? 'cohort';
  const minSide = options.placeboMinMonths ?? 3;
  const nM = panel.months.length;
  const treated = panel.bus.indexOf(initiative.bu);
  const controls = panel.bus.map((_, b) => b).filter((b) => b !== treated);
  const m0 = panel.months[0] !== undefined ? monthIndex(panel.months[0]) : 0;
  const T0 = monthIndex(initiative.goLiveMonth) - m0;
  const z = zForLevel(0.95);
  const empty = (status: InitiativeImpact['status'], reason: string): InitiativeImpact => ({
    initiative,
    status,
    reason,
    outcome: 'churn',
    population,
    treatedBu: initiative.bu,
    controlBus: controls.map((b) => panel.bus[b] ?? ''),
    preMonths: null,
    postMonths: null,
    logRateRatio: null,
    relativeEffect: null,
    eventStudy: [],
    preTrend: null,
    preTrendP: null,
    placebo: null,
    randomization: { placebos: [], p: null },
    controlSensitivity: [],
    concurrentShocks: [],
    contaminatedControls: [],
    continuous: [],
    churnersSaved: null,
    churnersSavedRange: null,
    churnersSavedCohort: null,
    marginSaved: null,
    contactCostSaved: null,
    pvBenefit: null,
    pvCost: 0,
    roi: null,
    probRoiPositive: null,
    paybackMonth: null,
    paybackMonthsFromGoLive: null,
    probPaybackWithin12Months: null,
    inputs: null,
    bootstrap: { replicates: 0, failed: 0, seed },
    evidenceClass: 'model-based',
    assumptionsVersion: assumptions.version,
  });
  if (treated < 0) return empty('insufficient-data', `business unit ${initiative.bu} has no customers`);
  if (controls.length === 0) return empty('insufficient-data', 'no control business unit');
  if (T0 < 2 || T0 > nM - 1) {
    return empty(
      'insufficient-data',
      `go-live ${initiative.goLiveMonth} needs ≥ 2 months before and ≥ 1 after it`,
    );
  }

  const h = histories(panel, facts);
  const cohortOf = (T: number) => (population === 'cohort' ? T : Number.MAX_SAFE_INTEGER);
  const allBus = [...controls, treated];
  const cells = aggregate(h, cohortOf(T0), null);
  const spec: CellSpec = { bus: allBus, m1: 0, m2: nM - 1, treated, goLive: T0, mode: 'did' };
  const main = fitCells(cells.C, cells.E, nM, spec);
  if (main.fit.status !== 'ok' || !main.fit.coefficients) {
    return empty('failed', `churn model: ${main.fit.status} (${main.fit.reason ?? ''})`);
  }
  const tau = main.fit.coefficients[main.dCol] ?? NaN;
  const robust = clusteredCov(main, h, cohortOf(T0));
  const seModel = main.fit.se?.[main.dCol] ?? NaN;
  const se = robust ? Math.sqrt(Math.max(0, robust[main.dCol]?.[main.dCol] ?? 0)) : seModel;
  let nRows = 0;
  for (let b = 0; b < h.nB; b++) for (let t = 0; t < nM; t++) nRows += cells.E[b * nM + t] ?? 0;
  const logRateRatio: TauEstimate = {
    value: tau,
    low: tau - z * se,
    high: tau + z * se,
    n: nRows,
    se,
    seModel,
    p: twoSidedNormalP(tau / se),
  };

  // Event study and pre-trend.
  const ev = fitCells(cells.C, cells.E, nM, { ...spec, mode: 'event' });
  const evCov = clusteredCov(ev, h, cohortOf(T0));
  const eventStudy: EventCoefficient[] = [];
  const preIdx: number[] = [];
  if (ev.fit.coefficients && evCov) {
    for (const [k, c] of [...ev.eventCol].sort((a, b) => a[0] - b[0])) {
      const b = ev.fit.coefficients[c] ?? NaN;
      const s = Math.sqrt(Math.max(0, evCov[c]?.[c] ?? 0));
      eventStudy.push({
        k,
        month: panel.months[T0 + k] ?? '',
        tau: b,
        se: s,
        low: b - z * s,
        high: b + z * s,
      });
      if (k < -1) preIdx.push(c);
    }
  }
  const preTrend = ev.fit.coefficients && evCov ? waldTest(ev.fit.coefficients, evCov, preIdx) : null;

  // Placebo go-lives in the pre-period (only pre-period data).
  const placeboTau = (Tp: number): { tau: number; se: number } | null => {
    const pc = aggregate(h, cohortOf(Tp), null);
    const m = fitCells(pc.C, pc.E, nM, { bus: allBus, m1: 0, m2: T0 - 1, treated, goLive: Tp, mode: 'did' });
    if (m.fit.status !== 'ok' || !m.fit.coefficients) return null;
    const cov = clusteredCov(m, h, cohortOf(Tp));
    const t = m.fit.coefficients[m.dCol] ?? NaN;
    const s = cov ? Math.sqrt(Math.max(0, cov[m.dCol]?.[m.dCol] ?? 0)) : (m.fit.se?.[m.dCol] ?? NaN);
    return { tau: t, se: s };
  };
  const placebos: InitiativeImpact['randomization']['placebos'] = [];
  for (let Tp = minSide; Tp <= T0 - minSide; Tp++) {
    const r = placeboTau(Tp);
    if (r) placebos.push({ label: panel.months[Tp] ?? String(Tp), kind: 'month', tau: r.tau });
  }
  if (controls.length >= 2) {
    for (const fake of controls) {
      const others = controls.filter((b) => b !== fake);
      const m = fitCells(cells.C, cells.E, nM, {
        bus: [...others, fake],
        m1: 0,
        m2: nM - 1,
        treated: fake,
        goLive: T0,
        mode: 'did',
      });
      const t = m.fit.coefficients?.[m.dCol];
      if (m.fit.status === 'ok' && t !== undefined)
        placebos.push({ label: panel.bus[fake] ?? '', kind: 'unit', tau: t });
    }
  }
  const riP =
    placebos.length > 0
      ? (1 + placebos.filter((pl) => Math.abs(pl.tau) >= Math.abs(tau)).length) / (1 + placebos.length)
      : null;
  const Tmid = Math.floor(T0 / 2);
  const pm = Tmid >= 1 ? placeboTau(Tmid) : null;
  const placebo =
    pm && pm.se > 0
      ? (() => {
          const p = twoSidedNormalP(pm.tau / pm.se);
          return { goLiveMonth: panel.months[Tmid] ?? '', tau: pm.tau, se: pm.se, p, passed: p > 0.05 };
        })()
      : null;

  // Contaminated-control diagnostic: drop each control.
  const controlSensitivity = controls.map((drop) => {
    const keep = controls.filter((b) => b !== drop);
    const none = {
      droppedBu: panel.bus[drop] ?? '',
      tau: null,
      se: null,
      shiftInSe: null,
      differenceZ: null,
    };
    if (keep.length === 0) return none;
    const m = fitCells(cells.C, cells.E, nM, { ...spec, bus: [...keep, treated] });
    const t = m.fit.status === 'ok' ? (m.fit.coefficients?.[m.dCol] ?? null) : null;
    if (t === null) return none;
    const cov = clusteredCov(m, h, cohortOf(T0));
    const seDrop = cov ? Math.sqrt(Math.max(0, cov[m.dCol]?.[m.dCol] ?? 0)) : null;
    const shift = se > 0 ? (t - tau) / se : null;
    const excess = seDrop !== null ? seDrop * seDrop - se * se : 0;
    return {
      droppedBu: panel.bus[drop] ?? '',
      tau: t,
      se: seDrop,
      shiftInSe: shift,
      differenceZ: excess > 0 ? (t - tau) / Math.sqrt(excess) : null,
    };
  });
  const concurrentShocks = controlShocks(panel, facts, controls, T0);
  const shocked = new Set(concurrentShocks.map((c) => c.bu));
  const controlSensitivityFlagged = controlSensitivity.map((c) => ({
    ...c,
    flagged:
      shocked.has(c.droppedBu) || (c.differenceZ !== null && Math.abs(c.differenceZ) > Z_CONTAMINATION),
  }));
  const contaminatedControls = controlSensitivityFlagged.filter((c) => c.flagged).map((c) => c.droppedBu);

  // Contacts per customer-month (Poisson TWFE), for the contact-cost term.
  const cm = fitCells(cells.K, cells.E, nM, spec);
  const tauContacts = cm.fit.status === 'ok' ? (cm.fit.coefficients?.[cm.dCol] ?? null) : null;

  // Money at τ̂.
  const gm = grossMarginOf(assumptions, initiative.bu);
  const postMonths = Array.from({ length: nM - T0 }, (_, j) => T0 + j);
  const contactMix = new Map<Channel, number>();
  for (const c of facts.contacts) {
    if (c.scopeBu !== initiative.bu) continue;
    const t = monthIndex(monthOfEpochMs(c.createdMs)) - m0;
    if (t >= T0 && t < nM) contactMix.set(c.channel, (contactMix.get(c.channel) ?? 0) + 1);
  }
  let mixN = 0;
  let mixCost = 0;
  for (const [ch, n] of contactMix) {
    mixN += n;
    mixCost += n * costPerContactOf(assumptions, ch);
  }
  const cpc = mixN > 0 ? mixCost / mixN : 0;
  const inputsOf = (c: Cells): MoneyInputs => ({
    churners: postMonths.map((t) => c.CAll[treated * nM + t] ?? 0),
    contacts: postMonths.map((t) => c.KAll[treated * nM + t] ?? 0),
    exposure: postMonths.map((t) => c.EAll[treated * nM + t] ?? 0),
    mrrSum: postMonths.map((t) => c.mrrAll[treated * nM + t] ?? 0),
  });
  const point = money(inputsOf(cells), tau, tauContacts, gm, cpc, initiative, assumptions);
  const cohortChurners = postMonths.reduce((s, t) => s + (cells.C[treated * nM + t] ?? 0), 0);

  // Bootstrap over customers (stratified by BU).
  const rng = createPrng(seed);
  const byBu: number[][] = Array.from({ length: h.nB }, () => []);
  for (let i = 0; i < h.nC; i++) byBu[h.bu[i] ?? 0]?.push(i);
  const draws = {
    saved: [] as number[],
    margin: [] as number[],
    contact: [] as number[],
    benefit: [] as number[],
    roi: [] as number[],
    payback: [] as (number | null)[],
  };
  let failed = 0;
  const w = new Float64Array(h.nC);
  for (let rep = 0; rep < B; rep++) {
    w.fill(0);
    for (const members of byBu) {
      for (let k = 0; k < members.length; k++) {
        const i = members[randomIndex(rng, members.length)] ?? 0;
        w[i] = (w[i] ?? 0) + 1;
      }
    }
    const bc = aggregate(h, cohortOf(T0), w);
    const bm = fitCells(bc.C, bc.E, nM, spec);
    const bt = bm.fit.status === 'ok' ? bm.fit.coefficients?.[bm.dCol] : undefined;
    if (bt === undefined || !Number.isFinite(bt)) {
      failed++;
      continue;
    }
    const bk = fitCells(bc.K, bc.E, nM, spec);
    const btc = bk.fit.status === 'ok' ? (bk.fit.coefficients?.[bk.dCol] ?? null) : null;
    const r = money(inputsOf(bc), bt, btc, gm, cpc, initiative, assumptions);
    draws.saved.push(r.saved);
    draws.margin.push(r.marginSaved);
    draws.contact.push(r.contactCostSaved);
    draws.benefit.push(r.pvBenefit);
    if (r.roi !== null) draws.roi.push(r.roi);
    draws.payback.push(r.paybackOffset);
  }
  const ok = draws.saved.length;
  const range = (xs: number[], pt: number): Money =>
    xs.length > 0 ? moneyFromDraws(xs) : { p10: pt, p50: pt, p90: pt };
  const preTrendP = preTrend?.p ?? null;
  const causal = preTrendP !== null && preTrendP > 0.05 && placebo !== null && placebo.passed;
  return {
    initiative,
    status: 'ok',
    reason: null,
    outcome: 'churn',
    population,
    treatedBu: initiative.bu,
    controlBus: controls.map((b) => panel.bus[b] ?? ''),
    preMonths: [panel.months[0] ?? '', panel.months[T0 - 1] ?? ''],
    postMonths: [panel.months[T0] ?? '', panel.months[nM - 1] ?? ''],
    logRateRatio,
    relativeEffect: {
      value: Math.exp(tau) - 1,
      low: Math.exp(tau - z * se) - 1,
      high: Math.exp(tau + z * se) - 1,
      n: nRows,
    },
    eventStudy,
    preTrend,
    preTrendP,
    placebo,
    randomization: { placebos, p: riP },
    controlSensitivity: controlSensitivityFlagged,
    concurrentShocks,
    contaminatedControls,
    continuous: continuousEffects(panel, facts, treated, T0),
    churnersSaved: {
      value: point.saved,
      low: ok > 0 ? percentile(draws.saved, 0.025) : point.saved,
      high: ok > 0 ? percentile(draws.saved, 0.975) : point.saved,
      n: Math.round(postMonths.reduce((s, t) => s + (cells.EAll[treated * nM + t] ?? 0), 0)),
    },
    churnersSavedRange: range(draws.saved, point.saved),
    churnersSavedCohort: cohortChurners * (Math.exp(-tau) - 1),
    marginSaved: range(draws.margin, point.marginSaved),
    contactCostSaved: range(draws.contact, point.contactCostSaved),
    pvBenefit: range(draws.benefit, point.pvBenefit),
    pvCost: point.pvCost,
    roi: point.roi === null ? null : { ...range(draws.roi, point.roi), point: point.roi },
    probRoiPositive: draws.roi.length > 0 ? draws.roi.filter((r) => r > 0).length / draws.roi.length : null,
    paybackMonth:
      point.paybackOffset === null ? null : addMonths(initiative.goLiveMonth, point.paybackOffset),
    paybackMonthsFromGoLive: point.paybackOffset === null ? null : point.paybackOffset + 1,
    probPaybackWithin12Months:
      draws.payback.length > 0
        ? draws.payback.filter((p) => p !== null && p < 12).length / draws.payback.length
        : null,
    inputs: {
      marginPerCustomerMonth: point.margin,
      monthlyRetention: point.retention,
      lifetimeMultiplier: point.lifetime,
      blendedCostPerContact: cpc,
      contactsLogRateRatio: tauContacts,
    },
    bootstrap: { replicates: ok, failed, seed },
    evidenceClass: causal ? 'causal' : 'model-based',
    assumptionsVersion: assumptions.version,
  };
}

/** Two-sided 1 % critical value of the drop-one difference test. */
const Z_CONTAMINATION = 2.576;

/**
 * BU-wide shocks in the controls after go-live (see {@link InitiativeImpact.concurrentShocks}): per
 * control and month, the median of log(revenue_t / revenue_{t−1}) over customers billed in the same
 * currency with positive revenue in both months (≥ 30 customers); flagged post-period months depart
 * from the pre-period mean of these medians by more than max(4 SD, log 1.02).
 */
export function controlShocks(
  panel: CustomerMonthPanel,
  facts: Facts,
  controls: readonly number[],
  T0: number,
): InitiativeImpact['concurrentShocks'] {
  const nM = panel.months.length;
  const m0 = panel.months[0] !== undefined ? monthIndex(panel.months[0]) : 0;
  const want = new Set(controls.map((b) => panel.bus[b] ?? ''));
  const byCustomer = new Map<string, { bu: string; t: number; amount: number; currency: string }[]>();
  for (const r of facts.revenue) {
    if (!want.has(r.scopeBu) || r.amountMinor <= 0) continue;
    const t = monthIndex(r.month) - m0;
    if (t < 0 || t >= nM) continue;
    const l = byCustomer.get(r.customerId);
    const row = { bu: r.scopeBu, t, amount: r.amountMinor, currency: r.currency ?? '' };
    if (l) l.push(row);
    else byCustomer.set(r.customerId, [row]);
  }
  const changes = new Map<string, number[][]>();
  for (const b of want)
    changes.set(
      b,
      Array.from({ length: nM }, () => []),
    );
  for (const rows of byCustomer.values()) {
    rows.sort((a, z) => a.t - z.t);
    for (let k = 1; k < rows.length; k++) {
      const a = rows[k - 1];
      const c = rows[k];
      if (!a || !c || c.t !== a.t + 1 || c.currency !== a.currency || c.bu !== a.bu) continue;
      changes.get(c.bu)?.[c.t]?.push(Math.log(c.amount / a.amount));
    }
  }
  const median = (xs: number[]) => {
    const s = Float64Array.from(xs).sort();
    const h = Math.floor(s.length / 2);
    return s.length % 2 ? (s[h] ?? 0) : ((s[h - 1] ?? 0) + (s[h] ?? 0)) / 2;
  };
  const out: InitiativeImpact['concurrentShocks'] = [];
  for (const b of controls) {
    const name = panel.bus[b] ?? '';
    const perMonth = changes.get(name) ?? [];
    const med = perMonth.map((xs) => (xs.length >= 30 ? median(xs) : null));
    const pre = med.slice(1, T0).filter((v): v is number => v !== null);
    if (pre.length < 3) continue;
    const mean = pre.reduce((a, v) => a + v, 0) / pre.length;
    const sd = Math.sqrt(pre.reduce((a, v) => a + (v - mean) ** 2, 0) / (pre.length - 1));
    const bound = Math.max(4 * sd, Math.log(1.02));
    for (let t = T0; t < nM; t++) {
      const v = med[t];
      if (v === null || v === undefined || Math.abs(v - mean) <= bound) continue;
      out.push({
        bu: name,
        month: panel.months[t] ?? '',
        medianChangePct: 100 * (Math.exp(v) - 1),
        preMeanPct: 100 * (Math.exp(mean) - 1),
        preSdPct: 100 * sd,
      });
    }
  }
  return out;
}
