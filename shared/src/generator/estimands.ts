/**
 * Population estimands E1, E2 and E4 (methods.md §5.4) computed from complete latent data:
 * counterfactual re-evaluation with the same noise (E1), landmark churn ratios over all
 * customer-months (E2) and the twin run with the initiative switched off (E4).
 */
import { t2bProbability } from './calibrate';
import { BUS, CHANNELS, type Bu, type Category, type Channel } from './parameters';
import { csatEta, fcrProbability, monthOfT, type RelResponse, type World } from './simulate';

/** Average marginal effect of doubling FRT on P(T2B), in probability units (−0.05 = −5 pp). */
export interface AmeResult {
  total: number;
  direct: number;
  /** Mean P(T2B) at the observed FRT. */
  baseline: number;
  contacts: number;
}

/** E1 estimands. */
export interface E1Truth {
  definition: string;
  all: AmeResult;
  prePeriod: AmeResult;
  respondersOnly: AmeResult;
  byBu: Record<Bu, AmeResult>;
  byChannel: Record<Channel, AmeResult>;
}

interface AmeAcc {
  base: number;
  total: number;
  direct: number;
  n: number;
}

function finishAme(a: AmeAcc): AmeResult {
  const n = a.n;
  return {
    total: n ? a.total / n : 0,
    direct: n ? a.direct / n : 0,
    baseline: n ? a.base / n : 0,
    contacts: n,
  };
}

/** E1: AME of doubling FRT (x → x + 1) on P(CSAT ≥ 4), total (FCR re-drawn with the same uniform) and direct (FCR held). */
export function computeE1(world: World): E1Truth {
  const { params } = world.options;
  const t0 = params.t0;
  const acc = (): AmeAcc => ({ base: 0, total: 0, direct: 0, n: 0 });
  const all = acc();
  const pre = acc();
  const responders = acc();
  const byBu = {} as Record<Bu, AmeAcc>;
  for (const bu of BUS) byBu[bu] = acc();
  const byChannel = {} as Record<Channel, AmeAcc>;
  for (const ch of CHANNELS) byChannel[ch] = acc();
  for (const c of world.contacts) {
    if (c.createdMs >= world.cutoffMs) continue;
    const { bu, z } = c.customer;
    const p0 = t2bProbability(csatEta(params, bu, z, c.resolved, c.x), params);
    const pDirect = t2bProbability(csatEta(params, bu, z, c.resolved, c.x + 1), params);
    const resolvedCf = c.uFcr < fcrProbability(params, z, c.x + 1, c.initiative);
    const pTotal = t2bProbability(csatEta(params, bu, z, resolvedCf, c.x + 1), params);
    const targets = [all, byBu[bu], byChannel[c.channel]];
    if (c.t < t0) targets.push(pre);
    if (c.response !== null && c.response.respondedMs < world.cutoffMs) targets.push(responders);
    for (const a of targets) {
      a.base += p0;
      a.total += pTotal - p0;
      a.direct += pDirect - p0;
      a.n += 1;
    }
  }
  const buOut = {} as Record<Bu, AmeResult>;
  for (const bu of BUS) buOut[bu] = finishAme(byBu[bu]);
  const chOut = {} as Record<Channel, AmeResult>;
  for (const ch of CHANNELS) chOut[ch] = finishAme(byChannel[ch]);
  return {
    definition:
      'Over all written contacts: mean of P(T2B | x+1, FCR′) − P(T2B | x, FCR) with P(T2B) = logistic(η + 0.6), ' +
      'η = a_b + 0.8z + 1.2·FCR − 0.30·x; total re-draws FCR′ = 1[u_fcr < logistic(0.8 + 0.5z − 0.3(x+1) + 0.4·I)] with the ' +
      'same uniform; direct holds FCR. Units: probability (×100 = percentage points).',
    all: finishAme(all),
    prePeriod: finishAme(pre),
    respondersOnly: finishAme(responders),
    byBu: buOut,
    byChannel: chOut,
  };
}

/** A churn ratio with its parts. */
export interface ChurnRatio {
  ratioDtoP: number | null;
  ratioNtoP: number | null;
  rate: Record<Category, number | null>;
  n: Record<Category, number>;
  churners: Record<Category, number>;
}

/** E2 estimands. */
export interface E2Truth {
  definition: string;
  structuralHazardRatio: Record<Category, number>;
  /** Landmark on every customer-month active at the end of t (t ≤ 21): churn in t+1 … t+3 by true category at t. */
  population90d: Record<Bu | 'ALL', ChurnRatio>;
  /** Same outcome, landmarks = accepted relationship responses (category from the reported LTR). */
  responders90d: Record<Bu | 'ALL', ChurnRatio>;
  /** Monthly churn by true category over at-risk customer-months (hazard-ratio scale). */
  populationMonthly: Record<Bu | 'ALL', ChurnRatio>;
}

