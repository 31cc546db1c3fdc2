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

/**
 * A whole CSV document: a header line and one line per row, CRLF line ends (RFC 4180), every cell
 * escaped by {@link csvCell} (formula-looking text is neutralised). `bom` prefixes a UTF-8 byte-order
 * mark so spreadsheet programs read non-Latin text (Chinese names) correctly.
 */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
  options: { bom?: boolean } = {},
): string {
  const lines = [csvLine(header), ...rows.map((r) => csvLine(r))];
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
