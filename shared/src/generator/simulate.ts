/**
 * The latent monthly simulation of methods.md §5.3: complete data for every customer, contact and
 * survey response, before anything is written to files. Every random number is keyed by
 * (customer, month, purpose, index) through {@link KeyedRandom}, so two runs that differ only in
 * the initiative switch share all noise (common random numbers).
 *
 * Warm-up: the company is simulated latently from 2018-01 (month 1 − 60) with a linear ramp of
 * acquisitions reaching exactly the §5.2 base at the end of 2022-12; only customers still active
 * then become the initial customers. Their start months are therefore spread over 2018-01 … 2022-12
 * and their loyalty, revenue and disposition carry the tenure and survivorship they would really
 * have, so the 24-month window starts near steady state instead of drifting.
 */
import { addMonths, monthStartMs } from '../month';
import { DRIVER_BETA, DRIVER_R2, HALO_LOADINGS, explainedVariance, publishRating } from './drivers';
import {
  BUS,
  CHANNELS,
  type Bu,
  type BuParameters,
  type Category,
  type Channel,
  type GeneratorParameters,
} from './parameters';
import { KeyedRandom, hashString } from './prng';
import { at, logistic } from './util';

/** Months of latent warm-up before the window (2018-01 … 2022-12). */
export const WARMUP_MONTHS = 60;

/** Switches of one simulated world. */
export interface SimulationOptions {
  seed: number;
  /** Multiplies the initial customer counts (and the key-account count); default 1. */
  scale: number;
  /** SMB CX initiative from T0 (methods §5.3, E4). */
  initiative: boolean;
  /** CON price-change shock at month 20 (methods §5.3 step 10). */
  priceShock: boolean;
  params: GeneratorParameters;
  /** Simulate only months 1…lastT (calibration uses the pre-period only); default all. */
  lastT?: number;
  /**
   * Simulate only these BUs in the window (default all). BUs are independent (keyed draws), so a
   * twin run only needs the BU the initiative touches.
   */
  bus?: readonly Bu[];
}

/** One activity spell: active from `start` through `end` inclusive (month numbers; start ≤ 0 before the window). */
export interface Spell {
  start: number;
  end: number | null;
}

/** One churn event and its optional observed win-back month. */
export interface ChurnEvent {
  t: number;
  reason: 'voluntary' | 'involuntary';
  winbackT: number | null;
}

/** A customer with its latent traits and realised history. */
export interface SimCustomer {
  bu: Bu;
  /** Public sequence number (customer_id); 0 until assigned. */
  seq: number;
  /** PRNG key (creation order, including warm-up customers that never reach the window). */
  key: number;
  id: string;
  initial: boolean;
  /** Month number of entry (≤ 0 for initial customers). */
  startT: number;
  /** Calendar start month `YYYY-MM`. */
  startMonth: string;
  z: number;
  eur: boolean;
  west: boolean;
  keyAccount: boolean;
  country: string;
  acquisition: 'earned' | 'bought';
  /** Entry monthly revenue (USD). */
  entryRevenue: number;
  spells: Spell[];
  churnEvents: ChurnEvent[];
  L: number;
  m: number;
  active: boolean;
}

/** One active customer-month of latent data. */
export interface CustomerMonth {
  customer: SimCustomer;
  t: number;
  /** L after this month's update. */
  loyalty: number;
  ltr: number;
  category: Category;
  /** Issues opened this month whose first contact was not resolved (U_it). */
  unresolved: number;
  /** True in the first month of a spell (no churn possible, no revenue growth). */
  spellFirst: boolean;
  hazard: number;
  churned: boolean;
  /** Clean monthly revenue in USD (before rounding, currency and credit injections). */
  revenueUsd: number;
}

/** Transactional survey response attached to a contact. */
export interface TxnResponse {
  respondedMs: number;
  csat: number;
  ces: number;
  resolvedReported: boolean;
}

