/**
 * Turns a latent {@link World} into the upload files of contracts.md (rows of strings, header
 * first) and injects the data-quality defects of methods.md §5.6, recording each one in a manifest.
 * Every injection is a keyed draw, so a twin run injects the same defects into the same rows.
 */
import { ATTRIBUTES } from './drivers';
import { BUS, type Bu, type Channel } from './parameters';
import { KeyedRandom, hashString } from './prng';
import { monthOfT, type RelResponse, type SimContact, type World } from './simulate';
import { at } from './util';

/** Names of the CSV files the generator writes. */
export const CSV_FILES = [
  'customers.csv',
  'revenue.csv',
  'fx-rates.csv',
  'contacts.csv',
  'survey-transactional.csv',
  'survey-relationship.csv',
  'churn-events.csv',
  'operational-drivers.csv',
] as const;
/** One CSV file name. */
export type CsvFileName = (typeof CSV_FILES)[number];

/** A CSV table: header plus data rows, every cell already formatted as a string. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Kinds of injected or planted data-quality defects (methods §5.6). */
export type DefectKind =
  | 'empty-survey-month'
  | 'small-cell-segment'
  | 'right-censored-frt'
  | 'duplicate-response'
  | 'out-of-range-value'
  | 'non-integer-ltr'
  | 'missing-finance-upload'
  | 'negative-revenue-credit'
  | 'currency-eur'
  | 'winback'
  | 'timezone-local-month-differs';

/**
 * One manifest entry. `row` is the CSV line number with the header on line 1 (so the first data
 * row is line 2); `row` and `column` are null for file-level defects (an absent BU-month).
 */
export interface DefectEntry {
  file: CsvFileName;
  row: number | null;
  column: string | null;
  value: string;
  defect: DefectKind;
}

/** The initiative registry entry written to initiatives.json. */
export interface InitiativeRecord {
  name: string;
  bu: Bu;
  goLiveMonth: string;
  costOneOff: number;
  costMonthly: number;
  description: string;
}

/** Stock-out relation published in the ground truth. */
export interface OperationalDriverTruth {
  relation: string;
  slopePerRatingPoint: number;
  baseStockout: Record<Bu, number>;
  points: {
    bu: Bu;
    month: string;
    n: number;
    meanProductAvailability: number | null;
    stockoutRate: number;
  }[];
}

/** Everything rendered from one world. */
export interface RenderedCompany {
  files: Record<CsvFileName, CsvTable>;
  initiatives: InitiativeRecord[];
  manifest: DefectEntry[];
  /** Relationship responses whose LTR was corrupted (rejected by a correct ingestion). */
  corruptedRelationship: Set<RelResponse>;
  operationalDrivers: OperationalDriverTruth;
  /** Exact EUR rate strings per month index t − 1. */
  fxRateStrings: string[];
}

const Q = {
  credit: hashString('dq-negative-credit'),
  creditSize: hashString('dq-negative-credit-size'),
  txnDefect: hashString('dq-txn-defect'),
  txnDefectValue: hashString('dq-txn-defect-value'),
  txnDup: hashString('dq-txn-duplicate'),
  relDefect: hashString('dq-rel-defect'),
  relDup: hashString('dq-rel-duplicate'),
  stockout: hashString('ops-stockout'),
  onTime: hashString('ops-on-time'),
};

/** Team name per BU and channel, e.g. `ENT Phone`. */
const TEAM = Object.fromEntries(
  BUS.map((bu) => [bu, { phone: `${bu} Phone`, chat: `${bu} Chat`, email: `${bu} Email` }]),
) as Record<Bu, Record<Channel, string>>;
const HOUR = 3_600_000;

/** ISO-8601 timestamp with an explicit offset: `+00:00`, or `-08:00` local time for west-coast customers. */
export function formatTimestamp(ms: number, west: boolean): string {
  return west ? `${isoSeconds(ms - 8 * HOUR)}-08:00` : `${isoSeconds(ms)}+00:00`;
}

