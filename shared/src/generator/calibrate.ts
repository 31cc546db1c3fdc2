/**
 * Calibration of μ_b (relationship NPS targets) and a_b (transactional T2B targets) and the
 * calibration summary of a world (NPS, T2B, FCR, churn per BU). The targets are population
 * estimands of the pre-period (months 1 … T0−1) computed from the complete latent data.
 */
import { BUS, type Bu, type GeneratorParameters } from './parameters';
import { csatEta, simulateWorld, type World } from './simulate';
import { logistic } from './util';

/** Calibration quantities of one BU. */
export interface BuCalibration {
  /** Population NPS (×100) over all active pre-period customer-months (true category). */
  npsPopulationPre: number;
  /** Survey NPS (×100) over clean relationship responses, all months. */
  npsRespondents: number;
  /** Survey NPS (×100) over clean relationship responses, pre-period. */
  npsRespondentsPre: number;
  relationshipResponses: number;
  /** Population P(CSAT ≥ 4) averaged over all pre-period contacts. */
  t2bPopulationPre: number;
  /** Share CSAT ≥ 4 among pre-period transactional responses. */
  t2bRespondentsPre: number;
  transactionalResponses: number;
  /** Share of first contacts resolved (agent flag), pre-period. */
  fcrResolvedPre: number;
  /** Operational FCR_7d: contacts without a same-issue repeat within 7 days, pre-period. */
  fcr7dPre: number;
  /** Pooled monthly logo churn Σ C_t / Σ S_t over the pre-period. */
  monthlyChurnPre: number;
  contacts: number;
}

/** Calibration summary per BU plus FCR over all BUs. */
export interface CalibrationSummary {
  bu: Record<Bu, BuCalibration>;
  fcrResolvedPreAll: number;
  fcr7dPreAll: number;
}

/** P(CSAT ≥ 4) given the latent mean η: Λ(η − cut₃) with the third CSAT cut-point. */
export function t2bProbability(eta: number, params: GeneratorParameters): number {
  return logistic(eta - (params.transactional.csatCuts[2] ?? -0.6));
}

/** Summarise the calibration quantities of a world (pre-period = months before T0). */
export function calibrationSummary(world: World): CalibrationSummary {
  const { params } = world.options;
  const preT = params.t0 - 1;
  const acc = new Map<Bu, Record<string, number>>();
  for (const bu of BUS) {
    acc.set(bu, {
      pop: 0,
      popP: 0,
      popD: 0,
      resp: 0,
      respP: 0,
      respD: 0,
      respPre: 0,
      respPreP: 0,
      respPreD: 0,
      t2bSum: 0,
      t2bN: 0,
      t2bResp: 0,
      t2bRespN: 0,
      first: 0,
      firstRes: 0,
      fcr7: 0,
      fcr7N: 0,
      atRisk: 0,
      churned: 0,
      contacts: 0,
    });
  }
  const get = (bu: Bu): Record<string, number> => {
    const a = acc.get(bu);
    if (!a) throw new Error(`unknown BU ${bu}`);
    return a;
  };
  const inc = (a: Record<string, number>, k: string, v = 1): void => {
    a[k] = (a[k] ?? 0) + v;
  };
  for (const m of world.months) {
    if (m.t > preT) continue;
    const a = get(m.customer.bu);
    inc(a, 'pop');
    if (m.category === 'P') inc(a, 'popP');
    if (m.category === 'D') inc(a, 'popD');
    if (!m.spellFirst) {
      inc(a, 'atRisk');
      if (m.churned) inc(a, 'churned');
    }
  }
  for (const r of world.relationship) {
    const a = get(r.customer.bu);
    inc(a, 'resp');
    if (r.category === 'P') inc(a, 'respP');
    if (r.category === 'D') inc(a, 'respD');
    if (r.t <= preT) {
      inc(a, 'respPre');
      if (r.category === 'P') inc(a, 'respPreP');
      if (r.category === 'D') inc(a, 'respPreD');
    }
  }
  const cutoff7 = Date.UTC(2024, 11, 25);
  for (const c of world.contacts) {
    const a = get(c.customer.bu);
    inc(a, 'contacts');
    if (c.t > preT) continue;
    inc(a, 't2bN');
    inc(a, 't2bSum', t2bProbability(csatEta(params, c.customer.bu, c.customer.z, c.resolved, c.x), params));
    if (c.response) {
      inc(a, 't2bRespN');
      if (c.response.csat >= 4) inc(a, 't2bResp');
    }
    if (c.repeatIndex === 0) {
      inc(a, 'first');
      if (c.resolved) inc(a, 'firstRes');
    }
    if (c.createdMs <= cutoff7) {
      inc(a, 'fcr7N');
      if (!c.followedByRepeat) inc(a, 'fcr7');
    }
  }
  const v = (a: Record<string, number>, k: string): number => a[k] ?? 0;
  const out = {} as Record<Bu, BuCalibration>;
  let first = 0;
  let firstRes = 0;
  let f7 = 0;
  let f7n = 0;
  for (const bu of BUS) {
    const a = get(bu);
    out[bu] = {
      npsPopulationPre: (100 * (v(a, 'popP') - v(a, 'popD'))) / v(a, 'pop'),
      npsRespondents: (100 * (v(a, 'respP') - v(a, 'respD'))) / v(a, 'resp'),
      npsRespondentsPre: (100 * (v(a, 'respPreP') - v(a, 'respPreD'))) / v(a, 'respPre'),
      relationshipResponses: v(a, 'resp'),
      t2bPopulationPre: v(a, 't2bSum') / v(a, 't2bN'),
      t2bRespondentsPre: v(a, 't2bResp') / v(a, 't2bRespN'),
      transactionalResponses: v(a, 't2bRespN'),
      fcrResolvedPre: v(a, 'firstRes') / v(a, 'first'),
      fcr7dPre: v(a, 'fcr7') / v(a, 'fcr7N'),
      monthlyChurnPre: v(a, 'churned') / v(a, 'atRisk'),
      contacts: v(a, 'contacts'),
    };
    first += v(a, 'first');
    firstRes += v(a, 'firstRes');
    f7 += v(a, 'fcr7');
    f7n += v(a, 'fcr7N');
  }
  return { bu: out, fcrResolvedPreAll: firstRes / first, fcr7dPreAll: f7 / f7n };
}

