import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo } from './support/dynamo';
import { buildZip, csv, gb18030, utf16, xlsx } from '../unit/ingest/support/fixtures';
import { customersCsv, revenueRows, revenueTotals, upload } from '../unit/ingest/support/harness';

let env: Awaited<ReturnType<typeof startTestDynamo>>;
let facts: typeof import('@cxl/functions/repositories/facts');
let dynamo: typeof import('@cxl/functions/adapters/dynamo');
let periods: typeof import('@cxl/functions/repositories/periods');

beforeAll(async () => {
  env = await startTestDynamo();
  facts = await import('@cxl/functions/repositories/facts');
  dynamo = await import('@cxl/functions/adapters/dynamo');
  periods = await import('@cxl/functions/repositories/periods');
  const r = await upload(
    'customers',
    customersCsv([
      ['甲公司', 'CN1'],
      ['乙公司', 'CN1'],
      ['E1', 'EU1'],
      ['E2', 'EU1'],
      ['X1', 'XL1'],
      ['X2', 'XL1'],
      ['D1', 'DP1'],
      ['L1', 'LK1'],
      ['B1', 'BN1'],
    ]),
  );
  expect(r.status).toBe('completed');
});
afterAll(async () => {
  await env.stop();
});

const only = (bu: string) => (b: string) => b === bu;