/** One contact row of latent data. */
export interface SimContact {
  customer: SimCustomer;
  /** Month (1…24) in which the issue was opened. */
  t: number;
  issue: number;
  /** Position in the issue's chain (0 = first contact). */
  repeatIndex: number;
  channel: Channel;
  createdMs: number;
  /** True first-response time in whole seconds (≥ 1), uncensored. */
  frtS: number;
  /** log2(FRT / channel target), unrounded. */
  x: number;
  /** The uniform that decided resolution (re-used for counterfactual FCR). */
  uFcr: number;
  initiative: boolean;
  resolved: boolean;
  talkS: number;
  holdS: number;
  acwS: number;
  /** A further contact on the same issue follows (always within 7 days). */
  followedByRepeat: boolean;
  response: TxnResponse | null;
}

/** One relationship-survey response (clean). */
export interface RelResponse {
  customer: SimCustomer;
  t: number;
  respondedMs: number;
  ltr: number;
  category: Category;
  /** Published 1–10 attribute ratings (file order), when the driver module was asked. */
  attributes: number[] | null;
  overall: number | null;
}

/** Per-BU monthly flow counts of the simulation window. */
export interface FlowCounts {
  churners: number;
  arrivals: number;
  winbacks: number;
}

/** The complete latent world of one run. */
export interface World {
  options: SimulationOptions;
  customers: SimCustomer[];
  months: CustomerMonth[];
  contacts: SimContact[];
  relationship: RelResponse[];
  /** EUR→USD (USD per EUR) monthly rate, unrounded, index t − 1. */
  fxEurUsd: number[];
  /** Monthly flows of each simulated BU. */
  flows: Partial<Record<Bu, FlowCounts[]>>;
  /** Epoch ms of the data extraction (first instant after the window). */
  cutoffMs: number;
}

