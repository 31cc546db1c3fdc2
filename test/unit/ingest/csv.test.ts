import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_CHARS, readCsv, sniffDelimiter } from '@cxl/functions/ingest/csv';
import { FileError } from '@cxl/functions/ingest/issues';
import { chunksOf, gb18030 } from './support/fixtures';

async function read(
  bytes: Buffer,
  sizes: readonly number[] = [65_536],
  kind: 'revenue' | 'customers' = 'revenue',
) {
  const records: [number, string[]][] = [];
  const meta = await readCsv(
    Readable.from(chunksOf(bytes, sizes)),
    kind,
    (cells, row) => records.push([row, cells]),
    () => undefined,
  );
  return { ...meta, records };
}

describe('delimiter sniffing', () => {
  it.each([
    ['customer_id,month,revenue', ','],
    ['customer_id;month;revenue', ';'],
    ['customer_id\tmonth\trevenue', '\t'],
    ['客户编号;月份;收入', ';'],
    // The semicolon split recognises the columns; the commas are inside a quoted header cell.
    ['"Customer, ID";Month;Revenue;Currency', ';'],
    ['customer_id;month,revenue', ','],
    ['just one column', ','],
  ])('%j → %j', (line, d) => {
    expect(sniffDelimiter(line, 'revenue')).toBe(d);
  });
});

describe('streaming CSV reading', () => {
  it('reads records with their line numbers whatever the chunking, skipping blank lines', async () => {
    const text =
      'customer_id;month;revenue\r\nA1;2024-03;"1.234,50"\r\n\r\nA2;2024-04;"multi\nline"\r\n;;\r\n';
    for (const sizes of [[65_536], [1], [3, 5]]) {
      const r = await read(Buffer.from(text), sizes);
      expect(r.delimiter).toBe(';');
      expect(r.records).toEqual([
        [1, ['customer_id', 'month', 'revenue']],
        [2, ['A1', '2024-03', '1.234,50']],
        [5, ['A2', '2024-04', 'multi\nline']],
        [6, ['', '', '']],
      ]);
    }
  });

  it('reads a GB18030 file with Chinese headers and a tab delimiter', async () => {
    const r = await read(gb18030('客户编号\t月份\t收入\n张三\t2024年3月\t￥1,234\n'), [2]);
    expect(r.encoding).toBe('gb18030');
    expect(r.records).toEqual([
      [1, ['客户编号', '月份', '收入']],
      [2, ['张三', '2024年3月', '￥1,234']],
    ]);
  });

  it('keeps a stray quote inside an unquoted field as text (it is the cell parsers that judge it)', async () => {
    const r = await read(Buffer.from('customer_id,month,revenue\nA"1,2024-03,5\n'));
    expect(r.records[1]).toEqual([2, ['A"1', '2024-03', '5']]);
  });

  it('rejects the file when a quote never closes, rather than dropping the rows it swallowed', async () => {
    const text = `customer_id,month,revenue\nA1,"2024-03,5\n${'A2,2024-03,5\n'.repeat(10)}`;
    await expect(read(Buffer.from(text))).rejects.toThrow(FileError);
    await expect(read(Buffer.from(text))).rejects.toThrow(/never closes/);
  });

  it('bounds a record: an unbalanced quote in a large file fails once it passes the limit', async () => {
    const text = `customer_id,month,revenue\nA1,"2024-03,5\n${'A2,2024-03,5\n'.repeat(MAX_RECORD_CHARS / 10)}`;
    let seen = 0;
    await expect(
      readCsv(
        Readable.from(chunksOf(Buffer.from(text), [65_536])),
        'revenue',
        () => seen++,
        () => undefined,
      ),
    ).rejects.toThrow(/never closes/);
    expect(seen).toBe(1);
  });

  it('reads an empty file as no records', async () => {
    expect((await read(Buffer.alloc(0))).records).toEqual([]);
  });
});
