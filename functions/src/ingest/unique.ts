import { KIND_SPECS, type InputKind, type RowByKind } from '@cxl/shared/contracts/inputs';

/** `YYYY-MM` → years × 12 + month − 1 (the row parsers have already validated the month). */
function monthNo(m: string): number {
  const year =
    m.charCodeAt(0) * 1000 + m.charCodeAt(1) * 100 + m.charCodeAt(2) * 10 + m.charCodeAt(3) - 48 * 1111;
  return year * 12 + (m.charCodeAt(5) - 48) * 10 + (m.charCodeAt(6) - 48) - 1;
}

/** What one file has said about one id (a customer, a currency …): months seen and their rows. */
export interface IdEntry {
  months: number[];
  rows: number[];
  /** The customer's business unit, resolved once per file (null: unknown customer). */
  bu?: string | null;
}

/** The id and month of a key made of both (equal parts ⟺ equal `KIND_SPECS[kind].uniqueKey`). */
function idMonth<K extends InputKind>(kind: K, row: RowByKind[K]): { id: string; month: string } | null {
  switch (kind) {
    case 'revenue':
    case 'fx-rates': {
      const r = row as RowByKind['revenue' | 'fx-rates'];
      return { id: 'customerId' in r ? r.customerId : r.currency, month: r.month };
    }
    case 'churn-events': {
      const r = row as RowByKind['churn-events'];
      return { id: r.customerId, month: r.churnMonth };
    }
    case 'operational-drivers': {
      const r = row as RowByKind['operational-drivers'];
      // bu and metric ids cannot contain `|`.
      return { id: `${r.bu}|${r.metric}`, month: r.month };
    }
    default:
      return null;
  }
}

/**
 * The unique keys seen in one file, each with the row it first appeared on. Keys made of an id and a
 * month (revenue: customer × month) are held as id → small arrays of month numbers, so a million
 * revenue rows for 50,000 customers keep 50,000 map entries instead of a million strings (and the
 * same entry caches the customer's business unit); single-id keys (contacts, responses) are one map
 * entry each (~80 bytes).
 */
export class UniqueRows<K extends InputKind> {
  private readonly single = new Map<string, number>();
  private readonly byId = new Map<string, IdEntry>();
  private lastId = '';
  private last: IdEntry | null = null;
  size = 0;

  constructor(private readonly kind: K) {}

  /** The entry of an id (created on first use). */
  entry(id: string): IdEntry {
    // Files sorted by customer hit the same entry row after row.
    if (this.last !== null && id === this.lastId) return this.last;
    let e = this.byId.get(id);
    if (!e) this.byId.set(id, (e = { months: [], rows: [] }));
    this.lastId = id;
    this.last = e;
    return e;
  }

  /**
   * The row on which this row's key first appeared, or undefined (the key is then remembered at
   * `rowNo`). `entry` is the row's id entry when the caller already holds it (revenue: the customer).
   */
  firstRow(row: RowByKind[K], rowNo: number, entry?: IdEntry): number | undefined {
    const im = entry ? null : idMonth(this.kind, row);
    if (entry === undefined && im === null) {
      const key = KIND_SPECS[this.kind].uniqueKey?.(row) ?? '';
      const first = this.single.get(key);
      if (first !== undefined) return first;
      this.single.set(key, rowNo);
      this.size++;
      return undefined;
    }
    const e = entry ?? this.entry(im?.id ?? '');
    const month = monthNo(entry ? (idMonth(this.kind, row)?.month ?? '') : (im?.month ?? ''));
    const i = e.months.indexOf(month);
    if (i >= 0) return e.rows[i];
    e.months.push(month);
    e.rows.push(rowNo);
    this.size++;
    return undefined;
  }
}
