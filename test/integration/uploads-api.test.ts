import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_SPECS, mapHeader } from '@cxl/shared/contracts/inputs';
import { api, login, startTestStack } from './support/stack';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  for (const who of ['finance', 'cx', 'admin', 'cfo'])
    tokens[who] = await login(stack.url, `${who}@demo.local`);
});
afterAll(async () => {
  await stack?.close();
});

async function uploadFile(
  who: string,
  kind: string,
  fileName: string,
  text: string | Uint8Array,
  options?: Record<string, unknown>,
): Promise<{ uploadId: string; final: any }> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const created = await api(stack.url, '/api/uploads', {
    token: tokens[who],
    body: { kind, fileName, size: bytes.length, contentType: 'text/csv', ...(options ? { options } : {}) },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { uploadId, upload } = created.body;
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([bytes]), fileName);
  const posted = await fetch(new URL(upload.url as string, stack.url), { method: 'POST', body: form });
  expect(posted.status).toBe(204);
  for (let i = 0; i < 200; i++) {
    const r = await api(stack.url, `/api/uploads/${uploadId as string}`, { token: tokens[who] });
    if (!['pending', 'processing'].includes(r.body.status as string)) return { uploadId, final: r.body };
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('upload did not finish');
}

const CUSTOMERS = 'customer_id,bu,start_month\nA1,ENT,2023-01\nA2,ENT,2023-01\nB1,SMB,2023-01\n';

describe('upload flow over HTTP (presigned POST → object-created → processor)', () => {
  it('accepts a CX manager’s customers file and a finance revenue file, with scope and counts', async () => {
    const c = await uploadFile('cx', 'customers', 'customers.csv', CUSTOMERS);
    expect(c.final).toMatchObject({ status: 'completed', rowsAccepted: 3, rowsRejected: 0, current: true });
    const r = await uploadFile(
      'finance',
      'revenue',
      'rev-2023-01.csv',
      'customer_id,month,revenue\nA1,2023-01,100\nA2,2023-01,200\nB1,2023-01,50\n',
    );
    expect(r.final).toMatchObject({
      status: 'completed',
      rowsAccepted: 3,
      scope: [
        { bu: 'ENT', month: '2023-01' },
        { bu: 'SMB', month: '2023-01' },
      ],
    });
    expect(r.final.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.final.createdBy).toBe('finance@demo.local');
  });

  it('refuses uploads of kinds a role does not own, and any upload by an executive', async () => {
    const body = { kind: 'revenue', fileName: 'r.csv', size: 10, contentType: 'text/csv' };
    expect((await api(stack.url, '/api/uploads', { token: tokens.cx, body })).status).toBe(403);
    const exec = await api(stack.url, '/api/uploads', { token: tokens.cfo, body });
    expect(exec.status).toBe(403);
    const fin = await api(stack.url, '/api/uploads', {
      token: tokens.finance,
      body: { ...body, kind: 'contacts' },
    });
    expect(fin.body.error.message).toMatch(/cannot upload contacts files/);
  });

  it('rejects a bad finance file whole and lists every error by row, also as an injection-safe CSV', async () => {
    const r = await uploadFile(
      'finance',
      'revenue',
      'bad.csv',
      'customer_id,month,revenue\nA1,2023-02,=1+2\nZZ,2023-02,5\nA2,2023-13,7\n',
    );
    expect(r.final).toMatchObject({ status: 'rejected', rowsAccepted: 0, errorCount: 3 });
    const page = await api(stack.url, `/api/uploads/${r.uploadId}/errors?page=2&pageSize=2`, {
      token: tokens.finance,
    });
    expect(page.body).toMatchObject({ total: 3, page: 2, errors: [{ row: 4, column: 'month' }] });
    const csv = await fetch(`${stack.url}/api/uploads/${r.uploadId}/errors?format=csv`, {
      headers: { authorization: `Bearer ${tokens.finance}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel opens it as UTF-8
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toContain("2,revenue,'=1+2,");
    expect(text.split('\r\n')[0]).toBe('row,column,value,reason');
  });

  it('answers a byte-identical re-upload as a duplicate of the first', async () => {
    const text = 'customer_id,month,revenue\nA1,2023-03,10\n';
    const a = await uploadFile('finance', 'revenue', 'm3.csv', text);
    const b = await uploadFile('finance', 'revenue', 'm3-again.csv', text);
    expect(b.final).toMatchObject({ status: 'duplicate', duplicateOf: a.uploadId, rowsAccepted: 0 });
  });

  it('restores an earlier version for its scope and records what it superseded', async () => {
    const v1 = await uploadFile(
      'finance',
      'revenue',
      'm4-v1.csv',
      'customer_id,month,revenue\nA1,2023-04,10\n',
    );
    const v2 = await uploadFile(
      'finance',
      'revenue',
      'm4-v2.csv',
      'customer_id,month,revenue\nA1,2023-04,12\n',
    );
    expect(v2.final.supersedes).toEqual([v1.uploadId]);
    const restored = await api(stack.url, `/api/uploads/${v1.uploadId}/restore`, {
      token: tokens.finance,
      method: 'POST',
    });
    expect(restored.body).toMatchObject({ uploadId: v1.uploadId, supersedes: [v2.uploadId] });
    const list = await api(stack.url, '/api/uploads?kind=revenue', { token: tokens.finance });
    const byId = new Map(
      (list.body.uploads as { uploadId: string; current: boolean }[]).map((u) => [u.uploadId, u.current]),
    );
    expect(byId.get(v1.uploadId)).toBe(true);
    expect(byId.get(v2.uploadId)).toBe(false);
  });

  it('locks a month: uploads into it are refused with the reason, unlocking allows them again', async () => {
    expect(
      (await api(stack.url, '/api/periods/2023-05/lock', { token: tokens.cfo, method: 'POST' })).status,
    ).toBe(403);
    expect(
      (await api(stack.url, '/api/periods/2023-05/lock', { token: tokens.finance, method: 'POST' })).status,
    ).toBe(200);
    const r = await uploadFile('finance', 'revenue', 'm5.csv', 'customer_id,month,revenue\nA1,2023-05,10\n');
    expect(r.final.status).toBe('rejected');
    expect(r.final.errors[0].reason).toMatch(/2023-05 is locked/);
    const locks = await api(stack.url, '/api/periods', { token: tokens.cfo });
    expect(locks.body.locks.map((l: { month: string }) => l.month)).toEqual(['2023-05']);
    expect(
      (await api(stack.url, '/api/periods/2023-05/lock', { token: tokens.finance, method: 'DELETE' })).status,
    ).toBe(200);
    const again = await uploadFile(
      'finance',
      'revenue',
      'm5.csv',
      'customer_id,month,revenue\nA1,2023-05,10\n',
    );
    expect(again.final.status).toBe('completed');
  });

  it('serves a template per kind whose example rows are valid input', async () => {
    for (const kind of Object.keys(KIND_SPECS) as (keyof typeof KIND_SPECS)[]) {
      const res = await fetch(`${stack.url}/api/templates/${kind}`, {
        headers: { authorization: `Bearer ${tokens.admin}` },
      });
      expect(res.status, kind).toBe(200);
      const [header, ...rows] = (await res.text()).trim().split('\r\n');
      const mapping = mapHeader(kind, (header ?? '').split(','));
      expect(mapping.missing, kind).toEqual([]);
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it('refuses a forged or expired upload policy at the local blob endpoint', async () => {
    const created = await api(stack.url, '/api/uploads', {
      token: tokens.cx,
      body: { kind: 'customers', fileName: 'c.csv', size: 20, contentType: 'text/csv' },
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(created.body.upload.fields as Record<string, string>)) {
      form.append(k, k === 'key' ? 'uploads/customers/00000000-0000-0000-0000-000000000000/evil.csv' : v);
    }
    form.append('file', new Blob(['x']), 'c.csv');
    const res = await fetch(`${stack.url}/local/blob-upload`, { method: 'POST', body: form });
    expect(res.status).toBe(403);
  });
});

describe('JSON batch ingestion with Idempotency-Key', () => {
  const records = [
    { response_id: 'j1', customer_id: 'A1', responded_at: '2023-06-02T10:00:00Z', ltr: 10 },
    { response_id: 'j2', customer_id: 'B1', responded_at: '2023-06-03T10:00:00Z', ltr: 4 },
    { response_id: 'j3', customer_id: 'B1', responded_at: '2023-06-03T10:00:00Z', ltr: 11 },
  ];

  it('requires the header, applies a batch once and replays the stored answer on retry', async () => {
    const none = await api(stack.url, '/api/ingest/survey-relationship', {
      token: tokens.cx,
      body: { records },
    });
    expect(none.status).toBe(400);
    const headers = { 'idempotency-key': 'batch-0001-abc' };
    const first = await api(stack.url, '/api/ingest/survey-relationship', {
      token: tokens.cx,
      body: { records },
      headers,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ recordsAccepted: 2, recordsRejected: 1, replayed: false });
    expect(first.body.errors[0]).toMatchObject({ row: 2, column: 'ltr' });
    const retry = await api(stack.url, '/api/ingest/survey-relationship', {
      token: tokens.cx,
      body: { records },
      headers,
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ batchId: first.body.batchId, recordsAccepted: 2, replayed: true });
    const other = await api(stack.url, '/api/ingest/survey-relationship', {
      token: tokens.cx,
      body: { records: records.slice(0, 1) },
      headers,
    });
    expect(other.status).toBe(422);
  });

  it('refuses finance roles and unknown kinds', async () => {
    const headers = { 'idempotency-key': 'batch-0002-abc' };
    expect(
      (
        await api(stack.url, '/api/ingest/survey-relationship', {
          token: tokens.finance,
          body: { records },
          headers,
        })
      ).status,
    ).toBe(403);
    expect(
      (await api(stack.url, '/api/ingest/revenue', { token: tokens.cx, body: { records }, headers })).status,
    ).toBe(400);
  });
});
