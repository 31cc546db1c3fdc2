import { csvDocument } from '@cxl/shared/csv';

/** One column of a {@link DataTable}. */
export interface Column<R> {
  /** Stable id (sort key, test id). */
  key: string;
  /** Header text, already translated. */
  label: string;
  /** The text shown in the cell. */
  text: (row: R) => string;
  /** The value sorted on and written to the CSV (numbers stay numbers); default: the text. */
  value?: (row: R) => string | number | null;
  align?: 'start' | 'end';
  sortable?: boolean;
}

export type SortDir = 'asc' | 'desc';

/** Rows sorted by a column's value: nulls last in both directions, numbers numerically, text by locale. */
export function sortRows<R>(
  rows: readonly R[],
  column: Column<R> | undefined,
  dir: SortDir,
  locale: string,
): R[] {
  if (!column) return [...rows];
  const get = column.value ?? column.text;
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
    return collator.compare(String(x), String(y)) * sign;
  });
}

/** The CSV of `rows` with the columns' headers; cell values from `value` (else the text). */
export function tableCsv<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  return csvDocument(
    columns.map((c) => c.label),
    rows.map((r) => columns.map((c) => (c.value ? c.value(r) : c.text(r)))),
    { bom: true },
  );
}

/** Offers `content` as a download named `fileName` (CSV, PNG data URL …). */
export function download(fileName: string, content: string | Blob, type = 'text/csv;charset=utf-8'): void {
  const href =
    typeof content === 'string' && content.startsWith('data:')
      ? content
      : URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  if (href.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
