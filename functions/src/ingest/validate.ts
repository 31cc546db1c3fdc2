import {
  KIND_SPECS,
  mapHeader,
  RowError,
  scopeMonthOfMs,
  type InputKind,
  type RowByKind,
} from '@cxl/shared/contracts/inputs';
import type { NumberFormat } from '@cxl/shared/contracts/values';
import { loadCurrentCustomers } from '../repositories/facts';
import { scopeKey } from '../repositories/keys';
import { lockedMonths, type RowIssue } from '../repositories/uploads';
import { FileError, messageOf, rowIssue } from './issues';
import { UniqueRows, type IdEntry } from './unique';

/**
 * Rows whose unique key is remembered for in-file duplicate detection ({@link UniqueRows}). A single-id
 * key (contacts, responses) costs ~80 bytes, so the bound keeps the set under ~250 MB; id × month keys
 * (revenue) cost far less. Larger files are refused with a request to split them by month (parts give
 * the same totals: each part supersedes only its own scopes).
 */
export const MAX_ROWS_PER_FILE = 3_000_000;

/** Kinds whose rows name a customer whose business unit decides the scope. */
const NEEDS_CUSTOMER: ReadonlySet<InputKind> = new Set([
  'revenue',
  'contacts',
  'survey-transactional',
  'survey-relationship',
  'churn-events',
]);

/** What validation needs besides the row: number format, customers' business units, locked months. */
export interface IngestContext {
  fmt: NumberFormat;
  buOfCustomer: ReadonlyMap<string, string>;
  locked: ReadonlySet<string>;
}

/** Loads the context of one upload or batch: the current customers (when the kind needs them) and locks. */
export async function loadIngestContext(kind: InputKind, fmt: NumberFormat): Promise<IngestContext> {
  const buOfCustomer = new Map<string, string>();
  if (NEEDS_CUSTOMER.has(kind)) {
    // One row per customer id: after a move to another BU, the latest accepted customers upload wins.
    for (const c of (await loadCurrentCustomers()).rows) buOfCustomer.set(c.customerId, c.bu);
  }
  return { fmt, buOfCustomer, locked: await lockedMonths() };
}

type Cells = Record<string, string | undefined>;
type Scope = { bu: string; month: string };

/** Month and business unit of a parsed row (its scope), or the reason it has none. */
function scopeOf<K extends InputKind>(
  kind: K,
  row: RowByKind[K],
  known: string | undefined,
): Scope | Omit<RowIssue, 'row'> {
  switch (kind) {
    case 'customers': {
      const r = row as RowByKind['customers'];
      return { bu: r.bu, month: r.startMonth };
    }
    case 'fx-rates':
      return { bu: '*', month: (row as RowByKind['fx-rates']).month };
    case 'operational-drivers': {
      const r = row as RowByKind['operational-drivers'];
      return { bu: r.bu, month: r.month };
    }
    default: {
      const r = row as RowByKind[
        'revenue' | 'contacts' | 'survey-transactional' | 'survey-relationship' | 'churn-events'];
      const declared = kind === 'revenue' ? (r as RowByKind['revenue']).bu : null;
      if (known !== undefined && declared !== null && declared !== known) {
        return {
          column: 'bu',
          value: declared,
          reason: `customer ${r.customerId} belongs to ${known}, not ${declared}; correct the bu column or leave it empty`,
        };
      }
      const bu = known ?? declared;
      if (bu === undefined || bu === null) {
        return {
          column: 'customer_id',
          value: r.customerId,
          reason:
            kind === 'revenue'
              ? 'unknown customer: upload the customers file first, or give a bu column for a new customer'
              : 'unknown customer: upload the customers file first',
        };
      }
      const month =
        kind === 'revenue'
          ? (r as RowByKind['revenue']).month
          : kind === 'churn-events'
            ? (r as RowByKind['churn-events']).churnMonth
            : kind === 'contacts'
              ? scopeMonthOfMs((r as RowByKind['contacts']).createdMs)
              : scopeMonthOfMs((r as RowByKind['survey-transactional']).respondedMs);
      return { bu, month };
    }
  }
}

