/**
 * Structural parameters of the synthetic company (methods.md §5.2–§5.3). Values marked
 * "calibrated" were solved with `npm run generate -- --calibrate` (see calibrate.ts) and are
 * published in `ground_truth.json` under `parameters`.
 */

/** Business-unit ids, in file order. */
export const BUS = ['ENT', 'SMB', 'CON'] as const;
/** One business unit. */
export type Bu = (typeof BUS)[number];

/** Contact channels used by the generator. */
export const CHANNELS = ['phone', 'chat', 'email'] as const;
/** One channel. */
export type Channel = (typeof CHANNELS)[number];

/** Loyalty category from true LTR: D ≤ 6, N 7–8, P 9–10. */
export type Category = 'D' | 'N' | 'P';

/** Per-BU structural parameters. */
export interface BuParameters {
  initialCustomers: number;
  revenueMedian: number;
  revenueSigma: number;
  /** Promoter baseline monthly churn hazard h0. */
  h0: number;
  /** Contacts per customer-month λ. */
  lambda: number;
  /** Staffing multiplier on FRT. */
  staffing: number;
  /** Loyalty mean μ_b (calibrated to the NPS target). */
  mu: number;
  /** CSAT latent offset a_b (calibrated to the T2B target). */
  csatOffset: number;
  targetNps: number;
  targetT2b: number;
  grossMargin: number;
}

/** All structural parameters of one run. */
export interface GeneratorParameters {
  firstMonth: string;
  months: number;
  /** Go-live month index T0 (1-based, 13 = 2024-01). */
  t0: number;
  seasonalityAmplitude: number;
  bu: Record<Bu, BuParameters>;
  channelMix: Record<Channel, number>;
  /** FRT median target per channel, seconds. */
  frtTargetS: Record<Channel, number>;
  frtSigma: number;
  /** AHT lognormal median per channel, seconds. */
  ahtMedianS: Record<Channel, number>;
  ahtSigma: number;
  ahtUnresolvedFactor: number;
  costPerContact: Record<Channel, number>;
  fcr: { intercept: number; z: number; x: number; initiative: number };
  repeatProbability: { unresolved: number; resolved: number; maxChainLength: number; sameChannel: number };
  transactional: {
    responseProbability: number;
    z: number;
    fcr: number;
    x: number;
    csatCuts: number[];
    cesCuts: number[];
    cesPerRepeat: number;
  };
  loyalty: {
    rho: number;
    kappa: number;
    sigmaL: number;
    z: number;
    initialSd: number;
    ltrIntercept: number;
    ltrSlope: number;
  };
  relationship: {
    inviteProbability: number;
    responseProbability: number;
    outage: { bu: Bu; t: number };
  };
  driverSurvey: { quarterEndMonthsOnly: true; moduleProbability: number };
  churn: {
    hazardRatio: Record<Category, number>;
    unresolvedFactor: number;
    unresolvedCap: number;
    initiativeTheta: number;
    involuntaryShare: number;
  };
  initiative: { bu: Bu; frtFactorChatEmail: number };
  revenue: { growth: Record<Category, number>; sigma: number };
  priceShock: { bu: Bu; t: number; priceFactor: number; hazardFactor: number; months: number };
  dataQuality: {
    eurShareEnt: number;
    keyAccounts: number;
    westShareCon: number;
    winbackShareCon: number;
    winbackMaxDelay: number;
    duplicateRate: number;
    outOfRangeRate: number;
    nonIntegerLtrRate: number;
    negativeCreditRate: number;
    missingFinance: { bu: Bu; t: number };
    /** Hours after the window end at which contacts are extracted (later first responses are censored). */
    extractionLagHours: number;
  };
}

/**
 * Default parameters. μ_b and a_b are the calibrated values (targets: relationship NPS +35/+20/+5
 * and transactional T2B 84/75/75 % in the pre-period, population estimands averaged over seeds
 * 101–104; prototype starting values were μ = 0.62/0.18/−0.08 and a = 0.5/0/−0.1).
 */
