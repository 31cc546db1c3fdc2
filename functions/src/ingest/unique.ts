import { KIND_SPECS, type InputKind, type RowByKind } from '@cxl/shared/contracts/inputs';

/** `YYYY-MM` → years × 12 + month − 1 (the row parsers have already validated the month). */
function monthNo(m: string): number {
  const year =
    m.charCodeAt(0) * 1000 + m.charCodeAt(1) * 100 + m.charCodeAt(2) * 10 + m.charCodeAt(3) - 48 * 1111;
  return year * 12 + (m.charCodeAt(5) - 48) * 10 + (m.charCodeAt(6) - 48) - 1;
}

/** What one file has said about one id (a customer, a currency …): months seen and their rows. */
export interface IdEntry {
  /** Pairs, flat: month number, first row, month number, first row … (one small array per id). */
  seen: number[];
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
    if (!e) this.byId.set(id, (e = { seen: [] }));
    this.lastId = id;
    this.last = e;
    return e;
  }

  /** The row on which this row's key first appeared, or undefined (the key is then remembered at `rowNo`). */
  firstRow(row: RowByKind[K], rowNo: number): number | undefined {
    const im = idMonth(this.kind, row);
    if (im !== null) return this.firstMonthRow(this.entry(im.id), im.month, rowNo);
    const key = KIND_SPECS[this.kind].uniqueKey?.(row) ?? '';
    const first = this.single.get(key);
    if (first !== undefined) return first;
    this.single.set(key, rowNo);
    this.size++;
    return undefined;
  }

  /** {@link firstRow} for a key of an id (whose entry the caller holds) and a `YYYY-MM` month. */
  firstMonthRow(entry: IdEntry, month: string, rowNo: number): number | undefined {
    const m = monthNo(month);
    const seen = entry.seen;
    for (let i = 0; i < seen.length; i += 2) if (seen[i] === m) return seen[i + 1];
    seen.push(m, rowNo);
    this.size++;
    return undefined;
  }
}