/** The month of a customer × month unique key (revenue, churn events). */
function monthOfKey(row: unknown): string {
  const r = row as { month?: string; churnMonth?: string };
  return r.month ?? r.churnMonth ?? '';
}

export type Checked<K extends InputKind> =
  { ok: true; scope: string; row: RowByKind[K] } | { ok: false; issue: RowIssue };

/**
 * Validates rows of one kind with the shared KIND_SPECS parsers: cell parsing with row/column/value/
 * reason, uniqueness within the file (the first occurrence wins, later ones are quarantined), scope
 * assignment (the customer's business unit) and locked months. Holds only the unique keys seen.
 */
export class RowValidator<K extends InputKind> {
  private readonly spec;
  private readonly seen: UniqueRows<K>;
  /** Unique key = customer × month: one map entry per customer serves uniqueness and business unit. */
  private readonly byCustomer: boolean;
  private readonly needsCustomer: boolean;
  private readonly scopeKeys = new Map<string, Map<string, string>>();
  private curMonth = '';
  private curScopes = new Map<string, string>();
  /** Reused for every row (the parsers read it synchronously and keep nothing). */
  private readonly rec: Cells = {};
  private names: string[] = [];
  private indexes: number[] = [];
  private width = 0;
  private header: readonly string[] = [];

  constructor(
    readonly kind: K,
    private readonly ctx: IngestContext,
  ) {
    this.spec = KIND_SPECS[kind];
    this.seen = new UniqueRows(kind);
    // Every column present from the start: one stable object shape for the parsers' keyed reads.
    for (const c of this.spec.columns) this.rec[c.name] = undefined;
    this.byCustomer = kind === 'revenue' || kind === 'churn-events';
    this.needsCustomer = NEEDS_CUSTOMER.has(kind);
  }

  /** Maps the header row; a missing or doubled required column is a {@link FileError}. */
  useHeader(cells: readonly string[], row: number): void {
    const mapping = mapHeader(this.kind, cells);
    if (mapping.missing.length > 0) {
      const found = cells.filter((c) => c.trim() !== '').join(', ');
      throw new FileError(
        `missing required column(s): ${mapping.missing.join(', ')} (found: ${found.length > 300 ? `${found.slice(0, 300)}…` : found}); download the ${this.kind} template for the expected header`,
        row,
        mapping.missing[0] ?? '',
      );
    }
    if (mapping.duplicated.length > 0) {
      throw new FileError(
        `column(s) given twice: ${mapping.duplicated.join(', ')}; keep one of each and upload again`,
        row,
        mapping.duplicated[0] ?? '',
      );
    }
    this.names = Object.keys(mapping.indexOf);
    this.indexes = Object.values(mapping.indexOf);
    this.header = cells;
    // Rows longer than the header (not just unnamed columns) usually mean an unquoted `1,234.50`.
    this.width = cells.length;
  }

  /** True when every cell is blank (a blank row: skipped, not counted). */
  static isBlank(cells: readonly string[]): boolean {
    for (const c of cells) if (c !== '' && c.trim() !== '') return false;
    return true;
  }