/** `yymm` of month number t, used inside row ids. */
const yymmCache = new WeakMap<World, string[]>();
function yymm(world: World, t: number): string {
  let list = yymmCache.get(world);
  if (!list) {
    list = [];
    for (let i = 0; i <= world.options.params.months + 1; i++) {
      const m = monthOfT(world.options.params, i);
      list.push(`${m.slice(2, 4)}${m.slice(5, 7)}`);
    }
    yymmCache.set(world, list);
  }
  return at(list, t);
}

/** Issue id `I-ENT-000001-2301-1` of a contact. */
export function issueIdOf(world: World, c: SimContact): string {
  return `I-${c.customer.id}-${yymm(world, c.t)}-${c.issue + 1}`;
}

/** Contact id `C-ENT-000001-2301-1-1` (issue number, then position in the chain). */
export function contactIdOf(world: World, c: SimContact): string {
  return `C-${c.customer.id}-${yymm(world, c.t)}-${c.issue + 1}-${c.repeatIndex + 1}`;
}

interface PendingDefect {
  column: string;
  value: string;
  defect: DefectKind;
}

/** A row before ordering: numeric sort key, string tie-break, cells and the defects it carries. */
interface Pending {
  key: number;
  tie: string;
  /** 1 for an injected duplicate (sorts right after its original). */
  dup?: number;
  cells: string[];
  defects: PendingDefect[] | null;
}

function compareSort(a: Pending, b: Pending): number {
  if (a.key !== b.key) return a.key - b.key;
  if (a.tie !== b.tie) return a.tie < b.tie ? -1 : 1;
  return (a.dup ?? 0) - (b.dup ?? 0);
}

const SEQ_SPAN = 16_777_216;
const dayCache = new Map<number, string>();

/** `YYYY-MM-DDTHH:MM:SS` of an epoch-ms instant (UTC), with the date part cached per day. */
function isoSeconds(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let date = dayCache.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dayCache.set(day, date);
  }
  const secs = Math.floor((ms - day * 86_400_000) / 1000);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  const ss = secs % 60;
  return `${date}T${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}:${ss < 10 ? '0' : ''}${ss}`;
}

function finish(
  file: CsvFileName,
  header: string[],
  pending: Pending[],
  manifest: DefectEntry[],
  sort = true,
): CsvTable {
  if (sort) pending.sort(compareSort);
  const rows: string[][] = [];
  pending.forEach((p, i) => {
    rows.push(p.cells);
    if (!p.defects) return;
    for (const d of p.defects)
      manifest.push({ file, row: i + 2, column: d.column, value: d.value, defect: d.defect });
  });
  return { header, rows };
}