/** Result of {@link calibrate}. */
export interface CalibrationResult {
  mu: Record<Bu, number>;
  csatOffset: Record<Bu, number>;
  achieved: Record<Bu, { nps: number; t2b: number }>;
}

/**
 * Solve μ_b by bisection so the seed-averaged pre-period population NPS hits the BU target, then
 * solve a_b by bisection on the seed-averaged population T2B (a_b does not feed back into the
 * simulation, so it is solved on the contacts of the final μ run).
 */
export function calibrate(base: GeneratorParameters, seeds: number[], scale = 1): CalibrationResult {
  const run = (params: GeneratorParameters): World[] =>
    seeds.map((seed) =>
      simulateWorld({ seed, scale, initiative: false, priceShock: false, params, lastT: params.t0 - 1 }),
    );
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const lo = { ENT: -1, SMB: -1, CON: -1.5 } as Record<Bu, number>;
  const hi = { ENT: 2, SMB: 1.5, CON: 1 } as Record<Bu, number>;
  const params: GeneratorParameters = structuredClone(base);
  for (let iter = 0; iter < 16; iter++) {
    for (const bu of BUS) params.bu[bu].mu = (lo[bu] + hi[bu]) / 2;
    const worlds = run(params);
    for (const bu of BUS) {
      const nps = mean(worlds.map((w) => calibrationSummary(w).bu[bu].npsPopulationPre));
      if (nps < params.bu[bu].targetNps) lo[bu] = params.bu[bu].mu;
      else hi[bu] = params.bu[bu].mu;
    }
  }
  for (const bu of BUS) params.bu[bu].mu = Math.round(((lo[bu] + hi[bu]) / 2) * 1e4) / 1e4;
  const worlds = run(params);
  const csatOffset = {} as Record<Bu, number>;
  const achieved = {} as Record<Bu, { nps: number; t2b: number }>;
  for (const bu of BUS) {
    let a = -2;
    let b = 3;
    const contacts = worlds.flatMap((w) => w.contacts.filter((c) => c.customer.bu === bu));
    const t2bAt = (offset: number): number => {
      let s = 0;
      for (const c of contacts) {
        s += t2bProbability(
          csatEta(params, bu, c.customer.z, c.resolved, c.x) - params.bu[bu].csatOffset + offset,
          params,
        );
      }
      return s / contacts.length;
    };
    for (let iter = 0; iter < 50; iter++) {
      const mid = (a + b) / 2;
      if (t2bAt(mid) < params.bu[bu].targetT2b) a = mid;
      else b = mid;
    }
    csatOffset[bu] = Math.round(((a + b) / 2) * 1e4) / 1e4;
    achieved[bu] = {
      nps: mean(worlds.map((w) => calibrationSummary(w).bu[bu].npsPopulationPre)),
      t2b: t2bAt(csatOffset[bu]),
    };
  }
  const mu = {} as Record<Bu, number>;
  for (const bu of BUS) mu[bu] = params.bu[bu].mu;
  return { mu, csatOffset, achieved };
}