export const DEFAULT_PARAMETERS: GeneratorParameters = {
  firstMonth: '2023-01',
  months: 24,
  t0: 13,
  seasonalityAmplitude: 0.15,
  bu: {
    ENT: {
      initialCustomers: 3000,
      revenueMedian: 6000,
      revenueSigma: 0.8,
      h0: 0.006,
      lambda: 0.8,
      staffing: 0.8,
      mu: 0.8161,
      csatOffset: 0.5436,
      targetNps: 35,
      targetT2b: 0.84,
      grossMargin: 0.75,
    },
    SMB: {
      initialCustomers: 7000,
      revenueMedian: 300,
      revenueSigma: 0.7,
      h0: 0.012,
      lambda: 0.4,
      staffing: 1.2,
      mu: 0.268,
      csatOffset: 0.0375,
      targetNps: 20,
      targetT2b: 0.75,
      grossMargin: 0.8,
    },
    CON: {
      initialCustomers: 10000,
      revenueMedian: 25,
      revenueSigma: 0.4,
      h0: 0.018,
      lambda: 0.15,
      staffing: 1.0,
      mu: -0.1126,
      csatOffset: -0.0875,
      targetNps: 5,
      targetT2b: 0.75,
      grossMargin: 0.6,
    },
  },
  channelMix: { phone: 0.4, chat: 0.3, email: 0.3 },
  frtTargetS: { phone: 45, chat: 60, email: 6 * 3600 },
  frtSigma: 0.8,
  ahtMedianS: { phone: 360, chat: 540, email: 300 },
  ahtSigma: 0.5,
  ahtUnresolvedFactor: 1.2,
  costPerContact: { phone: 8, chat: 5, email: 4 },
  fcr: { intercept: 0.8, z: 0.5, x: -0.3, initiative: 0.4 },
  repeatProbability: { unresolved: 0.8, resolved: 0.05, maxChainLength: 8, sameChannel: 0.7 },
  transactional: {
    responseProbability: 0.25,
    z: 0.8,
    fcr: 1.2,
    x: -0.3,
    csatCuts: [-2.6, -1.6, -0.6, 0.4],
    cesCuts: [-3.0, -2.0, -1.2, -0.4, 0.4, 1.4],
    cesPerRepeat: -0.5,
  },
  loyalty: {
    rho: 0.95,
    kappa: (0.35 * (1 - 0.95)) / 0.15,
    sigmaL: 0.35 * Math.sqrt((1 - 0.95 ** 2) / (1 - 0.85 ** 2)),
    z: 0.8,
    initialSd: 0.6,
    ltrIntercept: 7.6,
    ltrSlope: 2,
  },
  relationship: {
    inviteProbability: 1 / 12,
    responseProbability: 0.3,
    outage: { bu: 'ENT', t: 7 },
  },
  driverSurvey: { quarterEndMonthsOnly: true, moduleProbability: 0.75 },
  churn: {
    hazardRatio: { D: 2.8, N: 1.6, P: 1.0 },
    unresolvedFactor: 1.3,
    unresolvedCap: 2,
    initiativeTheta: 0.8,
    involuntaryShare: 0.2,
  },
  initiative: { bu: 'SMB', frtFactorChatEmail: 0.6 },
  revenue: { growth: { D: -0.006, N: 0.001, P: 0.008 }, sigma: 0.02 },
  priceShock: { bu: 'CON', t: 20, priceFactor: 1.08, hazardFactor: 1.15, months: 3 },
  dataQuality: {
    eurShareEnt: 0.1,
    keyAccounts: 40,
    westShareCon: 0.2,
    winbackShareCon: 0.05,
    winbackMaxDelay: 6,
    duplicateRate: 0.005,
    outOfRangeRate: 0.002,
    nonIntegerLtrRate: 0.001,
    negativeCreditRate: 0.003,
    missingFinance: { bu: 'CON', t: 18 },
    extractionLagHours: 3,
  },
};
