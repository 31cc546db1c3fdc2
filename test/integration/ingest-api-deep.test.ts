import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestStack } from './support/stack';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let cx: string;

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  cx = await login(stack.url, 'cx@demo.local');
  const customers = await api(stack.url, '/api/ingest/survey-relationship', {
    token: cx,
    body: {
      records: [{ response_id: 'warm', customer_id: 'C1', responded_at: '2024-03-02T10:00:00Z', ltr: 9 }],
    },
    headers: { 'idempotency-key': 'warm-up-0001' },
  });
  // No customers are loaded, so the record is rejected, but the route answers normally.
  expect(customers.status).toBe(201);
});
afterAll(async () => {
  await stack?.close();
});

/** POSTs a raw JSON text (the test's own JSON.stringify would overflow on these bodies). */
async function postRaw(text: string, key: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url}/api/ingest/survey-relationship`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${cx}`, 'idempotency-key': key },
    body: text,
  });
  return { status: res.status, body: await res.json() };
}

const nested = (depth: number, leaf = '9') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;

describe('POST /api/ingest/{kind} with deeply nested JSON', () => {
  it('answers 400 naming the record and field for 100,000 nested arrays, not a 500', async () => {
    const body = `{"records":[{"response_id":"r1","customer_id":"C1","responded_at":"2024-03-02T10:00:00Z","ltr":${nested(100_000)}}]}`;
    const r = await postRaw(body, 'deep-key-0001');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.message).toMatch(
      /^records\[0\]\.ltr(\[0\])+ nests arrays or objects more than 32 levels/,
    );
    expect(r.body.error.details[0].path).toMatch(/^records\[0\]\.ltr\[0\]/);
  });

  it('answers 400 when the records array itself is nested 100,000 deep (a record must be an object)', async () => {
    const r = await postRaw(`{"records":[${nested(100_000, '{}')}]}`, 'deep-key-0002');
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'records.0' })]);
  });

  it('leaves the Idempotency-Key unused, so a corrected retry with the same key is applied', async () => {
    const r = await postRaw(
      '{"records":[{"response_id":"r2","customer_id":"C1","responded_at":"2024-03-02T10:00:00Z","ltr":[[1]]}]}',
      'deep-key-0001',
    );
    // Shallow nesting stays a per-record rejection with the field named (the batch itself is fine).
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ recordsTotal: 1, recordsRejected: 1, replayed: false });
    expect(r.body.errors[0]).toMatchObject({ row: 0, column: 'ltr' });
  });

  it('maps a serializer RangeError in the idempotency store to a 400, not an internal error', async () => {
    const { onceForKey } = await import('@cxl/functions/repositories/idempotency');
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    let ran = false;
    const err = await onceForKey('test', 'deep-key-0003', { records: [{ x: deep }] }, () => {
      ran = true;
      return Promise.resolve(1);
    }).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(err).toMatchObject({ name: 'DomainError', code: 'validation_failed' });
    expect((err as Error).message).toMatch(/nested too deeply/);
  });
});
