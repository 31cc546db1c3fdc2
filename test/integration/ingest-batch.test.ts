import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo } from './support/dynamo';
import { currentRows, customersCsv, upload } from '../unit/ingest/support/harness';

let env: Awaited<ReturnType<typeof startTestDynamo>>;
let ingestBatch: typeof import('@cxl/functions/ingest/batch').ingestBatch;
let periods: typeof import('@cxl/functions/repositories/periods');
let facts: typeof import('@cxl/functions/repositories/facts');

beforeAll(async () => {
  env = await startTestDynamo();
  ({ ingestBatch } = await import('@cxl/functions/ingest/batch'));
  periods = await import('@cxl/functions/repositories/periods');
  facts = await import('@cxl/functions/repositories/facts');
  await upload(
    'customers',
    customersCsv([
      ['C1', 'BA1'],
      ['C2', 'BA1'],
      ['C3', 'BA2'],
    ]),
  );
});
afterAll(async () => {
  await env.stop();
});

const rel = (id: string, customer: string, at: string, ltr: unknown) => ({
  response_id: id,
  customer_id: customer,
  responded_at: at,
  ltr,
});

describe('JSON batches (POST /api/ingest/{kind})', () => {
  it('accepts the valid records and explains each rejected one by its 0-based index', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = { deep };
    const records = [
      rel('r1', 'C1', '2024-03-02T10:00:00Z', 9),
      rel('r2', 'C1', '2024-03-02T10:00:00Z', 11),
      {
        responseId: 'r3',
        customerId: 'C2',
        respondedAt: '2024-03-05T08:00:00+08:00',
        ltr: '7',
        attrResponseTime: 6,
      },
      rel('r1', 'C1', '2024-03-02T10:00:00Z', 9),
      { ...rel('r5', 'C1', '2024-03-02T10:00:00Z', 5), ltr_extra: 1 },
      rel('r6', 'C1', '2024-03-02T10:00:00Z', { nested: true }),
      rel('r7', 'C1', '2024-03-02T10:00:00Z', [1, 2]),
      rel('r8', 'NOPE', '2024-03-02T10:00:00Z', 5),
      'not an object',
      { ...rel('r10', 'C1', '2024-03-02T10:00:00Z', 5), 'Customer ID': 'C2' },
      rel('r11', 'C1', '2024-03-02T10:00:00Z', deep),
      rel('r12', 'C3', '2024-03-31T23:30:00-01:00', 10),
    ] as Record<string, unknown>[];
    const r = await ingestBatch('survey-relationship', records, 'cx@test', 'batch-a');
    expect(r).toMatchObject({
      status: 'completed',
      recordsTotal: 12,
      recordsAccepted: 3,
      recordsRejected: 9,
    });
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [1, 'ltr'],
      [3, 'response_id'],
      [4, 'ltr_extra'],
      [5, 'ltr'],
      [6, 'ltr'],
      [7, 'customer_id'],
      [8, ''],
      [9, 'Customer ID'],
      [10, 'ltr'],
    ]);
    expect(r.errors[1]?.reason).toMatch(/duplicate of row 0/);
    expect(r.errors[2]?.reason).toMatch(/unknown field "ltr_extra"/);
    expect(r.errors[3]?.reason).toMatch(/nested objects and arrays are not accepted/);
    expect(r.errors[6]?.reason).toMatch(/JSON object/);
    expect(r.errors[7]?.reason).toMatch(/given twice/);
    expect(r.errors[8]?.reason).toMatch(/nested objects and arrays are not accepted/);
    // r12 at 23:30 UTC−1 on 31 March is 1 April in UTC.
    expect(r.scope).toEqual([
      { bu: 'BA1', month: '2024-03' },
      { bu: 'BA2', month: '2024-04' },
    ]);
  });

  it('applies a re-sent batch once, whether it comes back with the same or a new batch id', async () => {
    const records = [rel('s1', 'C1', '2024-05-02T10:00:00Z', 9), rel('s2', 'C2', '2024-05-03T10:00:00Z', 3)];
    await ingestBatch('survey-relationship', records, 'cx@test', 'batch-b1');
    const once = await currentRows('survey-relationship');
    await ingestBatch('survey-relationship', records, 'cx@test', 'batch-b1');
    await ingestBatch('survey-relationship', records, 'cx@test', 'batch-b2');
    expect(await currentRows('survey-relationship')).toEqual(once);
    const scope = (await facts.listScopes('survey-relationship')).find(
      (p) => p.bu === 'BA1' && p.month === '2024-05',
    );
    expect(scope?.members).toEqual(['batch-b1', 'batch-b2']);
  });

  it('refuses records in a locked month', async () => {
    await periods.lockPeriod('2024-06', 'finance@test');
    const r = await ingestBatch(
      'survey-transactional',
      [{ response_id: 't1', customer_id: 'C1', responded_at: '2024-06-02T10:00:00Z', csat: 5 }],
      'cx@test',
      'batch-c',
    );
    expect(r).toMatchObject({ status: 'rejected', recordsAccepted: 0 });
    expect(r.errors[0]).toMatchObject({
      row: 0,
      column: 'responded_at',
      value: '2024-06',
      reason: expect.stringMatching(/locked/),
    });
    await periods.unlockPeriod('2024-06');
  });

  it('refuses more than 1,000 records, and kinds that are not batch kinds', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => rel(`m${i}`, 'C1', '2024-03-02T10:00:00Z', 5));
    expect(await ingestBatch('survey-relationship', many, 'cx@test', 'batch-d')).toMatchObject({
      status: 'rejected',
      recordsAccepted: 0,
    });
    const wrong = await ingestBatch('revenue' as 'contacts', [{}], 'cx@test', 'batch-e');
    expect(wrong.errors[0]?.reason).toMatch(
      /batches accept contacts, survey-transactional, survey-relationship/,
    );
  });
});
