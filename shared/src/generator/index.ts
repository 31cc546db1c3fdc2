/**
 * Synthetic-company generator (methods.md §5): a deterministic 3-BU company over 2023-01 … 2024-12
 * with planted, verifiable effects E1–E8, written through the same upload contracts a customer
 * would use, plus a machine-readable ground truth.
 *
 * Pure: returns rows and ground truth in memory; the CLI (local/src/generate.ts) writes files.
 */
import { calibrationSummary, type CalibrationSummary } from './calibrate';
import {
  driverImportance,
  discretisedFullCorrelation,
  latentFullCorrelation,
  DRIVER_BETA,
  DRIVER_R2,
  HALO_LOADINGS,
  type DriverImportance,
} from './drivers';
import {
  computeE1,
  computePopulationNps,
  computeE2,
  computeE4,
  twinSummary,
  type E1Truth,
  type E2Truth,
  type E4Truth,
} from './estimands';
import { computeLedger, type LedgerTruth } from './ledger';
import { BUS, DEFAULT_PARAMETERS, type Bu, type GeneratorParameters } from './parameters';
import {
  CSV_FILES,
  renderCompany,
  type CsvFileName,
  type CsvTable,
  type DefectEntry,
  type DefectKind,
  type InitiativeRecord,
  type OperationalDriverTruth,
} from './render';
import { WARMUP_MONTHS, monthOfT, simulateWorld, warmUp, type World } from './simulate';

export { CSV_FILES, DEFAULT_PARAMETERS, BUS };
export type { CsvFileName, CsvTable, DefectEntry, DefectKind, GeneratorParameters, InitiativeRecord, Bu };
export type { CalibrationSummary, DriverImportance, E1Truth, E2Truth, E4Truth, LedgerTruth };

/** Version of the generative model; bump whenever output for a given seed changes. */
export const GENERATOR_VERSION = '1.0.0';

/** Options of {@link generateCompany}. */
export interface GenerateOptions {
  seed: number;
  /** Multiplies the initial customer counts (default 1 → 3,000/7,000/10,000). */
  scale?: number;
  /** SMB initiative from 2024-01 present in the files (default true); the twin is always simulated. */
  initiative?: boolean;
  /** CON +8 % price shock at 2024-08 with ×1.15 churn hazard for 3 months (default false). */
  priceShock?: boolean;
  /** Override structural parameters (default {@link DEFAULT_PARAMETERS}). */
  params?: GeneratorParameters;
}

/** The ground truth written to ground_truth.json. */
export interface GroundTruth {
  seed: number;
  generatorVersion: string;
  options: { scale: number; initiative: boolean; priceShock: boolean };
  calendar: { firstMonth: string; lastMonth: string; goLiveMonth: string; warmUpFrom: string };
  parameters: GeneratorParameters & {
    calibrated: { mu: Record<Bu, number>; csatOffset: Record<Bu, number> };
    driverModule: { loadings: readonly number[]; beta: readonly number[]; r2: number };
    warmUpMonths: number;
  };
  counts: Record<CsvFileName | 'initiatives.json', number>;
  volumes: {
    customers: number;
    customerMonths: number;
    issues: number;
    contacts: number;
    transactionalResponses: number;
    relationshipResponses: number;
    driverModuleResponses: number;
  };
  calibration: CalibrationSummary & { targets: Record<Bu, { nps: number; t2b: number }> };
  /** Population NPS counts per BU and month over all active customers (true LTR; methods §5.7 T1). */
  populationNps: ReturnType<typeof computePopulationNps>;
  E1: E1Truth;
  E2: E2Truth;
  E3: { structuralFactor: number; logFactor: number; cap: number; note: string };
  E4: E4Truth;
  E5: {
    order: string[];
    continuous: DriverImportance;
    discretised: DriverImportance;
    respondents: number;
  };
  E6: LedgerTruth;
  E7: { seasonality: string; amplitude: number };
  E8: { rowConvention: string; summary: Partial<Record<DefectKind, number>>; manifest: DefectEntry[] };
  operationalDrivers: OperationalDriverTruth;
  twin: ReturnType<typeof twinSummary>;
}

/** Output of {@link generateCompany}. */
export interface GeneratedCompany {
  /** CSV tables by file name (header + string cells, in file row order). */
  files: Record<CsvFileName, CsvTable>;
  /** Content of initiatives.json. */
  initiatives: InitiativeRecord[];
  groundTruth: GroundTruth;
}

/**
 * Both simulated worlds of one seed: `on` with the initiative, `off` its twin. They share one
 * warm-up; with `initiativeBuOnly` the twin that is not written to files is simulated for the
 * initiative's BU only (the other BUs are identical by construction — common random numbers).
 */
export function simulateTwins(opts: GenerateOptions & { initiativeBuOnly?: boolean }): {
  on: World;
  off: World;
} {
  const params = opts.params ?? DEFAULT_PARAMETERS;
  const base = { seed: opts.seed, scale: opts.scale ?? 1, priceShock: opts.priceShock ?? false, params };
  const warm = warmUp({ ...base, initiative: false });
  const written = opts.initiative ?? true;
  const only = opts.initiativeBuOnly ? [params.initiative.bu] : undefined;
  return {
    on: simulateWorld({ ...base, initiative: true, bus: written ? undefined : only }, warm),
    off: simulateWorld({ ...base, initiative: false, bus: written ? only : undefined }, warm),
  };
}

