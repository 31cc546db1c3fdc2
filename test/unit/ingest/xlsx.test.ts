import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { dateText, plainNumber } from '@cxl/functions/ingest/cells';
import { FileError } from '@cxl/functions/ingest/issues';
import { readXlsx } from '@cxl/functions/ingest/xlsx';
import { inspectZip, ZIP_LIMITS } from '@cxl/functions/ingest/zip-guard';
import { buildZip, xlsx, type XlsxCell } from './support/fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cxl-xlsx-test-'));
});

let n = 0;
async function toFile(buf: Buffer): Promise<string> {
  const p = join(dir, `f${n++}.xlsx`);
  await writeFile(p, buf);
  return p;
}

async function rowsOf(buf: Buffer, decimal: '.' | ',' = '.'): Promise<[number, string[]][]> {
  const out: [number, string[]][] = [];
  await readXlsx(
    await toFile(buf),
    decimal,
    (cells, row) => out.push([row, cells]),
    () => undefined,
  );
  return out;
}

describe('cell texts', () => {
  it.each([
    [1234.5, '.', '1234.5'],
    [1234.5, ',', '1234,5'],
    [1e-7, '.', '0.0000001'],
    [1e21, '.', '1000000000000000000000'],
    [-0, '.', '0'],
    [45352, '.', '45352'],
  ] as const)('writes %d with decimal %j as %j', (v, d, s) => {
    expect(plainNumber(v, d)).toBe(s);
  });
  it('writes dates as YYYY-MM-DD and date-times without an offset', () => {
    expect(dateText(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03-01');
    expect(dateText(new Date(Date.UTC(2024, 2, 1, 14, 5, 59, 700)))).toBe('2024-03-01T14:06:00');
  });
});

describe('XLSX reading (first worksheet, streamed)', () => {
  it('reads strings, numbers, dates, formulas and rich text of the first sheet, skipping blank rows', async () => {
    const rows: XlsxCell[][] = [
      ['客户编号', '月份', '收入', 'Currency'],
      ['A1', new Date(Date.UTC(2024, 2, 1)), 1234.5, 'USD'],
      ['A2', 45383, { formula: 'B1*2', result: 99.25 }, { richText: [{ text: 'E' }, { text: 'UR' }] }],
      ['A3', '2024年5月', '(12)', null],
      [null, null, null, null],
      [],
    ];
    const out = await rowsOf(await xlsx(rows, { extraSheets: [[['other', 'sheet']]] }));
    expect(out).toEqual([
      [1, ['客户编号', '月份', '收入', 'Currency']],
      [2, ['A1', '2024-03-01', '1234.5', 'USD']],
      [3, ['A2', '45383', '99.25', 'EUR']],
      [4, ['A3', '2024年5月', '(12)']],
    ]);
  });

  it('writes numbers with the declared decimal comma so the same cell parsers read them', async () => {
    const out = await rowsOf(await xlsx([['revenue'], [1234.5]]), ',');
    expect(out[1]).toEqual([2, ['1234,5']]);
  });

  it('refuses a workbook that is not a zip of a workbook', async () => {
    const junk = buildZip([{ name: 'hello.txt', data: Buffer.from('hello') }]);
    await expect(rowsOf(junk)).rejects.toThrow(/no worksheet|could not be read/);
  });
});

describe('zip inspection before parsing (zip bombs)', () => {
  const zeros = Buffer.alloc(8 * 1024 * 1024);

  it('accepts an ordinary workbook', async () => {
    const r = await inspectZip(
      await toFile(
        await xlsx([
          ['a', 'b'],
          [1, 2],
        ]),
      ),
    );
    expect(r.entries).toBeGreaterThan(3);
  });

  it('refuses an entry that expands more than 100×', async () => {
    const bomb = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    expect(bomb.length).toBeLessThan(100_000);
    await expect(inspectZip(await toFile(bomb))).rejects.toThrow(
      /expands \d+× \(more than 100×\), the mark of a zip bomb/,
    );
  });

  it('refuses an archive whose declared total is over the cap', async () => {
    const lie = buildZip([{ name: 'a.xml', data: Buffer.from('<a/>'), declaredSize: 4_000_000_000 }]);
    await expect(inspectZip(await toFile(lie))).rejects.toThrow(/would expand to more than 1024 MB/);
  });

  it('refuses an entry that inflates beyond the size it declares', async () => {
    const data = Buffer.alloc(2 * 1024 * 1024, 'a');
    const lie = buildZip([{ name: 'xl/sharedStrings.xml', data, declaredSize: 20_000 }]);
    await expect(inspectZip(await toFile(lie))).rejects.toThrow(FileError);
  });

  it('refuses too many entries', async () => {
    const many = buildZip(
      Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.xml`, data: Buffer.from('<x/>') })),
    );
    await expect(inspectZip(await toFile(many), { ...ZIP_LIMITS, maxEntries: 10 })).rejects.toThrow(
      /holds 12 files, more than the 10 allowed/,
    );
  });

  it('refuses nested archives, by name and by content', async () => {
    const inner = buildZip([{ name: 'x.txt', data: Buffer.from('x') }]);
    const byName = buildZip([{ name: 'xl/embeddings/inner.zip', data: inner }]);
    await expect(inspectZip(await toFile(byName))).rejects.toThrow(
      /contains another archive \(xl\/embeddings\/inner.zip\)/,
    );
    const byContent = buildZip([{ name: 'xl/media/blob.bin', data: inner }]);
    await expect(inspectZip(await toFile(byContent))).rejects.toThrow(
      /contains another archive \(xl\/media\/blob.bin\)/,
    );
  });

  it('refuses overlapping entries (the same data listed twice)', async () => {
    const overlap = buildZip([{ name: 'a.xml', data: Buffer.from('<a/>'), duplicateInDirectory: true }]);
    await expect(inspectZip(await toFile(overlap))).rejects.toThrow(/overlap or hide data/);
  });

  it('refuses data hidden after the last entry', async () => {
    const z = buildZip([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    const cdStart = z.readUInt32LE(z.length - 6);
    const hidden = Buffer.concat([
      z.subarray(0, cdStart),
      deflateRawSync(Buffer.from('x')),
      z.subarray(cdStart),
    ]);
    hidden.writeUInt32LE(cdStart + (hidden.length - z.length), hidden.length - 6);
    await expect(inspectZip(await toFile(hidden))).rejects.toThrow(/hides data after its last entry/);
  });

  it('refuses a file that is not a zip at all, with a reason', async () => {
    await expect(inspectZip(await toFile(Buffer.from('PK\u0003\u0004 not really')))).rejects.toThrow(
      /not a readable XLSX workbook/,
    );
  });

  it('reading refuses the bomb before any XML is parsed', async () => {
    const bomb = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    await expect(rowsOf(bomb)).rejects.toThrow(/zip bomb/);
  });
});
