/**
 * One CSV cell, safe to open in a spreadsheet: a text starting with `=`, `+`, `-`, `@`, tab or CR is
 * prefixed with `'` so it is never evaluated as a formula (CSV injection); cells with a comma, quote or
 * line break are quoted with inner quotes doubled. Numbers are written as they are.
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A CSV line of cells (see {@link csvCell}). */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}