  /** Checks one data row given as cells in header order. */
  checkCells(cells: readonly string[], row: number): Checked<K> {
    for (let i = this.width; i < cells.length; i++) {
      const extra = cells[i] ?? '';
      if (extra.trim() !== '') {
        return {
          ok: false,
          issue: rowIssue(
            row,
            `column ${i + 1}`,
            extra,
            `the row has a value in column ${i + 1} but the header has ${this.width} columns: quote values that contain the delimiter (e.g. "1,234.50"), or check the delimiter`,
          ),
        };
      }
    }
    const { rec, names, indexes } = this;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name !== undefined) rec[name] = cells[indexes[i] ?? -1];
    }
    return this.check(rec, row);
  }

  /** Checks one row given as canonical column → text. */
  check(rec: Cells, row: number): Checked<K> {
    let parsed: RowByKind[K];
    try {
      parsed = this.spec.parse(rec, this.ctx.fmt);
    } catch (e) {
      if (e instanceof RowError) return { ok: false, issue: rowIssue(row, e.column, e.value, e.message) };
      return { ok: false, issue: rowIssue(row, '', '', messageOf(e)) };
    }
    let known: string | undefined;
    let entry: IdEntry | undefined;
    if (this.needsCustomer) {
      const id = (parsed as { customerId: string }).customerId;
      if (this.byCustomer) {
        entry = this.seen.entry(id);
        if (entry.bu === undefined) entry.bu = this.ctx.buOfCustomer.get(id) ?? null;
        known = entry.bu ?? undefined;
      } else known = this.ctx.buOfCustomer.get(id);
    }
    if (this.spec.uniqueKey) {
      if (this.seen.size >= MAX_ROWS_PER_FILE) {
        throw new FileError(
          `the file has more than ${MAX_ROWS_PER_FILE.toLocaleString('en-US')} rows; split it by month and upload the parts`,
          row,
        );
      }
      const first = entry
        ? this.seen.firstMonthRow(entry, monthOfKey(parsed), row)
        : this.seen.firstRow(parsed, row);
      if (first !== undefined) {
        return {
          ok: false,
          issue: rowIssue(
            row,
            this.spec.columns[0]?.name ?? '',
            this.spec.uniqueKey(parsed),
            `duplicate of row ${first} (same ${this.uniqueLabel()}); each row must be unique — remove one`,
          ),
        };
      }
    }
    const sc = scopeOf(this.kind, parsed, known);
    if ('reason' in sc) return { ok: false, issue: rowIssue(row, sc.column, sc.value, sc.reason) };
    if (this.ctx.locked.size > 0 && this.ctx.locked.has(sc.month)) {
      return {
        ok: false,
        issue: rowIssue(
          row,
          this.monthColumn(),
          sc.month,
          `${sc.month} is locked by finance; ask finance to unlock it, or remove the rows of that month`,
        ),
      };
    }
    return { ok: true, scope: this.scopeKeyOf(sc.bu, sc.month), row: parsed };
  }

  /**
   * The scope key of (bu, month), one string per scope (later map lookups hit an already hashed string).
   * Keyed month first: consecutive rows usually share a month, and business units are interned strings.
   */
  private scopeKeyOf(bu: string, month: string): string {
    if (month !== this.curMonth) {
      let byBu = this.scopeKeys.get(month);
      if (!byBu) this.scopeKeys.set(month, (byBu = new Map<string, string>()));
      this.curMonth = month;
      this.curScopes = byBu;
    }
    let key = this.curScopes.get(bu);
    if (key === undefined) this.curScopes.set(bu, (key = scopeKey(bu, month)));
    return key;
  }

  /** Names of the header cells (as given in the file). */
  get headerCells(): readonly string[] {
    return this.header;
  }

  private uniqueLabel(): string {
    switch (this.kind) {
      case 'revenue':
        return 'customer and month';
      case 'fx-rates':
        return 'currency and month';
      case 'churn-events':
        return 'customer and churn month';
      case 'operational-drivers':
        return 'bu, month and metric';
      default:
        return this.spec.columns[0]?.name ?? 'key';
    }
  }

  private monthColumn(): string {
    switch (this.kind) {
      case 'customers':
        return 'start_month';
      case 'contacts':
        return 'created_at';
      case 'survey-transactional':
      case 'survey-relationship':
        return 'responded_at';
      case 'churn-events':
        return 'churn_month';
      default:
        return 'month';
    }
  }
}
