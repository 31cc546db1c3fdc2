import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo } from './support/dynamo';

let env: Awaited<ReturnType<typeof startTestDynamo>>;
let ingest: typeof import('../../local/src/ingest-file').ingestFile;
let facts: typeof import('@cxl/functions/repositories/facts');
let uploads: typeof import('@cxl/functions/repositories/uploads');

beforeAll(async () => {
  env = await startTestDynamo();
  ingest = (await import('../../local/src/ingest-file')).ingestFile;
  facts = await import('@cxl/functions/repositories/facts');
  uploads = await import('@cxl/functions/repositories/uploads');
});
afterAll(async () => {
  await env.stop();
});

async function file(name: string, text: string): Promise<string> {
  const p = join(env.dataDir, name);
  await writeFile(p, text);
  return p;
}

describe('upload processing', () => {
  it('accepts customers and assigns each to its (bu, start month) scope', async () => {
    const p = await file(
      'customers.csv',
      '\uFEFFCustomer ID;BU;Start Month\nA1;ent;2023-01\nA2;ENT;2023/1\nB1;SMB;Feb 2023\n\n',
    );
    const r = await ingest(env.dataDir, 'customers', p, 'test');
    expect(r).toMatchObject({ status: 'completed', rowsTotal: 3, rowsAccepted: 3, rowsRejected: 0 });
    expect(r.scope).toEqual([
      { bu: 'ENT', month: '2023-01' },
      { bu: 'SMB', month: '2023-02' },
    ]);
  });

  it('rejects a whole revenue file when one row is invalid and says where and why', async () => {
    const p = await file(
      'rev-bad.csv',
      'customer_id,month,revenue\nA1,2023-01,100.00\nA2,2023-01,12,34\nZZ,2023-01,5\n',
    );
    const r = await ingest(env.dataDir, 'revenue', p, 'test');
    expect(r.status).toBe('rejected');
    expect(r.rowsAccepted).toBe(0);
    const rec = await uploads.getUpload(r.uploadId);
    // `12,34` unquoted is two cells under a three-column header: ambiguous, so an error too.
    expect(rec?.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'column 4', value: '34' }),
      expect.objectContaining({ row: 4, column: 'customer_id', value: 'ZZ' }),
    ]);
    expect(rec?.message).toMatch(/nothing was applied/);
    expect(await facts.listScopes('revenue')).toEqual([]);
  });

  it('treats a byte-identical re-upload as a duplicate no-op', async () => {
    const text = 'customer_id,month,revenue\nA1,2023-01,100.00\nA2,2023-01,"1,200.50"\nB1,2023-02,(5)\n';
    const first = await ingest(env.dataDir, 'revenue', await file('rev1.csv', text), 'test');
    expect(first.status).toBe('completed');
    const again = await ingest(env.dataDir, 'revenue', await file('rev1-copy.csv', text), 'test');
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first.uploadId, rowsAccepted: 0 });
    const scopes = await facts.listScopes('revenue');
    expect(scopes.map((s) => s.members)).toEqual([[first.uploadId], [first.uploadId]]);
    const rows = await facts.loadScopeRows('revenue', scopes[0] as (typeof scopes)[number]);
    expect(rows.map((r) => r.amountMinor).sort((a, b) => a - b)).toEqual([10000, 120050]);
  });

  it('supersedes exactly the scopes a newer upload covers', async () => {
    const before = await facts.listScopes('revenue');
    const older = before.find((s) => s.bu === 'SMB');
    const r = await ingest(
      env.dataDir,
      'revenue',
      await file('rev2.csv', 'customer_id,month,revenue\nA1,2023-01,90\nA2,2023-01,1100\n'),
      'test',
    );
    expect(r.status).toBe('completed');
    const after = await facts.listScopes('revenue');
    expect(after.find((s) => s.bu === 'ENT')?.members).toEqual([r.uploadId]);
    expect(after.find((s) => s.bu === 'SMB')?.members).toEqual(older?.members);
    expect(r.supersedes).toEqual(before.find((s) => s.bu === 'ENT')?.members);
  });

  it('quarantines invalid survey rows and applies the valid ones (accept-valid)', async () => {
    const p = await file(
      'rel.csv',
      [
        'response_id,customer_id,responded_at,ltr',
        'r1,A1,2023-03-02T10:00:00Z,9',
        'r2,A2,2023-03-02T10:00:00Z,11',
        'r3,B1,2023-03-02T10:00:00Z,7.5',
        'r1,A1,2023-03-02T10:00:00Z,9',
        'r4,B1,2023-03-31T20:00:00-08:00,3',
      ].join('\n'),
    );
    const r = await ingest(env.dataDir, 'survey-relationship', p, 'test');
    expect(r).toMatchObject({ status: 'completed', rowsTotal: 5, rowsAccepted: 2, rowsRejected: 3 });
    const rec = await uploads.getUpload(r.uploadId);
    expect(rec?.errors?.map((e) => [e.row, e.column])).toEqual([
      [3, 'ltr'],
      [4, 'ltr'],
      [5, 'response_id'],
    ]);
    // The UTC−8 response at 20:00 on 31 March is in April (UTC reporting time zone).
    expect(r.scope).toEqual([
      { bu: 'ENT', month: '2023-03' },
      { bu: 'SMB', month: '2023-04' },
    ]);
  });

  it('rejects a file whose header lacks a required column and names the template', async () => {
    const r = await ingest(
      env.dataDir,
      'contacts',
      await file('c.csv', 'contact_id,customer_id\nx,A1\n'),
      'test',
    );
    expect(r.status).toBe('rejected');
    const rec = await uploads.getUpload(r.uploadId);
    expect(rec?.message).toMatch(/missing required column\(s\): channel, created_at/);
  });
});