const P = {
  z: hashString('disposition'),
  l0: hashString('loyalty-initial'),
  m0: hashString('revenue-entry'),
  eur: hashString('currency-eur'),
  west: hashString('timezone-west'),
  country: hashString('country'),
  acquisition: hashString('acquisition'),
  nContacts: hashString('contacts-count'),
  created: hashString('contact-created'),
  channel: hashString('contact-channel'),
  sameChannel: hashString('contact-same-channel'),
  frt: hashString('contact-frt'),
  fcr: hashString('contact-fcr'),
  aht: hashString('contact-aht'),
  hold: hashString('contact-hold'),
  acw: hashString('contact-acw'),
  repeat: hashString('contact-repeat'),
  repeatDelay: hashString('contact-repeat-delay'),
  txnRespond: hashString('txn-respond'),
  txnEps: hashString('txn-epsilon'),
  txnDelay: hashString('txn-delay'),
  txnReported: hashString('txn-reported'),
  loyaltyNoise: hashString('loyalty-noise'),
  invite: hashString('rel-invite'),
  relRespond: hashString('rel-respond'),
  relTime: hashString('rel-time'),
  driverModule: hashString('driver-module'),
  driverHalo: hashString('driver-halo'),
  driverUnique: hashString('driver-unique'),
  driverError: hashString('driver-error'),
  churn: hashString('churn'),
  reason: hashString('churn-reason'),
  winback: hashString('winback'),
  winbackDelay: hashString('winback-delay'),
  revenue: hashString('revenue-growth'),
  arrivals: hashString('arrivals'),
  fx: hashString('fx-eur'),
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Stable PRNG key of a customer: BU index × 2²⁴ + creation index. */
export function customerKey(bu: Bu, creationIndex: number): number {
  return BUS.indexOf(bu) * 16_777_216 + creationIndex;
}

/** Customer id `ENT-000001`. */
export function customerId(bu: Bu, seq: number): string {
  return `${bu}-${String(seq).padStart(6, '0')}`;
}

/** Category of an LTR score: D ≤ 6, N 7–8, P ≥ 9. */
export function categoryOf(ltr: number): Category {
  return ltr >= 9 ? 'P' : ltr >= 7 ? 'N' : 'D';
}

/** Month number t (1 = first window month; ≤ 0 = warm-up) → `YYYY-MM`. */
export function monthOfT(params: GeneratorParameters, t: number): string {
  return addMonths(params.firstMonth, t - 1);
}

/** Common time shock s_t = 1 + A·sin(2πt/12) (methods §5.2). */
export function seasonality(params: GeneratorParameters, t: number): number {
  return 1 + params.seasonalityAmplitude * Math.sin((2 * Math.PI * t) / 12);
}

/** P(first-contact resolution) = logistic(0.8 + 0.5 z − 0.3 x + 0.4·initiative). */
export function fcrProbability(
  params: GeneratorParameters,
  z: number,
  x: number,
  initiative: boolean,
): number {
  return logistic(
    params.fcr.intercept + params.fcr.z * z + params.fcr.x * x + (initiative ? params.fcr.initiative : 0),
  );
}

/** CSAT latent mean η = a_b + 0.8 z + 1.2·FCR − 0.30 x (before the logistic error). */
export function csatEta(
  params: GeneratorParameters,
  bu: Bu,
  z: number,
  resolved: boolean,
  x: number,
): number {
  const tp = params.transactional;
  return params.bu[bu].csatOffset + tp.z * z + tp.fcr * (resolved ? 1 : 0) + tp.x * x;
}

function pickWeighted<T extends string>(u: number, items: readonly (readonly [T, number])[]): T {
  let acc = 0;
  for (let i = 0; i < items.length; i++) {
    const item = at(items, i);
    acc += item[1];
    if (u < acc) return item[0];
  }
  return at(items, items.length - 1)[0];
}

/** 1 + number of cut-points strictly below `v` (ordinal category of a latent value). */
function ordinal(cuts: readonly number[], v: number): number {
  let n = 1;
  for (let i = 0; i < cuts.length; i++) if (at(cuts, i) < v) n += 1;
  return n;
}

const COUNTRIES: Record<Bu, readonly (readonly [string, number])[]> = {
  ENT: [
    ['US', 0.6],
    ['GB', 0.2],
    ['CA', 0.1],
    ['AU', 0.1],
  ],
  SMB: [
    ['US', 0.55],
    ['GB', 0.15],
    ['CA', 0.1],
    ['AU', 0.1],
    ['IE', 0.1],
  ],
  CON: [
    ['US', 0.7],
    ['CA', 0.15],
    ['GB', 0.15],
  ],
};
const EURO_COUNTRIES: readonly (readonly [string, number])[] = [
  ['DE', 0.35],
  ['FR', 0.25],
  ['NL', 0.15],
  ['ES', 0.15],
  ['IT', 0.1],
];

/** State of one BU at the end of the warm-up (shared by the twin runs of a seed). */
export interface BuWarmState {
  customers: SimCustomer[];
  creationIndex: number;
  publicSeq: number;
}

/** Warm-up state of all BUs. */
export type WarmStart = Record<Bu, BuWarmState>;

interface Sink {
  months: CustomerMonth[];
  contacts: SimContact[];
  relationship: RelResponse[];
}

/** Simulation of one BU: warm-up plus window. */
class BuSimulator {
  private creationIndex = 0;
  private publicSeq = 0;
  private readonly bp: BuParameters;
  private readonly params: GeneratorParameters;
  private readonly channelItems: readonly (readonly [Channel, number])[];
  private readonly sdY: number;
  private readonly errorSd: number;

  constructor(
    private readonly bu: Bu,
    private readonly options: SimulationOptions,
    private readonly rng: KeyedRandom,
    /** monthStart(t) = starts[t + WARMUP_MONTHS − 1] for t = 1 − W … months + 1. */
    private readonly starts: number[],
    private readonly sink: Sink,
  ) {
    this.params = options.params;
    this.bp = options.params.bu[bu];
    this.channelItems = CHANNELS.map((c) => [c, options.params.channelMix[c]] as const);
    this.sdY = Math.sqrt(explainedVariance() / DRIVER_R2);
    this.errorSd = Math.sqrt(explainedVariance() * (1 / DRIVER_R2 - 1));
  }

  private monthStart(t: number): number {
    return at(this.starts, t + WARMUP_MONTHS - 1);
  }

  private create(startT: number): SimCustomer {
    const { rng, bu, bp, params, options } = this;
    const key = customerKey(bu, ++this.creationIndex);
    const z = rng.normal(P.z, key);
    const eur = bu === 'ENT' && rng.uniform(P.eur, key) < params.dataQuality.eurShareEnt;
    const west = bu === 'CON' && rng.uniform(P.west, key) < params.dataQuality.westShareCon;
    const country = eur
      ? pickWeighted(rng.uniform(P.country, key), EURO_COUNTRIES)
      : west
        ? 'US'
        : pickWeighted(rng.uniform(P.country, key), COUNTRIES[bu]);
    let entryRevenue = bp.revenueMedian * Math.exp(bp.revenueSigma * rng.normal(P.m0, key));
    const ps = params.priceShock;
    if (options.priceShock && bu === ps.bu && startT >= ps.t) entryRevenue *= ps.priceFactor;
    return {
      bu,
      seq: 0,
      key,
      id: '',
      initial: startT <= 0,
      startT,
      startMonth: monthOfT(params, startT),
      z,
      eur,
      west,
      keyAccount: false,
      country,
      acquisition: rng.uniform(P.acquisition, key) < 0.65 ? 'earned' : 'bought',
      entryRevenue,
      spells: [{ start: startT, end: null }],
      churnEvents: [],
      L: bp.mu + params.loyalty.z * z + params.loyalty.initialSd * rng.normal(P.l0, key),
      m: entryRevenue,
      active: true,
    };
  }

  private assignId(c: SimCustomer): void {
    c.seq = ++this.publicSeq;
    c.id = customerId(this.bu, c.seq);
  }

  /** Contacts of one customer-month; returns U (issues whose first contact was unresolved). */
  private contacts(c: SimCustomer, t: number, record: boolean): number {
    const { rng, params, bp, bu, options } = this;
    const n = rng.poisson(bp.lambda, P.nContacts, c.key, t);
    if (n === 0) return 0;
    let unresolvedIssues = 0;
    const monthStart = this.monthStart(t);
    const monthLen = this.monthStart(t + 1) - monthStart;
    const t0Ms = this.monthStart(params.t0);
    const cutoffMs = this.monthStart(params.months + 1);
    const rp = params.repeatProbability;
    const tp = params.transactional;
    for (let j = 0; j < n; j++) {
      let createdMs = monthStart + Math.floor((rng.uniform(P.created, c.key, t, j) * monthLen) / 1000) * 1000;
      let channel = pickWeighted(rng.uniform(P.channel, c.key, t, j * 16), this.channelItems);
      for (let r = 0; r < rp.maxChainLength; r++) {
        const k = j * 16 + r;
        if (r > 0 && rng.uniform(P.sameChannel, c.key, t, k) >= rp.sameChannel) {
          channel = pickWeighted(rng.uniform(P.channel, c.key, t, k), this.channelItems);
        }
        const initiative =
          options.initiative && bu === params.initiative.bu && createdMs >= t0Ms && createdMs < cutoffMs;
        const target = params.frtTargetS[channel];
        let frt = target * bp.staffing * Math.exp(params.frtSigma * rng.normal(P.frt, c.key, t, k));
        if (initiative && channel !== 'phone') frt *= params.initiative.frtFactorChatEmail;
        const x = Math.log2(frt / target);
        const uFcr = rng.uniform(P.fcr, c.key, t, k);
        const resolved = uFcr < fcrProbability(params, c.z, x, initiative);
        if (r === 0 && !resolved) unresolvedIssues += 1;
        if (!record) break;
        const aht =
          params.ahtMedianS[channel] *
          Math.exp(params.ahtSigma * rng.normal(P.aht, c.key, t, k)) *
          (resolved ? 1 : params.ahtUnresolvedFactor);
        let talkS: number;
        let holdS = 0;
        let acwS = 0;
        if (channel === 'phone') {
          holdS = Math.round(aht * 0.1 * rng.uniform(P.hold, c.key, t, k));
          acwS = Math.round(aht * (0.1 + 0.1 * rng.uniform(P.acw, c.key, t, k)));
          talkS = Math.max(1, Math.round(aht) - holdS - acwS);
        } else {
          talkS = Math.max(1, Math.round(aht));
        }
        const followedByRepeat =
          r + 1 < rp.maxChainLength &&
          rng.uniform(P.repeat, c.key, t, k) < (resolved ? rp.resolved : rp.unresolved);
        let response: TxnResponse | null = null;
        if (rng.uniform(P.txnRespond, c.key, t, k) < tp.responseProbability) {
          const latent = csatEta(params, bu, c.z, resolved, x) + rng.logistic(P.txnEps, c.key, t, k);
          const uRep = rng.uniform(P.txnReported, c.key, t, k);
          response = {
            respondedMs:
              createdMs +
              600_000 +
              Math.floor((rng.uniform(P.txnDelay, c.key, t, k) * 48 * HOUR) / 1000) * 1000,
            csat: ordinal(tp.csatCuts, latent),
            ces: ordinal(tp.cesCuts, latent + tp.cesPerRepeat * r),
            resolvedReported: resolved ? uRep < 0.92 : uRep < 0.05,
          };
        }
        this.sink.contacts.push({
          customer: c,
          t,
          issue: j,
          repeatIndex: r,
          channel,
          createdMs,
          frtS: Math.max(1, Math.round(frt)),
          x,
          uFcr,
          initiative,
          resolved,
          talkS,
          holdS,
          acwS,
          followedByRepeat,
          response,
        });
        if (!followedByRepeat) break;
        createdMs +=
          HOUR + Math.floor((rng.uniform(P.repeatDelay, c.key, t, k) * (7 * DAY - 2 * HOUR)) / 1000) * 1000;
      }
    }
    return unresolvedIssues;
  }

  private relationshipSurvey(c: SimCustomer, t: number, ltr: number, category: Category): void {
    const { rng, params, bu } = this;
    const outage = params.relationship.outage;
    if (bu === outage.bu && t === outage.t) return;
    if (rng.uniform(P.invite, c.key, t) >= params.relationship.inviteProbability) return;
    if (rng.uniform(P.relRespond, c.key, t) >= params.relationship.responseProbability) return;
    const monthStart = this.monthStart(t);
    const monthLen = this.monthStart(t + 1) - monthStart;
    const respondedMs =
      monthStart +
      12 * HOUR +
      Math.floor((rng.uniform(P.relTime, c.key, t) * (monthLen - 24 * HOUR)) / 1000) * 1000;
    let attributes: number[] | null = null;
    let overall: number | null = null;
    if (t % 3 === 0 && rng.uniform(P.driverModule, c.key, t) < params.driverSurvey.moduleProbability) {
      const halo = rng.normal(P.driverHalo, c.key, t);
      const latent = HALO_LOADINGS.map(
        (l, k) => l * halo + Math.sqrt(1 - l * l) * rng.normal(P.driverUnique, c.key, t, k),
      );
      let y = this.errorSd * rng.normal(P.driverError, c.key, t);
      latent.forEach((v, k) => {
        y += v * at(DRIVER_BETA, k);
      });
      attributes = latent.map(publishRating);
      overall = publishRating(y / this.sdY);
    }
    this.sink.relationship.push({ customer: c, t, respondedMs, ltr, category, attributes, overall });
  }

  /** One customer-month (§5.3 steps 1–9); returns true when the customer churns at the end of t. */
  private step(c: SimCustomer, t: number, spellFirst: boolean, record: boolean): boolean {
    const { rng, params, bp, bu, options } = this;
    const lp = params.loyalty;
    const ch = params.churn;
    const U = this.contacts(c, t, record);
    const cappedU = Math.min(U, ch.unresolvedCap);
    c.L =
      lp.rho * c.L +
      (1 - lp.rho) * (bp.mu + lp.z * c.z) -
      lp.kappa * cappedU +
      lp.sigmaL * rng.normal(P.loyaltyNoise, c.key, t);
    const ltr = Math.min(10, Math.max(0, Math.round(lp.ltrIntercept + lp.ltrSlope * c.L)));
    const category = categoryOf(ltr);
    if (record) this.relationshipSurvey(c, t, ltr, category);

    let hazard = 0;
    let churned = false;
    if (!spellFirst) {
      hazard = bp.h0 * seasonality(params, t) * ch.hazardRatio[category] * ch.unresolvedFactor ** cappedU;
      if (options.initiative && bu === params.initiative.bu && t >= params.t0) hazard *= ch.initiativeTheta;
      const ps = params.priceShock;
      if (options.priceShock && bu === ps.bu && t >= ps.t && t < ps.t + ps.months) hazard *= ps.hazardFactor;
      churned = rng.uniform(P.churn, c.key, t) < hazard;
      c.m *= Math.exp(
        params.revenue.growth[category] + params.revenue.sigma * rng.normal(P.revenue, c.key, t),
      );
      if (options.priceShock && bu === ps.bu && t === ps.t) c.m *= ps.priceFactor;
    }
    if (record) {
      this.sink.months.push({
        customer: c,
        t,
        loyalty: c.L,
        ltr,
        category,
        unresolved: U,
        spellFirst,
        hazard,
        churned,
        revenueUsd: c.m,
      });
    }
    return churned;
  }

  /** Latent warm-up 2018-01 … 2022-12; returns the initial customers (ids assigned, key accounts marked). */
  warmUp(): BuWarmState {
    const { params, bu } = this;
    const target = Math.round(this.bp.initialCustomers * this.options.scale);
    let active: SimCustomer[] = [];
    for (let w = 1; w <= WARMUP_MONTHS; w++) {
      const t = w - WARMUP_MONTHS;
      const next: SimCustomer[] = [];
      for (const c of active) if (!this.step(c, t, false, false)) next.push(c);
      const goal = Math.round((target * w) / WARMUP_MONTHS);
      while (next.length < goal) {
        const c = this.create(t);
        this.step(c, t, true, false);
        next.push(c);
      }
      active = next;
    }
    for (const c of active) this.assignId(c);
    const keyAccounts = Math.round(params.dataQuality.keyAccounts * this.options.scale);
    if (bu === 'ENT' && keyAccounts > 0) {
      const ranked = [...active].sort((a, b) => b.m - a.m || a.seq - b.seq);
      for (const c of ranked.slice(0, keyAccounts)) c.keyAccount = true;
    }
    return { customers: active, creationIndex: this.creationIndex, publicSeq: this.publicSeq };
  }

  /** The window months 1 … lastT from a warm-up state (which is cloned, never mutated). */
  run(lastT: number, warm: BuWarmState): { customers: SimCustomer[]; flows: FlowCounts[] } {
    const { params, rng, bu } = this;
    this.creationIndex = warm.creationIndex;
    this.publicSeq = warm.publicSeq;
    const customers = structuredClone(warm.customers);
    let active = [...customers];

    const flows: FlowCounts[] = [];
    const pendingWinbacks = new Map<number, SimCustomer[]>();
    for (let t = 1; t <= lastT; t++) {
      const returning = pendingWinbacks.get(t) ?? [];
      for (const c of returning) {
        c.active = true;
        c.spells.push({ start: t, end: null });
      }
      const next: SimCustomer[] = [];
      let churners = 0;
      const runOne = (c: SimCustomer, spellFirst: boolean): void => {
        if (!this.step(c, t, spellFirst, true)) {
          next.push(c);
          return;
        }
        churners += 1;
        c.active = false;
        at(c.spells, c.spells.length - 1).end = t;
        const reason =
          rng.uniform(P.reason, c.key, t) < params.churn.involuntaryShare ? 'involuntary' : 'voluntary';
        let winbackT: number | null = null;
        const dq = params.dataQuality;
        if (bu === 'CON' && rng.uniform(P.winback, c.key, t) < dq.winbackShareCon) {
          const wb = t + 1 + Math.floor(rng.uniform(P.winbackDelay, c.key, t) * dq.winbackMaxDelay);
          if (wb <= params.months) {
            winbackT = wb;
            const list = pendingWinbacks.get(wb) ?? [];
            list.push(c);
            pendingWinbacks.set(wb, list);
          }
        }
        c.churnEvents.push({ t, reason, winbackT });
      };
      for (const c of active) runOne(c, false);
      for (const c of returning) runOne(c, true);
      const nNew = rng.poisson(churners, P.arrivals, customerKey(bu, 0), t);
      for (let k = 0; k < nNew; k++) {
        const c = this.create(t);
        this.assignId(c);
        customers.push(c);
        runOne(c, true);
      }
      flows.push({ churners, arrivals: nNew, winbacks: returning.length });
      active = next;
    }
    return { customers, flows };
  }
}

function monthStarts(params: GeneratorParameters): number[] {
  const starts: number[] = [];
  for (let t = 1 - WARMUP_MONTHS; t <= params.months + 1; t++) starts.push(monthStartMs(monthOfT(params, t)));
  return starts;
}

/**
 * Latent warm-up of every BU (2018-01 … 2022-12). It depends only on seed, scale and parameters,
 * so twin runs share one warm-up.
 */
export function warmUp(options: SimulationOptions): WarmStart {
  const rng = new KeyedRandom(options.seed);
  const starts = monthStarts(options.params);
  const sink: Sink = { months: [], contacts: [], relationship: [] };
  const out = {} as WarmStart;
  for (const bu of BUS) out[bu] = new BuSimulator(bu, options, rng, starts, sink).warmUp();
  return out;
}

/** Simulate one complete world (all BUs; warm-up plus months 1 … lastT). */
export function simulateWorld(options: SimulationOptions, warm?: WarmStart): World {
  const { params } = options;
  const rng = new KeyedRandom(options.seed);
  const lastT = Math.min(options.lastT ?? params.months, params.months);
  const starts = monthStarts(params);
  const warmStart = warm ?? warmUp(options);

  const fxEurUsd: number[] = [];
  let logFx = Math.log(1.08);
  for (let t = 1; t <= params.months; t++) {
    logFx += 0.012 * rng.normal(P.fx, 0, t);
    fxEurUsd.push(Math.exp(logFx));
  }

  const sink: Sink = { months: [], contacts: [], relationship: [] };
  const customers: SimCustomer[] = [];
  const flows: Partial<Record<Bu, FlowCounts[]>> = {};
  for (const bu of options.bus ?? BUS) {
    const result = new BuSimulator(bu, options, rng, starts, sink).run(lastT, warmStart[bu]);
    customers.push(...result.customers);
    flows[bu] = result.flows;
  }
  return {
    options,
    customers,
    months: sink.months,
    contacts: sink.contacts,
    relationship: sink.relationship,
    fxEurUsd,
    flows,
    cutoffMs: monthStartMs(monthOfT(params, params.months + 1)),
  };
}