function ratio(n: Record<Category, number>, churners: Record<Category, number>): ChurnRatio {
  const rate = {
    D: n.D ? churners.D / n.D : null,
    N: n.N ? churners.N / n.N : null,
    P: n.P ? churners.P / n.P : null,
  };
  return {
    ratioDtoP: rate.D !== null && rate.P ? rate.D / rate.P : null,
    ratioNtoP: rate.N !== null && rate.P ? rate.N / rate.P : null,
    rate,
    n,
    churners,
  };
}

function counter(): Record<Category, number> {
  return { D: 0, N: 0, P: 0 };
}

/** E2: 90-day landmark churn ratios (population and responders) and the monthly hazard ratio. */
export function computeE2(world: World, corrupted: Set<RelResponse>): E2Truth {
  const { params } = world.options;
  const horizon = 3;
  const scopes: (Bu | 'ALL')[] = [...BUS, 'ALL'];
  const mk = (): Record<Bu | 'ALL', { n: Record<Category, number>; c: Record<Category, number> }> => {
    const out = {} as Record<Bu | 'ALL', { n: Record<Category, number>; c: Record<Category, number> }>;
    for (const s of scopes) out[s] = { n: counter(), c: counter() };
    return out;
  };
  const pop = mk();
  const resp = mk();
  const monthly = mk();
  const churnsWithin = (churnTs: number[], t: number): boolean =>
    churnTs.some((x) => x > t && x <= t + horizon);
  for (const m of world.months) {
    const churnTs = m.customer.churnEvents.map((e) => e.t);
    if (!m.spellFirst) {
      for (const s of [m.customer.bu, 'ALL'] as const) {
        monthly[s].n[m.category] += 1;
        if (m.churned) monthly[s].c[m.category] += 1;
      }
    }
    if (m.churned || m.t + horizon > params.months) continue;
    const y = churnsWithin(churnTs, m.t);
    for (const s of [m.customer.bu, 'ALL'] as const) {
      pop[s].n[m.category] += 1;
      if (y) pop[s].c[m.category] += 1;
    }
  }
  for (const r of world.relationship) {
    if (corrupted.has(r) || r.t + horizon > params.months) continue;
    const churnTs = r.customer.churnEvents.map((e) => e.t);
    if (churnTs.includes(r.t)) continue;
    const y = churnsWithin(churnTs, r.t);
    for (const s of [r.customer.bu, 'ALL'] as const) {
      resp[s].n[r.category] += 1;
      if (y) resp[s].c[r.category] += 1;
    }
  }
  const fin = (
    acc: Record<Bu | 'ALL', { n: Record<Category, number>; c: Record<Category, number> }>,
  ): Record<Bu | 'ALL', ChurnRatio> => {
    const out = {} as Record<Bu | 'ALL', ChurnRatio>;
    for (const s of scopes) out[s] = ratio(acc[s].n, acc[s].c);
    return out;
  };
  return {
    definition:
      'Landmark month t ≤ 2024-09 with the customer active at the end of t; outcome = a churn event in t+1 … t+3; ' +
      'segment = true category at t (population) or the category of an accepted relationship response in t (responders). ' +
      'Monthly: churn in t among customer-months at risk (not the first month of a spell) by true category at t.',
    structuralHazardRatio: { ...params.churn.hazardRatio },
    population90d: fin(pop),
    responders90d: fin(resp),
    populationMonthly: fin(monthly),
  };
}

/** Per-run aggregates of SMB in months T0 … 24. */
export interface ArmSummary {
  churners: number;
  atRiskCustomerMonths: number;
  churnRate: number;
  revenueUsd: number;
  /** Revenue over T0 … 24 of customers active at the end of T0 − 1. */
  revenueUsdBaseCohort: number;
  frtMedianS: Record<Channel, number | null>;
  fcrFirstContact: number;
  fcr7d: number;
  t2bPopulation: number;
  t2bRespondents: number | null;
  contacts: number;
  churnersByMonth: number[];
}

