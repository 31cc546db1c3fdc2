import { evaluateKano, type KanoEvaluation } from '@cxl/shared/linkage/kano';

/** One feature's counts as pasted by the user, and its evaluation (methods §4.2). */
export interface KanoRow {
  feature: string;
  evaluation: KanoEvaluation;
}

export type KanoParse =
  | { ok: true; rows: KanoRow[] }
  | {
      ok: false;
      line: number;
      problem: { kind: 'columns'; found: number } | { kind: 'number'; value: string };
    };

/** Splits one CSV line into cells (double quotes with "" escapes; no line breaks inside cells). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\t' || ch === ';') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Parses `feature,A,O,M,I,R,Q` lines (comma, semicolon or tab separated; a first line whose counts
 * are not numbers is a header and skipped; blank lines ignored) and evaluates each feature. The first
 * bad line stops the parse with its 1-based number and what is wrong.
 */
export function parseKanoCounts(text: string): KanoParse {
  const rows: KanoRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const c = cells(raw);
    if (c.length !== 7) return { ok: false, line: i + 1, problem: { kind: 'columns', found: c.length } };
    const nums = c.slice(1).map((v) => (v === '' ? Number.NaN : Number(v)));
    const bad = nums.findIndex((n) => !Number.isFinite(n) || n < 0);
    if (bad >= 0) {
      if (rows.length === 0 && nums.every((n) => Number.isNaN(n))) continue; // header line
      return { ok: false, line: i + 1, problem: { kind: 'number', value: c[bad + 1] ?? '' } };
    }
    const [A, O, M, I, R, Q] = nums as [number, number, number, number, number, number];
    rows.push({ feature: c[0] ?? '', evaluation: evaluateKano({ A, O, M, I, R, Q }) });
  }
  return { ok: true, rows };
}

/** The worked example of methods §4.2 (electric cable reel, percentages as counts). */
export const KANO_EXAMPLE = 'feature,A,O,M,I,R,Q\nCable reel (worked example),53.9,28.2,7.4,8.4,0.3,1.8\n';