describe('messy real files, end to end', () => {
  it('reads a GB18030 CSV from Chinese Excel: Chinese headers, ￥ amounts, 2024年3月 months', async () => {
    const text =
      '客户编号,月份,收入,币种\n甲公司,2024年3月,"￥1,234.50",CNY\n乙公司,2024年3月,(12),CNY\n\n,,,\n';
    const r = await upload('revenue', gb18030(text), { chunks: [5] });
    expect(r).toMatchObject({ status: 'completed', rowsTotal: 2, rowsAccepted: 2, rowsRejected: 0 });
    expect(await revenueRows(only('CN1'))).toEqual([
      '乙公司|2024-03|-1200|CNY|CN1',
      '甲公司|2024-03|123450|CNY|CN1',
    ]);
  });

  it('reads semicolons and a declared decimal comma; without the declaration the same file is refused by row', async () => {
    const text = 'Customer ID;Period;Amount\nE1;Mar 2024;€1.234,50\nE2;2024-03;"12,5"\n';
    const refused = await upload('revenue', text);
    expect(refused.status).toBe('rejected');
    expect(refused.record?.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'revenue',
        value: '€1.234,50',
        reason: expect.stringMatching(/declare it when uploading/),
      }),
      expect.objectContaining({ row: 3, column: 'revenue', value: '12,5' }),
    ]);
    expect(await revenueRows(only('EU1'))).toEqual([]);
    const r = await upload('revenue', text, { options: { decimal: ',' } });
    expect(r.status).toBe('completed');
    expect(await revenueRows(only('EU1'))).toEqual(['E1|2024-03|123450|EUR|EU1', 'E2|2024-03|1250||EU1']);
  });

  it('reads UTF-16 tab-separated text (Excel "Unicode text")', async () => {
    const r = await upload('revenue', utf16('customer_id\tmonth\trevenue\nE1\t2024-04\t10\n', 'le'));
    expect(r.status).toBe('completed');
    expect(await revenueRows(only('EU1'))).toContain('E1|2024-04|1000||EU1');
  });

  it('refuses ambiguous values with row, column, value and a reason — never a guess', async () => {
    const text =
      'customer_id,month,revenue\nD1,2024-03,1.234\nD1,03/2024,5\nD1,2024-05,"1,234.5,6"\nD1,Mar-24,1\n';
    const r = await upload('revenue', text);
    expect(r.status).toBe('rejected');
    expect(r.record?.errors?.map((e) => [e.row, e.column, e.value])).toEqual([
      [2, 'revenue', '1.234'],
      [3, 'month', '03/2024'],
      [4, 'revenue', '1,234.5,6'],
      [5, 'month', 'Mar-24'],
    ]);
    expect(r.record?.errors?.[0]?.reason).toMatch(
      /ambiguous: with a decimal point it is 1.234, with a thousands point 1234/,
    );
    expect(r.record?.errors?.[1]?.reason).toMatch(/ambiguous/);
  });

  it('reads an XLSX workbook: date months, numbers, Excel serials — the same rows as the CSV', async () => {
    const book = await xlsx([
      ['Customer ID', 'Month', 'Revenue', 'Currency'],
      ['X1', new Date(Date.UTC(2024, 2, 1)), 1234.5, 'USD'],
      ['X2', 45383, -20, 'USD'],
      [null, null, null, null],
    ]);
    const r = await upload('revenue', book, { fileName: 'rev.xlsx', chunks: [1000] });
    expect(r).toMatchObject({ status: 'completed', rowsTotal: 2, rowsAccepted: 2 });
    expect(await revenueRows(only('XL1'))).toEqual(['X1|2024-03|123450|USD|XL1', 'X2|2024-04|-2000|USD|XL1']);
  });

  it('refuses a zip bomb posing as a workbook before parsing it, with a reason', async () => {
    const bomb = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(16 * 1024 * 1024) }]);
    const r = await upload('revenue', bomb, { fileName: 'rev.xlsx' });
    expect(r.status).toBe('rejected');
    expect(r.message).toMatch(/zip bomb/);
  });

  it.each([
    ['binary data', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]), 'x.csv', /binary data/],
    ['an empty file', Buffer.alloc(0), 'x.csv', /the file is empty/],
    ['a header only', Buffer.from('customer_id,month,revenue\n\n\n'), 'x.csv', /no data rows/],
    [
      'a CSV named .xlsx',
      Buffer.from('customer_id,month,revenue\nB1,2024-03,1\n'),
      'x.xlsx',
      /named \.xlsx but is not/,
    ],
    [
      'an old .xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'x.xls',
      /old-format \.xls/,
    ],
    [
      'a header missing a column',
      Buffer.from('customer_id,revenue\nB1,1\n'),
      'x.csv',
      /missing required column\(s\): month/,
    ],
  ])('refuses %s with a reason', async (_name, bytes, fileName, reason) => {
    const r = await upload('revenue', bytes, { fileName });
    expect(r.status).toBe('rejected');
    expect(r.message).toMatch(reason);
    expect(r.record?.errors?.length).toBeGreaterThan(0);
  });

  it('treats a byte-identical re-upload as a duplicate no-op, and points to Restore when the original was replaced', async () => {
    const v1 = 'customer_id,month,revenue\nB1,2024-03,100\n';
    const first = await upload('revenue', v1);
    const again = await upload('revenue', v1, { chunks: [3] });
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first.uploadId, rowsAccepted: 0 });
    expect(again.message).toMatch(/nothing changed/);
    await upload('revenue', 'customer_id,month,revenue\nB1,2024-03,200\n');
    const revert = await upload('revenue', v1);
    expect(revert).toMatchObject({ status: 'duplicate', duplicateOf: first.uploadId });
    expect(revert.message).toMatch(/use Restore on that upload/);
    expect(await revenueRows(only('BN1'))).toEqual(['B1|2024-03|20000||BN1']);
    // No orphan blocks: the duplicates' blocks were deleted.
    const blocks = await dynamo.queryPartition('FACT#revenue#BN1#2024-03');
    expect(new Set(blocks.map((b) => b.uploadId))).toEqual(new Set([first.uploadId, expect.any(String)]));
    expect(blocks.some((b) => b.uploadId === again.uploadId || b.uploadId === revert.uploadId)).toBe(false);
  });

  it('refuses rows in a locked month (and, all-or-nothing, applies nothing)', async () => {
    await periods.lockPeriod('2023-12', 'finance@test');
    const r = await upload('revenue', 'customer_id,month,revenue\nL1,2023-12,5\nL1,2024-01,5\n');
    expect(r.status).toBe('rejected');
    expect(r.record?.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'month',
        value: '2023-12',
        reason: expect.stringMatching(/locked by finance/),
      }),
    ]);
    expect(await revenueRows(only('LK1'))).toEqual([]);
    await periods.unlockPeriod('2023-12');
  });

  it('keeps every error of a large file in the report (chunks of 2,000) and the first 200 inline', async () => {
    const rows = [['customer_id', 'bu', 'start_month']];
    for (let i = 0; i < 4500; i++) rows.push([`Q${i}`, 'ALL', '2023-01']);
    rows.push(['Q-ok', 'QQ1', '2023-01']);
    const r = await upload('customers', csv(rows));
    expect(r).toMatchObject({ status: 'completed', rowsTotal: 4501, rowsAccepted: 1, rowsRejected: 4500 });
    expect(r.record?.errorCount).toBe(4500);
    expect(r.record?.errors).toHaveLength(200);
    const items = await dynamo.queryAll({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':p': `UPLOAD#${r.uploadId}`, ':e': 'ERR#' },
    });
    expect(items.flatMap((i) => i.errors as unknown[])).toHaveLength(4500);
  });

  it('processes a retried upload id to exactly the same state', async () => {
    const text = csv([
      ['customer_id', 'month', 'revenue'],
      ['B1', '2024-06', '7'],
      ['B1', '2024-07', '8'],
    ]);
    const first = await upload('revenue', text);
    const before = await revenueTotals(only('BN1'));
    const again = await upload('revenue', text, { uploadId: first.uploadId, chunks: [4] });
    expect(again.status).toBe('completed');
    expect(await revenueTotals(only('BN1'))).toEqual(before);
    expect(await facts.listScopes('revenue')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ bu: 'BN1', month: '2024-06', members: [first.uploadId] }),
      ]),
    );
  });
});
