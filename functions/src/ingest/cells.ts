/**
 * A number as a plain decimal string (never exponent notation), with the file's decimal separator so
 * the same cell parsers read it: `1234.5`, `0.0000001`, `1e21` → `1000000000000000000000`.
 */
export function plainNumber(n: number, decimal: '.' | ',' = '.'): string {
  if (!Number.isFinite(n)) return String(n);
  let s = String(n === 0 ? 0 : n);
  if (/e/i.test(s)) {
    if (Math.abs(n) >= 1) s = BigInt(Math.round(n)).toString();
    else s = n.toFixed(20).replace(/\.?0+$/, '');
  }
  return decimal === ',' ? s.replace('.', ',') : s;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * A date cell as text: `YYYY-MM-DD` at midnight, otherwise `YYYY-MM-DDTHH:MM:SS` without an offset
 * (spreadsheet times are wall-clock times, read in the reporting time zone). Rounded to the second.
 */
export function dateText(d: Date): string {
  const ms = Math.round(d.getTime() / 1000) * 1000;
  if (Number.isNaN(ms)) return '';
  const t = new Date(ms);
  const day = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  if (t.getUTCHours() === 0 && t.getUTCMinutes() === 0 && t.getUTCSeconds() === 0) return day;
  return `${day}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/**
 * Text of a spreadsheet cell value as exceljs's streaming reader produces it: strings, numbers, booleans,
 * dates, rich text, formulas (their cached result), hyperlinks and error values (`#N/A`, which the row
 * parsers then refuse with the value shown).
 */
export function cellText(v: unknown, decimal: '.' | ','): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return plainNumber(v, decimal);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return o.richText
        .map((t) => (typeof (t as { text?: unknown }).text === 'string' ? (t as { text: string }).text : ''))
        .join('');
    if ('result' in o) return cellText(o.result, decimal);
    if ('error' in o) return typeof o.error === 'string' ? o.error : '#ERROR';
    if ('text' in o) return cellText(o.text, decimal);
    // A formula saved without its computed value: shown as written so the error names it.
    if (typeof o.formula === 'string') return `=${o.formula}`;
    if (typeof o.sharedFormula === 'string') return `=${o.sharedFormula}`;
  }
  return '';
}