/** E4 estimands. */
export interface E4Truth {
  definition: string;
  initiativeInFiles: boolean;
  bu: Bu;
  months: { from: string; to: string };
  structural: { frtFactorChatEmail: number; fcrLogit: number; churnTheta: number; logTheta: number };
  withInitiative: ArmSummary;
  withoutInitiative: ArmSummary;
  att: {
    logRateRatio: number;
    logCountRatio: number;
    churnersSaved: number;
    /** Revenue (USD) over T0 … 24 of the customers active at the end of T0 − 1: on − off. */
    revenueSavedUsd: number;
    /**
     * Total SMB revenue difference on − off, including acquisitions (new customers arrive as
     * Poisson(churners), so extra churn in the twin is partly replaced).
     */
    revenueDiffAllCustomersUsd: number;
    frtMedianRatio: Record<Channel, number | null>;
    frtMedianDiffS: Record<Channel, number | null>;
    fcrFirstContact: number;
    fcr7d: number;
    t2bPopulation: number;
    t2bRespondents: number | null;
  };
  /** The effect present in the delivered files: `att` when the initiative is on, zero (placebo) otherwise. */
  estimandForFiles: { logRateRatio: number; churnersSaved: number; revenueSavedUsd: number };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function armSummary(world: World, bu: Bu): ArmSummary {
  const { params } = world.options;
  const t0 = params.t0;
  let churners = 0;
  let atRisk = 0;
  let revenue = 0;
  let revenueBase = 0;
  const churnersByMonth = new Array<number>(params.months - t0 + 1).fill(0);
  for (const m of world.months) {
    if (m.customer.bu !== bu || m.t < t0) continue;
    revenue += m.revenueUsd;
    const c = m.customer;
    if (c.spells.some((s) => s.start <= t0 - 1 && (s.end === null || s.end > t0 - 1)))
      revenueBase += m.revenueUsd;
    if (m.spellFirst) continue;
    atRisk += 1;
    if (m.churned) {
      churners += 1;
      churnersByMonth[m.t - t0] = (churnersByMonth[m.t - t0] ?? 0) + 1;
    }
  }
  const t0Ms = Date.parse(`${monthOfT(params, t0)}-01T00:00:00Z`);
  const contacts = world.contacts.filter(
    (c) => c.customer.bu === bu && c.createdMs >= t0Ms && c.createdMs < world.cutoffMs,
  );
  const frt = {} as Record<Channel, number | null>;
  for (const ch of CHANNELS) frt[ch] = median(contacts.filter((c) => c.channel === ch).map((c) => c.frtS));
  let first = 0;
  let firstResolved = 0;
  let f7 = 0;
  let f7n = 0;
  let t2b = 0;
  let resp = 0;
  let respTop = 0;
  const window7 = world.cutoffMs - 7 * 86_400_000;
  for (const c of contacts) {
    if (c.repeatIndex === 0) {
      first += 1;
      if (c.resolved) firstResolved += 1;
    }
    if (c.createdMs <= window7) {
      f7n += 1;
      if (!c.followedByRepeat) f7 += 1;
    }
    t2b += t2bProbability(csatEta(params, bu, c.customer.z, c.resolved, c.x), params);
    if (c.response && c.response.respondedMs < world.cutoffMs) {
      resp += 1;
      if (c.response.csat >= 4) respTop += 1;
    }
  }
  return {
    churners,
    atRiskCustomerMonths: atRisk,
    churnRate: churners / atRisk,
    revenueUsd: revenue,
    revenueUsdBaseCohort: revenueBase,
    frtMedianS: frt,
    fcrFirstContact: firstResolved / first,
    fcr7d: f7 / f7n,
    t2bPopulation: t2b / contacts.length,
    t2bRespondents: resp ? respTop / resp : null,
    contacts: contacts.length,
    churnersByMonth,
  };
}

/** E4: twin-run ATT of the SMB initiative over months T0 … 24 (`on` = initiative world, `off` = twin). */
export function computeE4(on: World, off: World, initiativeInFiles: boolean): E4Truth {
  const { params } = on.options;
  const bu = params.initiative.bu;
  const a = armSummary(on, bu);
  const b = armSummary(off, bu);
  const ratioOrNull = (x: number | null, y: number | null): number | null => (x !== null && y ? x / y : null);
  const diffOrNull = (x: number | null, y: number | null): number | null =>
    x !== null && y !== null ? x - y : null;
  const frtMedianRatio = {} as Record<Channel, number | null>;
  const frtMedianDiffS = {} as Record<Channel, number | null>;
  for (const ch of CHANNELS) {
    frtMedianRatio[ch] = ratioOrNull(a.frtMedianS[ch], b.frtMedianS[ch]);
    frtMedianDiffS[ch] = diffOrNull(a.frtMedianS[ch], b.frtMedianS[ch]);
  }
  const att = {
    logRateRatio: Math.log(a.churnRate / b.churnRate),
    logCountRatio: Math.log(a.churners / b.churners),
    churnersSaved: b.churners - a.churners,
    revenueSavedUsd: a.revenueUsdBaseCohort - b.revenueUsdBaseCohort,
    revenueDiffAllCustomersUsd: a.revenueUsd - b.revenueUsd,
    frtMedianRatio,
    frtMedianDiffS,
    fcrFirstContact: a.fcrFirstContact - b.fcrFirstContact,
    fcr7d: a.fcr7d - b.fcr7d,
    t2bPopulation: a.t2bPopulation - b.t2bPopulation,
    t2bRespondents: diffOrNull(a.t2bRespondents, b.t2bRespondents),
  };
  return {
    definition:
      'Twin run with the same seed and the initiative switched off (common random numbers). SMB, months ' +
      `${monthOfT(params, params.t0)} … ${monthOfT(params, params.months)}. Churn rate = churners / at-risk customer-months; ` +
      'logRateRatio = log(rate_on / rate_off); churnersSaved = churners_off − churners_on; revenueSavedUsd = on − off revenue ' +
      '(USD, latent monthly revenue before rounding and injected credits) of the cohort active at the end of 2023-12; ' +
      'revenueDiffAllCustomersUsd = the same over all SMB customers (acquisitions replace churners, so it is diluted); ' +
      'FRT medians in seconds over contacts created in the period (uncensored); FCR = first contacts resolved; FCR_7d = contacts ' +
      'without a same-issue repeat (created ≥ 7 days before the cut-off); T2B = mean population P(CSAT ≥ 4).',
    initiativeInFiles,
    bu,
    months: { from: monthOfT(params, params.t0), to: monthOfT(params, params.months) },
    structural: {
      frtFactorChatEmail: params.initiative.frtFactorChatEmail,
      fcrLogit: params.fcr.initiative,
      churnTheta: params.churn.initiativeTheta,
      logTheta: Math.log(params.churn.initiativeTheta),
    },
    withInitiative: a,
    withoutInitiative: b,
    att,
    estimandForFiles: initiativeInFiles
      ? {
          logRateRatio: att.logRateRatio,
          churnersSaved: att.churnersSaved,
          revenueSavedUsd: att.revenueSavedUsd,
        }
      : { logRateRatio: 0, churnersSaved: 0, revenueSavedUsd: 0 },
  };
}

/**
 * Per-BU totals of both twin worlds, for the BUs simulated in both (the generator simulates the
 * twin for the initiative's BU only; the others are identical by construction).
 */
export function twinSummary(on: World, off: World): Partial<Record<Bu, { on: TwinTotals; off: TwinTotals }>> {
  const sum = (w: World): Record<Bu, TwinTotals> => {
    const out = {} as Record<Bu, TwinTotals>;
    for (const bu of BUS) {
      out[bu] = {
        customers: 0,
        customerMonths: 0,
        churners: 0,
        revenueUsd: 0,
        contacts: 0,
        relationshipResponses: 0,
      };
    }
    for (const c of w.customers) out[c.bu].customers += 1;
    for (const m of w.months) {
      const o = out[m.customer.bu];
      o.customerMonths += 1;
      o.revenueUsd += m.revenueUsd;
      if (m.churned) o.churners += 1;
    }
    for (const c of w.contacts) out[c.customer.bu].contacts += 1;
    for (const r of w.relationship) out[r.customer.bu].relationshipResponses += 1;
    return out;
  };
  const a = sum(on);
  const b = sum(off);
  const out: Partial<Record<Bu, { on: TwinTotals; off: TwinTotals }>> = {};
  for (const bu of BUS) {
    if (on.flows[bu] && off.flows[bu]) out[bu] = { on: a[bu], off: b[bu] };
  }
  return out;
}

/** Totals of one BU in one twin world. */
export interface TwinTotals {
  customers: number;
  customerMonths: number;
  churners: number;
  revenueUsd: number;
  contacts: number;
  relationshipResponses: number;
}

/** NPS category counts of one BU-month over every active customer (true LTR), for methods §5.7 T1. */
export interface NpsCellCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * Population NPS counts per BU and calendar month: the true category of every active customer-month
 * (the relationship survey samples customer-months at random, so this is the population it estimates).
 */
export function computePopulationNps(world: World): Record<Bu, Record<string, NpsCellCounts>> {
  const { params } = world.options;
  const out = {} as Record<Bu, Record<string, NpsCellCounts>>;
  for (const bu of BUS) out[bu] = {};
  for (const m of world.months) {
    if (m.t < 1 || m.t > params.months) continue;
    const month = monthOfT(params, m.t);
    const cell = (out[m.customer.bu][month] ??= { promoters: 0, passives: 0, detractors: 0 });
    if (m.category === 'P') cell.promoters++;
    else if (m.category === 'N') cell.passives++;
    else cell.detractors++;
  }
  return out;
}
