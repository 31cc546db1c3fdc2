import type { Month } from '../month';
import { monthOfEpochMs } from '../month';
import {
  CellError,
  parseAmount,
  parseEnum,
  parseId,
  parseIntIn,
  parseMoney,
  parseMonth,
  parsePositive,
  parseSeconds,
  parseTimestamp,
  parseYesNo,
  toMinor,
  type Money,
  type NumberFormat,
} from './values';

/** The input file kinds of contracts.md. */
export const INPUT_KINDS = [
  'customers',
  'revenue',
  'fx-rates',
  'contacts',
  'survey-transactional',
  'survey-relationship',
  'churn-events',
  'operational-drivers',
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const CHANNELS = ['phone', 'chat', 'email', 'social', 'messaging'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DRIVER_ATTRIBUTES = [
  'attr_response_time',
  'attr_product_availability',
  'attr_agent_knowledge',
  'attr_billing_clarity',
  'attr_price_value',
  'attr_website_ease',
] as const;
export type DriverAttribute = (typeof DRIVER_ATTRIBUTES)[number];

export interface CustomerRow {
  customerId: string;
  bu: string;
  segment: string | null;
  startMonth: Month;
  country: string | null;
  acquisitionChannel: 'earned' | 'bought' | null;
}
export interface RevenueRow {
  customerId: string;
  month: Month;
  /** Integer minor units in `currency`. */
  amountMinor: number;
  /** ISO code, or null for the reporting currency. */
  currency: string | null;
  bu: string | null;
}
export interface FxRow {
  month: Month;
  currency: string;
  rate: number;
}
export interface ContactRow {
  contactId: string;
  issueId: string | null;
  customerId: string;
  channel: Channel;
  createdMs: number;
  firstResponseMs: number | null;
  talkS: number | null;
  holdS: number | null;
  acwS: number | null;
  resolved: boolean | null;
  team: string | null;
}
export interface TxnSurveyRow {
  responseId: string;
  contactId: string | null;
  customerId: string;
  respondedMs: number;
  csat: number | null;
  ces: number | null;
  resolvedReported: boolean | null;
}
export interface RelSurveyRow {
  responseId: string;
  customerId: string;
  respondedMs: number;
  ltr: number;
  attrs: Partial<Record<DriverAttribute, number>>;
  overallSatisfaction: number | null;
}
export interface ChurnRow {
  customerId: string;
  churnMonth: Month;
  reason: 'voluntary' | 'involuntary' | null;
  winbackMonth: Month | null;
}
export interface DriverRow {
  bu: string;
  month: Month;
  metric: string;
  value: number;
}

export interface RowByKind {
  customers: CustomerRow;
  revenue: RevenueRow;
  'fx-rates': FxRow;
  contacts: ContactRow;
  'survey-transactional': TxnSurveyRow;
  'survey-relationship': RelSurveyRow;
  'churn-events': ChurnRow;
  'operational-drivers': DriverRow;
}

export interface ColumnSpec {
  name: string;
  required: boolean;
  aliases: readonly string[];
}

type Cells = Readonly<Record<string, string | undefined>>;

export interface KindSpec<K extends InputKind> {
  kind: K;
  columns: readonly ColumnSpec[];
  /** Key that must be unique within one file (duplicates are quarantined), or null. */
  uniqueKey: ((row: RowByKind[K]) => string) | null;
  parse: (cells: Cells, fmt: NumberFormat) => RowByKind[K];
}

const col = (name: string, required: boolean, ...aliases: string[]): ColumnSpec => ({
  name,
  required,
  aliases,
});

/** Error raised for one cell; carries the canonical column name. */
export class RowError extends Error {
  constructor(
    readonly column: string,
    readonly value: string,
    reason: string,
  ) {
    super(reason);
  }
}

function cell(cells: Cells, name: string): string {
  return (cells[name] ?? '').trim();
}
function req<T>(cells: Cells, name: string, parse: (raw: string) => T): T {
  const raw = cell(cells, name);
  if (raw === '') throw new RowError(name, raw, `${name} is required`);
  try {
    return parse(raw);
  } catch (e) {
    throw new RowError(name, raw, e instanceof CellError ? e.message : String(e));
  }
}
function opt<T>(cells: Cells, name: string, parse: (raw: string) => T): T | null {
  const raw = cell(cells, name);
  if (raw === '') return null;
  try {
    return parse(raw);
  } catch (e) {
    throw new RowError(name, raw, e instanceof CellError ? e.message : String(e));
  }
}
const bu = (raw: string): string => {
  const s = parseId(raw).toUpperCase();
  if (s === 'ALL') throw new CellError('"ALL" is reserved and cannot be a business unit');
  if (!/^[A-Z0-9_-]{1,32}$/.test(s))
    throw new CellError(`"${raw}" is not a business-unit id (letters, digits, - and _)`);
  return s;
};
const currency = (raw: string): string => {
  const s = raw.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(s)) throw new CellError(`"${raw}" is not a 3-letter ISO currency code`);
  return s;
};
const score = (min: number, max: number) => (raw: string) => parseIntIn(raw, min, max);

/** Shared column specs: the same aliases wherever a file names a customer, business unit or month. */
const CUSTOMER_ID = col(
  'customer_id',
  true,
  'customer id',
  'customer',
  'customerid',
  'client id',
  'client',
  'customer number',
  'customer no',
  'customer code',
  'cust id',
  '客户编号',
  '客户id',
  '客户',
  '客户代码',
  '客户号',
  '客户编码',
);
const BU_COL = (required: boolean) =>
  col(
    'bu',
    required,
    'business unit',
    'businessunit',
    'business unit id',
    'bu id',
    'division',
    '业务单元',
    '事业部',
    '业务线',
    '业务部门',
  );
const MONTH_COL = col(
  'month',
  true,
  'period',
  'revenue month',
  'fiscal period',
  'fiscal month',
  'reporting month',
  '月份',
  '期间',
  '会计期间',
  '所属月份',
  '年月',
);

const customers: KindSpec<'customers'> = {
  kind: 'customers',
  columns: [
    CUSTOMER_ID,
    BU_COL(true),
    col('segment', false, '细分', '客户细分', '客户分群'),
    col(
      'start_month',
      true,
      'start',
      'start date',
      'since',
      'first month',
      'start period',
      '开始月份',
      '起始月份',
      '开始日期',
    ),
    col('country', false, 'country code', '国家', '国家地区', '国家/地区'),
    col('acquisition_channel', false, 'acquisition', 'channel', '获客渠道'),
  ],
  uniqueKey: (r) => r.customerId,
  parse: (c) => ({
    customerId: req(c, 'customer_id', parseId),
    bu: req(c, 'bu', bu),
    segment: opt(c, 'segment', parseId),
    startMonth: req(c, 'start_month', parseMonth),
    country: opt(c, 'country', parseId),
    acquisitionChannel: opt(c, 'acquisition_channel', (r) => parseEnum(r, ['earned', 'bought'] as const)),
  }),
};

const revenue: KindSpec<'revenue'> = {
  kind: 'revenue',
  columns: [
    CUSTOMER_ID,
    MONTH_COL,
    col(
      'revenue',
      true,
      'amount',
      'net revenue',
      'revenue amount',
      'mrr',
      'net sales',
      '收入',
      '金额',
      '营收',
      '营业收入',
      '收入金额',
      '销售额',
    ),
    col('currency', false, 'ccy', 'currency code', '币种', '货币', '币别'),
    BU_COL(false),
  ],
  uniqueKey: (r) => `${r.customerId}|${r.month}`,
  parse: (c, fmt) => {
    const customerId = req(c, 'customer_id', parseId);
    const month = req(c, 'month', parseMonth);
    const money: Money = req(c, 'revenue', (r) => parseMoney(r, fmt));
    const declared = opt(c, 'currency', currency);
    // A currency marker on the amount (`€`, `USD`) must agree with the currency column; alone, an
    // unambiguous marker names the currency (`$` and `¥` name several, so they leave the default).
    if (declared !== null && money.currencies !== null && !money.currencies.includes(declared)) {
      throw new RowError(
        'revenue',
        cell(c, 'revenue'),
        `the amount is marked as ${money.currencies.join(' or ')} but the currency column says ${declared}`,
      );
    }
    const implied = money.currencies?.length === 1 ? (money.currencies[0] ?? null) : null;
    return {
      customerId,
      month,
      amountMinor: toMinor(money.amount),
      currency: declared ?? implied,
      bu: opt(c, 'bu', bu),
    };
  },
};

const fxRates: KindSpec<'fx-rates'> = {
  kind: 'fx-rates',
  columns: [
    MONTH_COL,
    col('currency', true, 'ccy', 'currency code', '币种', '货币', '币别'),
    col('rate', true, 'fx rate', 'fx', 'exchange rate', 'rate to reporting', '汇率'),
  ],
  uniqueKey: (r) => `${r.currency}|${r.month}`,
  parse: (c, fmt) => ({
    month: req(c, 'month', parseMonth),
    currency: req(c, 'currency', currency),
    rate: req(c, 'rate', (r) => parsePositive(r, fmt)),
  }),
};

const contacts: KindSpec<'contacts'> = {
  kind: 'contacts',
  columns: [
    col('contact_id', true, 'contact', 'ticket id', 'ticket', '联系编号', '工单编号'),
    col('issue_id', false, 'issue', 'case id', '问题编号'),
    CUSTOMER_ID,
    col('channel', true, '渠道'),
    col('created_at', true, 'created', 'opened at', '创建时间'),
    col('first_response_at', false, 'first response', 'first reply at', '首次响应时间'),
    col('talk_s', false, 'talk', 'talk seconds', 'handled_talk_s', '通话秒数'),
    col('hold_s', false, 'hold', 'hold seconds', '保持秒数'),
    col('acw_s', false, 'acw', 'after contact work', '话后处理秒数'),
    col('resolved', false, 'resolved_flag', '已解决'),
    col('team', false, 'agent_team', '团队'),
  ],
  uniqueKey: (r) => r.contactId,
  parse: (c) => {
    const createdMs = req(c, 'created_at', parseTimestamp);
    const firstResponseMs = opt(c, 'first_response_at', parseTimestamp);
    if (firstResponseMs !== null && firstResponseMs < createdMs) {
      throw new RowError(
        'first_response_at',
        cell(c, 'first_response_at'),
        'first response is before created_at',
      );
    }
    return {
      contactId: req(c, 'contact_id', parseId),
      issueId: opt(c, 'issue_id', parseId),
      customerId: req(c, 'customer_id', parseId),
      channel: req(c, 'channel', (r) => parseEnum(r, CHANNELS)),
      createdMs,
      firstResponseMs,
      talkS: opt(c, 'talk_s', parseSeconds),
      holdS: opt(c, 'hold_s', parseSeconds),
      acwS: opt(c, 'acw_s', parseSeconds),
      resolved: opt(c, 'resolved', parseYesNo),
      team: opt(c, 'team', parseId),
    };
  },
};

const surveyTxn: KindSpec<'survey-transactional'> = {
  kind: 'survey-transactional',
  columns: [
    col('response_id', true, 'response', '回复编号', '答卷编号'),
    col('contact_id', false, 'contact', 'ticket id', '联系编号', '工单编号'),
    CUSTOMER_ID,
    col('responded_at', true, 'responded', 'response date', '回复时间'),
    col('csat', false, 'csat_1_5', 'satisfaction', '满意度'),
    col('ces', false, 'ces_1_7', 'effort', '费力度'),
    col('resolved_reported', false, 'resolved', 'resolved_yes_no', '是否解决'),
  ],
  uniqueKey: (r) => r.responseId,
  parse: (c) => {
    const row = {
      responseId: req(c, 'response_id', parseId),
      contactId: opt(c, 'contact_id', parseId),
      customerId: req(c, 'customer_id', parseId),
      respondedMs: req(c, 'responded_at', parseTimestamp),
      csat: opt(c, 'csat', score(1, 5)),
      ces: opt(c, 'ces', score(1, 7)),
      resolvedReported: opt(c, 'resolved_reported', parseYesNo),
    };
    if (row.csat === null && row.ces === null && row.resolvedReported === null) {
      throw new RowError('csat', '', 'the response has no csat, ces or resolved_reported answer');
    }
    return row;
  },
};

const surveyRel: KindSpec<'survey-relationship'> = {
  kind: 'survey-relationship',
  columns: [
    col('response_id', true, 'response', '回复编号', '答卷编号'),
    CUSTOMER_ID,
    col('responded_at', true, 'responded', 'response date', '回复时间'),
    col('ltr', true, 'ltr_0_10', 'likelihood to recommend', 'nps', 'recommend', '推荐意愿'),
    ...DRIVER_ATTRIBUTES.map((a) => col(a, false)),
    col('overall_satisfaction', false, 'overall', 'overall satisfaction', '总体满意度'),
  ],
  uniqueKey: (r) => r.responseId,
  parse: (c) => {
    const attrs: Partial<Record<DriverAttribute, number>> = {};
    for (const a of DRIVER_ATTRIBUTES) {
      const v = opt(c, a, score(1, 10));
      if (v !== null) attrs[a] = v;
    }
    return {
      responseId: req(c, 'response_id', parseId),
      customerId: req(c, 'customer_id', parseId),
      respondedMs: req(c, 'responded_at', parseTimestamp),
      ltr: req(c, 'ltr', score(0, 10)),
      attrs,
      overallSatisfaction: opt(c, 'overall_satisfaction', score(1, 10)),
    };
  },
};

const churnEvents: KindSpec<'churn-events'> = {
  kind: 'churn-events',
  columns: [
    CUSTOMER_ID,
    col('churn_month', true, 'churned', 'churn', 'churn date', '流失月份'),
    col('reason', false, 'reason_code', '原因'),
    col('winback_month', false, 'winback', 'returned', '赢回月份'),
  ],
  uniqueKey: (r) => `${r.customerId}|${r.churnMonth}`,
  parse: (c) => {
    const churnMonth = req(c, 'churn_month', parseMonth);
    const winbackMonth = opt(c, 'winback_month', parseMonth);
    if (winbackMonth !== null && winbackMonth <= churnMonth) {
      throw new RowError(
        'winback_month',
        cell(c, 'winback_month'),
        'win-back month must be after the churn month',
      );
    }
    return {
      customerId: req(c, 'customer_id', parseId),
      churnMonth,
      reason: opt(c, 'reason', (r) => parseEnum(r, ['voluntary', 'involuntary'] as const)),
      winbackMonth,
    };
  },
};

const operationalDrivers: KindSpec<'operational-drivers'> = {
  kind: 'operational-drivers',
  columns: [
    BU_COL(true),
    MONTH_COL,
    col('metric', true, 'driver', 'kpi', '指标'),
    col('value', true, '数值', '值'),
  ],
  uniqueKey: (r) => `${r.bu}|${r.month}|${r.metric}`,
  parse: (c, fmt) => ({
    bu: req(c, 'bu', bu),
    month: req(c, 'month', parseMonth),
    metric: req(c, 'metric', (r) => {
      const s = r.trim().toLowerCase();
      if (!/^[a-z][a-z0-9_]{0,63}$/.test(s))
        throw new CellError(`"${r}" is not a metric id (e.g. stockout_rate)`);
      return s;
    }),
    value: req(c, 'value', (r) => parseAmount(r, fmt)),
  }),
};

/** Column specification and row parser of every input kind. */
export const KIND_SPECS: { readonly [K in InputKind]: KindSpec<K> } = {
  customers,
  revenue,
  'fx-rates': fxRates,
  contacts,
  'survey-transactional': surveyTxn,
  'survey-relationship': surveyRel,
  'churn-events': churnEvents,
  'operational-drivers': operationalDrivers,
};

/** Header matching key: case-insensitive, ignoring spaces, `_` and `-`. */
export function headerKey(h: string): string {
  // NFKC reads full-width letters, digits and spaces (common in Chinese files) as their ASCII forms.
  return h
    .normalize('NFKC')
    .replace(/[\uFEFF\u200b-\u200d]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export interface HeaderMapping {
  /** canonical column name → index in the file's header row. */
  indexOf: Record<string, number>;
  missing: string[];
  unknown: string[];
  duplicated: string[];
}

/** Maps a file's header row to canonical column names using names and aliases. */
export function mapHeader(kind: InputKind, header: readonly string[]): HeaderMapping {
  const spec = KIND_SPECS[kind];
  const lookup = new Map<string, string>();
  for (const c of spec.columns) for (const a of [c.name, ...c.aliases]) lookup.set(headerKey(a), c.name);
  const indexOf: Record<string, number> = {};
  const unknown: string[] = [];
  const duplicated: string[] = [];
  header.forEach((h, i) => {
    const name = lookup.get(headerKey(h));
    if (name === undefined) {
      if (h.trim() !== '') unknown.push(h);
    } else if (name in indexOf) duplicated.push(h);
    else indexOf[name] = i;
  });
  const missing = spec.columns.filter((c) => c.required && !(c.name in indexOf)).map((c) => c.name);
  return { indexOf, missing, unknown, duplicated };
}

/** Scope month of a timestamped fact (UTC, the reporting time zone). */
export const scopeMonthOfMs = monthOfEpochMs;