let driverTruth: { continuous: DriverImportance; discretised: DriverImportance } | null = null;

/** E5 population shares (continuous and discretised scales); pure constants, computed once per process. */
export function populationDriverImportance(): {
  continuous: DriverImportance;
  discretised: DriverImportance;
} {
  driverTruth ??= {
    continuous: driverImportance(latentFullCorrelation()),
    discretised: driverImportance(discretisedFullCorrelation()),
  };
  return structuredClone(driverTruth);
}

/** Simulate both twins, keep the world to be written and reduce the other to its E4 summaries (so it can be freed). */
function simulateAndCompare(
  opts: GenerateOptions,
  initiative: boolean,
): { main: World; e4: E4Truth; twin: ReturnType<typeof twinSummary> } {
  const { on, off } = simulateTwins({ ...opts, initiativeBuOnly: true });
  return { main: initiative ? on : off, e4: computeE4(on, off, initiative), twin: twinSummary(on, off) };
}

/**
 * Generate the synthetic company for one seed. Simulates the world with and without the SMB
 * initiative (common random numbers), renders the files of the requested world
 * (`initiative`, default true), injects the §5.6 data-quality defects and computes the ground
 * truth (E1–E8). Same options → identical output.
 */
export function generateCompany(opts: GenerateOptions): GeneratedCompany {
  const params = opts.params ?? DEFAULT_PARAMETERS;
  const initiative = opts.initiative ?? true;
  const scale = opts.scale ?? 1;
  const priceShock = opts.priceShock ?? false;
  const { main, e4, twin } = simulateAndCompare({ ...opts, params }, initiative);
  const rendered = renderCompany(main);
  const { files } = rendered;

  const counts = {} as Record<CsvFileName | 'initiatives.json', number>;
  for (const f of CSV_FILES) counts[f] = files[f].rows.length;
  counts['initiatives.json'] = rendered.initiatives.length;

  const summary: Partial<Record<DefectKind, number>> = {};
  for (const d of rendered.manifest) summary[d.defect] = (summary[d.defect] ?? 0) + 1;

  const mu = {} as Record<Bu, number>;
  const csatOffset = {} as Record<Bu, number>;
  const targets = {} as Record<Bu, { nps: number; t2b: number }>;
  for (const bu of BUS) {
    mu[bu] = params.bu[bu].mu;
    csatOffset[bu] = params.bu[bu].csatOffset;
    targets[bu] = { nps: params.bu[bu].targetNps, t2b: params.bu[bu].targetT2b };
  }
  const writtenContacts = main.contacts.filter((c) => c.createdMs < main.cutoffMs);

  const groundTruth: GroundTruth = {
    seed: opts.seed,
    generatorVersion: GENERATOR_VERSION,
    options: { scale, initiative, priceShock },
    calendar: {
      firstMonth: params.firstMonth,
      lastMonth: monthOfT(params, params.months),
      goLiveMonth: monthOfT(params, params.t0),
      warmUpFrom: monthOfT(params, 1 - WARMUP_MONTHS),
    },
    parameters: {
      ...structuredClone(params),
      calibrated: { mu, csatOffset },
      driverModule: { loadings: HALO_LOADINGS, beta: DRIVER_BETA, r2: DRIVER_R2 },
      warmUpMonths: WARMUP_MONTHS,
    },
    counts,
    volumes: {
      customers: main.customers.length,
      customerMonths: main.months.length,
      issues: writtenContacts.filter((c) => c.repeatIndex === 0).length,
      contacts: files['contacts.csv'].rows.length,
      transactionalResponses: writtenContacts.filter(
        (c) => c.response && c.response.respondedMs < main.cutoffMs,
      ).length,
      relationshipResponses: main.relationship.length,
      driverModuleResponses: main.relationship.filter((r) => r.attributes !== null).length,
    },
    calibration: { ...calibrationSummary(main), targets },
    populationNps: computePopulationNps(main),
    E1: computeE1(main),
    E2: computeE2(main, rendered.corruptedRelationship),
    E3: {
      structuralFactor: params.churn.unresolvedFactor,
      logFactor: Math.log(params.churn.unresolvedFactor),
      cap: params.churn.unresolvedCap,
      note:
        'Hazard × 1.3^min(U, 2), U = issues opened in the month whose first contact was unresolved. Conditioning on the ' +
        'true category is impossible with survey-only categories: expect attenuation/confounding; report only.',
    },
    E4: e4,
    E5: {
      order: [
        'response_time',
        'product_availability',
        'agent_knowledge',
        'price_value',
        'website_ease',
        'billing_clarity',
      ],
      ...populationDriverImportance(),
      respondents: main.relationship.filter((r) => r.attributes !== null).length,
    },
    E6: computeLedger(main, files['revenue.csv'], rendered.fxRateStrings, rendered.corruptedRelationship),
    E7: {
      seasonality: 's_t = 1 + 0.15 × sin(2πt/12), t = 1 for 2023-01; multiplies every BU churn hazard',
      amplitude: params.seasonalityAmplitude,
    },
    E8: {
      rowConvention:
        'row = CSV line number with the header on line 1 (first data row = 2); null for file-level defects',
      summary,
      manifest: rendered.manifest,
    },
    operationalDrivers: rendered.operationalDrivers,
    twin,
  };
  return { files, initiatives: rendered.initiatives, groundTruth };
}