/** Render the upload files, the initiative registry and the defect manifest of a world. */
export function renderCompany(world: World): RenderedCompany {
  const { params } = world.options;
  const rng = new KeyedRandom(world.options.seed);
  const dq = params.dataQuality;
  const manifest: DefectEntry[] = [];
  const buIndex = (bu: Bu): number => BUS.indexOf(bu);
  const monthNames: string[] = [];
  for (let t = 0; t <= params.months + 1; t++) monthNames.push(monthOfT(params, t));
  const months = (t: number): string => at(monthNames, t);

  // customers.csv
  const customerRows: Pending[] = world.customers.map((c) => ({
    key: buIndex(c.bu) * SEQ_SPAN + c.seq,
    tie: '',
    cells: [c.id, c.bu, c.keyAccount ? 'Key accounts' : c.bu, c.startMonth, c.country, c.acquisition],
    defects: c.keyAccount
      ? [{ column: 'segment', value: 'Key accounts', defect: 'small-cell-segment' }]
      : null,
  }));
  const customers = finish(
    'customers.csv',
    ['customer_id', 'bu', 'segment', 'start_month', 'country', 'acquisition_channel'],
    customerRows,
    manifest,
  );

  // fx-rates.csv
  const fxRateStrings = world.fxEurUsd.map((r) => r.toFixed(4));
  const fxRows: Pending[] = fxRateStrings.map((rate, i) => ({
    key: i,
    tie: '',
    cells: [months(i + 1), 'EUR', rate],
    defects: null,
  }));
  const fx = finish('fx-rates.csv', ['month', 'currency', 'rate'], fxRows, manifest);

  // revenue.csv — rows in (month, BU, customer) order, emitted directly (the largest table).
  const missing = dq.missingFinance;
  const monthRecords = world.months.filter((m) => !(m.customer.bu === missing.bu && m.t === missing.t));
  const revKey = (m: (typeof monthRecords)[number]): number =>
    (m.t * 4 + buIndex(m.customer.bu)) * SEQ_SPAN + m.customer.seq;
  monthRecords.sort((a, b) => revKey(a) - revKey(b));
  const revenueTableRows: string[][] = [];
  monthRecords.forEach((m, i) => {
    const c = m.customer;
    const line = i + 2;
    const rate = c.eur ? Number(at(fxRateStrings, m.t - 1)) : 1;
    let amount = m.revenueUsd / rate;
    let text = amount.toFixed(2);
    if (text === '0.00') text = '0.01';
    if (rng.uniform(Q.credit, c.key, m.t) < dq.negativeCreditRate) {
      amount = -amount * (0.05 + 0.45 * rng.uniform(Q.creditSize, c.key, m.t));
      text = amount.toFixed(2);
      if (text === '-0.00' || text === '0.00') text = '-0.01';
      manifest.push({
        file: 'revenue.csv',
        row: line,
        column: 'revenue',
        value: text,
        defect: 'negative-revenue-credit',
      });
    }
    if (c.eur)
      manifest.push({
        file: 'revenue.csv',
        row: line,
        column: 'currency',
        value: 'EUR',
        defect: 'currency-eur',
      });
    revenueTableRows.push([c.id, months(m.t), text, c.eur ? 'EUR' : 'USD']);
  });
  const revenue: CsvTable = {
    header: ['customer_id', 'month', 'revenue', 'currency'],
    rows: revenueTableRows,
  };
  manifest.push({
    file: 'revenue.csv',
    row: null,
    column: null,
    value: `${missing.bu} ${months(missing.t)}`,
    defect: 'missing-finance-upload',
  });

  // contacts.csv and survey-transactional.csv (extracted a few hours after the window: first
  // responses later than that are right-censored and written empty)
  const extractionMs = world.cutoffMs + dq.extractionLagHours * HOUR;
  const contactRows: Pending[] = [];
  const txnRows: Pending[] = [];
  for (const c of world.contacts) {
    if (c.createdMs >= world.cutoffMs) continue;
    const cust = c.customer;
    const contactId = contactIdOf(world, c);
    const created = formatTimestamp(c.createdMs, cust.west);
    const firstResponseMs = c.createdMs + c.frtS * 1000;
    const censored = firstResponseMs >= extractionMs;
    let defects: PendingDefect[] | null = null;
    if (censored) defects = [{ column: 'first_response_at', value: '', defect: 'right-censored-frt' }];
    if (cust.west && created.slice(0, 7) !== isoSeconds(c.createdMs).slice(0, 7)) {
      (defects ??= []).push({ column: 'created_at', value: created, defect: 'timezone-local-month-differs' });
    }
    contactRows.push({
      key: c.createdMs,
      tie: contactId,
      cells: [
        contactId,
        issueIdOf(world, c),
        cust.id,
        c.channel,
        created,
        censored ? '' : formatTimestamp(firstResponseMs, cust.west),
        String(c.talkS),
        String(c.holdS),
        String(c.acwS),
        c.resolved ? 'yes' : 'no',
        TEAM[cust.bu][c.channel],
      ],
      defects,
    });
    const r = c.response;
    if (!r || r.respondedMs >= world.cutoffMs) continue;
    const k = c.issue * 16 + c.repeatIndex;
    const responseId = `T${contactId.slice(1)}`;
    const u = rng.uniform(Q.txnDefect, cust.key, c.t, k);
    let csat = String(r.csat);
    let txnDefects: PendingDefect[] | null = null;
    if (u < dq.outOfRangeRate) {
      csat = rng.uniform(Q.txnDefectValue, cust.key, c.t, k) < 0.5 ? '0' : '6';
      txnDefects = [{ column: 'csat', value: csat, defect: 'out-of-range-value' }];
    }
    const cells = [
      responseId,
      contactId,
      cust.id,
      formatTimestamp(r.respondedMs, cust.west),
      csat,
      String(r.ces),
      r.resolvedReported ? 'yes' : 'no',
    ];
    txnRows.push({ key: r.respondedMs, tie: responseId, dup: 0, cells, defects: txnDefects });
    if (!txnDefects && rng.uniform(Q.txnDup, cust.key, c.t, k) < dq.duplicateRate) {
      txnRows.push({
        key: r.respondedMs,
        tie: responseId,
        dup: 1,
        cells: [...cells],
        defects: [{ column: 'response_id', value: responseId, defect: 'duplicate-response' }],
      });
    }
  }
  const contacts = finish(
    'contacts.csv',
    [
      'contact_id',
      'issue_id',
      'customer_id',
      'channel',
      'created_at',
      'first_response_at',
      'talk_s',
      'hold_s',
      'acw_s',
      'resolved',
      'team',
    ],
    contactRows,
    manifest,
  );
  const surveyTransactional = finish(
    'survey-transactional.csv',
    ['response_id', 'contact_id', 'customer_id', 'responded_at', 'csat', 'ces', 'resolved_reported'],
    txnRows,
    manifest,
  );

  // survey-relationship.csv
  const relRows: Pending[] = [];
  const corruptedRelationship = new Set<RelResponse>();
  for (const r of world.relationship) {
    const cust = r.customer;
    const responseId = `N-${cust.id}-${yymm(world, r.t)}`;
    const u = rng.uniform(Q.relDefect, cust.key, r.t);
    let ltr = String(r.ltr);
    let defects: PendingDefect[] | null = null;
    if (u < dq.outOfRangeRate) {
      ltr = '11';
      defects = [{ column: 'ltr', value: ltr, defect: 'out-of-range-value' }];
    } else if (u < dq.outOfRangeRate + dq.nonIntegerLtrRate) {
      ltr = r.ltr >= 10 ? '9.5' : `${r.ltr}.5`;
      defects = [{ column: 'ltr', value: ltr, defect: 'non-integer-ltr' }];
    }
    if (defects) corruptedRelationship.add(r);
    const attrs = r.attributes ? r.attributes.map(String) : ATTRIBUTES.map(() => '');
    const cells = [
      responseId,
      cust.id,
      formatTimestamp(r.respondedMs, cust.west),
      ltr,
      ...attrs,
      r.overall === null ? '' : String(r.overall),
    ];
    relRows.push({ key: r.respondedMs, tie: responseId, dup: 0, cells, defects });
    if (!defects && rng.uniform(Q.relDup, cust.key, r.t) < dq.duplicateRate) {
      relRows.push({
        key: r.respondedMs,
        tie: responseId,
        dup: 1,
        cells: [...cells],
        defects: [{ column: 'response_id', value: responseId, defect: 'duplicate-response' }],
      });
    }
  }
  const surveyRelationship = finish(
    'survey-relationship.csv',
    [
      'response_id',
      'customer_id',
      'responded_at',
      'ltr',
      ...ATTRIBUTES.map((a) => `attr_${a}`),
      'overall_satisfaction',
    ],
    relRows,
    manifest,
  );
  const outage = params.relationship.outage;
  manifest.push({
    file: 'survey-relationship.csv',
    row: null,
    column: null,
    value: `${outage.bu} ${months(outage.t)}`,
    defect: 'empty-survey-month',
  });

  // churn-events.csv
  const churnRows: Pending[] = [];
  for (const c of world.customers) {
    for (const e of c.churnEvents) {
      const winback = e.winbackT === null ? '' : months(e.winbackT);
      churnRows.push({
        key: (e.t * 4 + buIndex(c.bu)) * SEQ_SPAN + c.seq,
        tie: '',
        cells: [c.id, months(e.t), e.reason, winback],
        defects: winback ? [{ column: 'winback_month', value: winback, defect: 'winback' }] : null,
      });
    }
  }
  const churnEvents = finish(
    'churn-events.csv',
    ['customer_id', 'churn_month', 'reason', 'winback_month'],
    churnRows,
    manifest,
  );

  // operational-drivers.csv
  const { table: operational, truth: operationalDrivers } = renderOperationalDrivers(world, rng, manifest);

  const initiatives: InitiativeRecord[] = [
    {
      name: 'SMB response-time and resolution programme',
      bu: params.initiative.bu,
      goLiveMonth: months(params.t0),
      costOneOff: 250000,
      costMonthly: 40000,
      description:
        'Chat and e-mail staffing uplift with a new routing tool (first response time −40 %), ' +
        'resolution coaching for agents and proactive outreach to at-risk accounts.',
    },
  ];

  return {
    files: {
      'customers.csv': customers,
      'revenue.csv': revenue,
      'fx-rates.csv': fx,
      'contacts.csv': contacts,
      'survey-transactional.csv': surveyTransactional,
      'survey-relationship.csv': surveyRelationship,
      'churn-events.csv': churnEvents,
      'operational-drivers.csv': operational,
    },
    initiatives,
    manifest,
    corruptedRelationship,
    operationalDrivers,
    fxRateStrings,
  };
}

