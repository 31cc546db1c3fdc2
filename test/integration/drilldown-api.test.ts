import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { CustomerRollup } from '@cxl/shared/views/customer-rollups';
import { api, login, startTestStack } from './support/stack';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let token: string;
const HASH = 'gen-2';

function rollup(id: string, bu: string, over: Partial<CustomerRollup> = {}): CustomerRollup {
  return {
    customerId: id,
    bu,
    segment: bu === 'ENT' ? 'Enterprise' : 'Mid-market',
    startMonth: '2023-01',
    active: true,
    churnMonth: null,
    mrrMinor: 100_000,
    revenue12mMinor: 1_200_000,
    lastLtr: 9,
    lastLtrMonth: '2024-11',
    segmentNps: 'promoter',
    contacts90d: 0,
    unresolved90d: 0,
    lastCsat: 5,
    lastCes: 6,
    ...over,
  };
}

// Two generations of rollups in the table: only the one the meta view names may be served.
const ENT = [
  rollup('ENT-1', 'ENT', { revenue12mMinor: 5_000_000 }),
  rollup('ENT-2', 'ENT', {
    segmentNps: 'detractor',
    lastLtr: 3,
    active: false,
    churnMonth: '2024-06',
    revenue12mMinor: 2_500_050,
    lastCsat: 2,
  }),
  rollup('=HYPERLINK("http://x")', 'ENT', { segmentNps: 'detractor', lastLtr: 5, revenue12mMinor: 10 }),
];
const SMB = [
  rollup('SMB-1', 'SMB', { segmentNps: 'detractor', lastLtr: 6, active: false, churnMonth: '2024-09' }),
  rollup('SMB-2', 'SMB', { segmentNps: 'not-surveyed', lastLtr: null, lastLtrMonth: null, mrrMinor: null }),
];

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  token = await login(stack.url, 'cfo@demo.local');
  // The stack runs in this process: write the items recompute writes (same key shapes and encoding).
  const { batchPut, ddb, TABLE } = await import('@cxl/functions/adapters/dynamo');
  const { encodeRows } = await import('@cxl/functions/repositories/facts');
  const { keys } = await import('@cxl/functions/repositories/keys');
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const block = (bu: string, hash: string, chunk: number, rows: CustomerRollup[]) => ({
    pk: keys.rollupPk(bu),
    sk: `${hash}#${String(chunk).padStart(5, '0')}`,
    rowCount: rows.length,
    data: encodeRows(rows),
    inputHash: hash,
  });
  await batchPut([
    block('ENT', HASH, 0, ENT.slice(0, 2)),
    block('ENT', HASH, 1, ENT.slice(2)),
    block('SMB', HASH, 0, SMB),
    block('ENT', 'gen-1', 0, [rollup('ENT-OLD', 'ENT')]),
  ]);
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: {
        ...keys.metaView(),
        businessUnits: [
          { id: 'ENT', name: 'Enterprise' },
          { id: 'SMB', name: 'SMB' },
        ],
        firstMonth: '2023-01',
        lastMonth: '2024-12',
        currency: 'USD',
        dataAsOf: '2025-01-01T00:00:00.000Z',
        definitionVersion: 'metrics-test',
        inputHash: HASH,
        computedAt: '2025-01-02T00:00:00.000Z',
      },
    }),
  );
});
afterAll(async () => {
  await stack?.close();
});

describe('GET /api/drilldown (customers behind a chart element)', () => {
  it('lists the customers of every unit of the current generation, largest revenue first', async () => {
    const r = await api(stack.url, '/api/drilldown', { token });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(5);
    expect(r.body.customers.map((c: { customerId: string }) => c.customerId)).toEqual([
      'ENT-1',
      'ENT-2',
      'SMB-1',
      'SMB-2',
      '=HYPERLINK("http://x")',
    ]);
    expect(r.body.customers[0]).toMatchObject({
      revenue12m: 50_000,
      mrr: 1_000,
      nps: 'promoter',
      active: true,
    });
    expect(r.body.customers.some((c: { customerId: string }) => c.customerId === 'ENT-OLD')).toBe(false);
    expect(r.body).toMatchObject({ currency: 'USD', inputHash: HASH, lastMonth: '2024-12' });
    expect(r.body.totalRevenue12m).toBeCloseTo(50_000 + 25_000.5 + 12_000 + 12_000 + 0.1, 6);
  });

  it('filters by unit, NPS category, churn month and id, and pages stably', async () => {
    const det = await api(stack.url, '/api/drilldown?bu=ent&nps=detractor', { token });
    expect(det.body.customers.map((c: { customerId: string }) => c.customerId)).toEqual([
      'ENT-2',
      '=HYPERLINK("http://x")',
    ]);
    const churned = await api(stack.url, '/api/drilldown?churnFrom=2024-07&churnTo=2024-12', { token });
    expect(churned.body.customers.map((c: { customerId: string }) => c.customerId)).toEqual(['SMB-1']);
    const active = await api(stack.url, '/api/drilldown?status=active&q=smb', { token });
    expect(active.body.customers.map((c: { customerId: string }) => c.customerId)).toEqual(['SMB-2']);
    expect(active.body.customers[0]).toMatchObject({ nps: 'not-surveyed', lastLtr: null, mrr: null });
    const p2 = await api(stack.url, '/api/drilldown?sort=customerId&dir=asc&pageSize=2&page=2', { token });
    expect(p2.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(p2.body.customers.map((c: { customerId: string }) => c.customerId)).toEqual(['ENT-2', 'SMB-1']);
  });

  it('exports every match as CSV with formula-looking cells escaped', async () => {
    const res = await fetch(`${stack.url}/api/drilldown?bu=ENT&format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const rows: string[][] = parse(await res.text(), { bom: true });
    expect(rows[0]?.slice(0, 4)).toEqual(['customer_id', 'bu', 'segment', 'revenue_12m']);
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r[0]?.includes('HYPERLINK'))?.[0]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows.find((r) => r[0] === 'ENT-2')?.slice(10)).toEqual(['churned', '2024-06']);
  });

  it('answers bad filters with a 400 naming the field, an unknown unit with 404, no token with 401', async () => {
    const bad = await api(stack.url, '/api/drilldown?nps=fan&churnFrom=2024-13', { token });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/nps/);
    expect(JSON.stringify(bad.body)).toMatch(/churnFrom/);
    const mixed = await api(stack.url, '/api/drilldown?status=active&churnFrom=2024-01', { token });
    expect(mixed.status).toBe(400);
    expect(JSON.stringify(mixed.body)).toMatch(/status=active cannot be combined/);
    const unknown = await api(stack.url, '/api/drilldown?bu=XYZ', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/ENT, SMB/);
    expect((await api(stack.url, '/api/drilldown')).status).toBe(401);
  });
});
