import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvCell, csvDocument, csvLine } from '../../shared/src/csv';

describe('CSV writer (exports from tables and drill-downs)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('escapes the formula-looking cell %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves ordinary text and numbers alone, quotes separators and quotes', () => {
    expect(csvCell('ENT-000001')).toBe('ENT-000001');
    expect(csvCell(-40.5)).toBe('-40.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvLine(['客户', 3, true])).toBe('客户,3,true');
  });

  it('writes a document that a CSV parser reads back to the same (escaped) cells', () => {
    const doc = csvDocument(
      ['customer', 'name', 'revenue'],
      [
        ['C-1', '=cmd|" /C calc"!A0', 1200],
        ['C-2', 'Acme, "Ltd"', -3],
        ['C-3', '<img src=x onerror=alert(1)>', null],
      ],
      { bom: true },
    );
    expect(doc.startsWith('\uFEFF')).toBe(true);
    expect(doc.endsWith('\r\n')).toBe(true);
    const rows: string[][] = parse(doc, { bom: true });
    expect(rows).toEqual([
      ['customer', 'name', 'revenue'],
      ['C-1', `'=cmd|" /C calc"!A0`, '1200'],
      ['C-2', 'Acme, "Ltd"', '-3'],
      ['C-3', '<img src=x onerror=alert(1)>', ''],
    ]);
  });
});