const STOCKOUT_BASE: Record<Bu, number> = { ENT: 0.03, SMB: 0.045, CON: 0.06 };
const STOCKOUT_SLOPE = -0.02;

/**
 * Operational drivers per BU-month. In months with driver-module responses the stock-out rate is
 * `base_b − 0.02 × (mean product-availability rating − 5.5) + N(0, 0.002²)`; otherwise
 * `base_b + N(0, 0.004²)`; on-time delivery is `0.96 − 0.8 × (stock-out − base_b) + N(0, 0.005²)`.
 */
function renderOperationalDrivers(
  world: World,
  rng: KeyedRandom,
  manifest: DefectEntry[],
): { table: CsvTable; truth: OperationalDriverTruth } {
  const { params } = world.options;
  const paIndex = ATTRIBUTES.indexOf('product_availability');
  const sums = new Map<string, { n: number; sum: number }>();
  for (const r of world.relationship) {
    if (!r.attributes) continue;
    const key = `${r.customer.bu}|${r.t}`;
    const s = sums.get(key) ?? { n: 0, sum: 0 };
    s.n += 1;
    s.sum += at(r.attributes, paIndex);
    sums.set(key, s);
  }
  const pending: Pending[] = [];
  const points: OperationalDriverTruth['points'] = [];
  BUS.forEach((bu, b) => {
    for (let t = 1; t <= params.months; t++) {
      const s = sums.get(`${bu}|${t}`);
      const base = STOCKOUT_BASE[bu];
      const noise = rng.normal(Q.stockout, b, t);
      const mean = s && s.n > 0 ? s.sum / s.n : null;
      const raw = mean === null ? base + 0.004 * noise : base + STOCKOUT_SLOPE * (mean - 5.5) + 0.002 * noise;
      const stockout = Math.min(0.3, Math.max(0.002, raw));
      const onTime = Math.min(
        0.999,
        Math.max(0.5, 0.96 - 0.8 * (stockout - base) + 0.005 * rng.normal(Q.onTime, b, t)),
      );
      const month = monthOfT(params, t);
      points.push({
        bu,
        month,
        n: s?.n ?? 0,
        meanProductAvailability: mean,
        stockoutRate: Number(stockout.toFixed(4)),
      });
      pending.push({
        key: t * 8 + b * 2,
        tie: '',
        cells: [bu, month, 'stockout_rate', stockout.toFixed(4)],
        defects: null,
      });
      pending.push({
        key: t * 8 + b * 2 + 1,
        tie: '',
        cells: [bu, month, 'on_time_delivery', onTime.toFixed(4)],
        defects: null,
      });
    }
  });
  return {
    table: finish('operational-drivers.csv', ['bu', 'month', 'metric', 'value'], pending, manifest),
    truth: {
      relation:
        'stockout_rate = base_b − 0.02 × (mean published product-availability rating of the BU-month − 5.5) + N(0, 0.002²) ' +
        'in BU-months with driver-module responses (quarter-end months); base_b + N(0, 0.004²) otherwise; ' +
        'on_time_delivery = 0.96 − 0.8 × (stockout_rate − base_b) + N(0, 0.005²)',
      slopePerRatingPoint: STOCKOUT_SLOPE,
      baseStockout: STOCKOUT_BASE,
      points,
    },
  };
}
