/**
 * Blob store faults during upload processing, through the real local host: the upload flow over HTTP
 * (register → presigned POST → object-created worker), with the blob store's reads failing — at open
 * (the object is not readable) or mid-file (the connection drops). The upload must end `failed` with a
 * message saying it is retried, the earlier version must stay current (nothing lost or doubled), and
 * the platform's retry of the same event must give exactly the totals of a clean run.
 */
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestStack } from './support/stack';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const tokens = {} as Record<'finance' | 'cx', string>;

/** How the blob store's reads fail: not at all, when opening, or after `afterBytes` bytes. */
const fault = { mode: 'none' as 'none' | 'open' | 'mid-file', afterBytes: 0, injected: 0 };
let restore: () => void = () => undefined;

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  for (const who of ['finance', 'cx'] as const) tokens[who] = await login(stack.url, `${who}@demo.local`);
  // Fault injection into the real folder-backed store the worker reads from.
  const { FolderBlobStore } = await import('@cxl/functions/adapters/blob-store');
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its instance below
  const original = FolderBlobStore.prototype.open;
  FolderBlobStore.prototype.open = async function (this: InstanceType<typeof FolderBlobStore>, key: string) {
    if (fault.mode === 'open') {
      fault.injected++;
      throw Object.assign(new Error('injected: the object is not readable'), { name: 'InternalError' });
    }
    const stream = await original.call(this, key);
    if (fault.mode !== 'mid-file') return stream;
    fault.injected++;
    let seen = 0;
    const limit = fault.afterBytes;
    return Readable.from(
      (async function* () {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          if (seen + chunk.length > limit) {
            yield chunk.subarray(0, Math.max(0, limit - seen));
            throw new Error('injected: connection reset while reading the object');
          }
          seen += chunk.length;
          yield chunk;
        }
      })(),
    );
  };
  restore = () => {
    FolderBlobStore.prototype.open = original;
  };
});
afterEach(() => {
  fault.mode = 'none';
});
afterAll(async () => {
  restore();
  await stack?.close();
});

/** Registers an upload, posts the file to the presigned form and waits for the worker's outcome. */
async function uploadFile(who: 'finance' | 'cx', kind: string, fileName: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  const created = await api(stack.url, '/api/uploads', {
    token: tokens[who],
    body: { kind, fileName, size: bytes.length, contentType: 'text/csv' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { uploadId, upload } = created.body;
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([bytes]), fileName);
  const posted = await fetch(new URL(upload.url as string, stack.url), { method: 'POST', body: form });
  expect(posted.status).toBe(204);
  return { uploadId: uploadId as string, final: await settled(who, uploadId as string) };
}
async function settled(who: 'finance' | 'cx', uploadId: string): Promise<any> {
  for (let i = 0; i < 400; i++) {
    const r = await api(stack.url, `/api/uploads/${uploadId}`, { token: tokens[who] });
    if (!['pending', 'processing'].includes(r.body.status as string)) return r.body;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('upload did not finish');
}

/** The platform's retry of the object-created event for an upload (S3 → Lambda retries). */
async function redeliver(uploadId: string): Promise<void> {
  const { getUpload } = await import('@cxl/functions/repositories/uploads');
  const { handler } = await import('@cxl/functions/handlers/process-upload-worker');
  const u = await getUpload(uploadId);
  await handler({ Records: [{ s3: { object: { key: encodeURIComponent(u?.blobKey ?? '') } } }] });
}

/** Current revenue rows (customer|month|minor|currency) and the per-currency totals. */
async function revenue(): Promise<{ rows: string[]; total: number }> {
  const { listScopes, loadScopeRows } = await import('@cxl/functions/repositories/facts');
  const rows: string[] = [];
  let total = 0;
  for (const p of await listScopes('revenue')) {
    for (const r of await loadScopeRows('revenue', p)) {
      rows.push(`${r.customerId}|${r.month}|${r.amountMinor}|${r.currency ?? ''}`);
      total += r.amountMinor;
    }
  }
  return { rows: rows.sort(), total };
}

const CUSTOMERS = `customer_id,bu,start_month\n${Array.from({ length: 400 }, (_, i) => `K${i},${['ENT', 'SMB'][i % 2]},2023-01`).join('\n')}\n`;
/** 400 customers × 12 months: about 110 kB, read in several chunks. */
function revenueFile(bump: number): string {
  const lines = ['customer_id,month,revenue'];
  for (let m = 1; m <= 12; m++)
    for (let i = 0; i < 400; i++)
      lines.push(
        `K${i},2023-${String(m).padStart(2, '0')},${(100 + ((i * 37 + m * 11) % 900) + bump).toFixed(2)}`,
      );
  return `${lines.join('\n')}\n`;
}

/** The current revenue rows a clean run of `revenueFile(bump)` leaves (amounts in minor units). */
function expectedRevenue(bump: number): { rows: string[]; total: number } {
  const rows = revenueFile(bump)
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [c, m, v] = l.split(',');
      return { line: `${c}|${m}|${Math.round(Number(v) * 100)}|`, minor: Math.round(Number(v) * 100) };
    });
  return { rows: rows.map((r) => r.line).sort(), total: rows.reduce((a, r) => a + r.minor, 0) };
}

describe('faults: blob store read errors while processing uploads', () => {
  beforeAll(async () => {
    expect((await uploadFile('cx', 'customers', 'customers.csv', CUSTOMERS)).final.status).toBe('completed');
  });

  it.each([
    ['when opening the object', 'open' as const],
    ['mid-file', 'mid-file' as const],
  ])('a read failure %s fails the upload retryably; the retry gives identical totals', async (_w, mode) => {
    const [b1, b2] = mode === 'open' ? [1, 7] : [3, 13];
    // The version everyone sees before the faulty upload; the rows match what the file says.
    const v1 = await uploadFile('finance', 'revenue', 'revenue-v1.csv', revenueFile(b1));
    expect(v1.final).toMatchObject({ status: 'completed', rowsAccepted: 4800 });
    const before = await revenue();
    expect(before).toEqual(expectedRevenue(b1));

    // What a clean run of the next version gives: exactly the rows of its file (a clean upload of the
    // same bytes would be refused as a duplicate, so the expectation is computed from the file).
    const v2text = revenueFile(b2);
    const expected = expectedRevenue(b2);

    fault.mode = mode;
    fault.afterBytes = Math.floor(v2text.length * 0.6);
    const injected = fault.injected;
    const faulty = await uploadFile('finance', 'revenue', 'revenue-v2.csv', v2text);
    fault.mode = 'none';
    expect(fault.injected).toBeGreaterThan(injected);
    // The user sees the failure, with what happens next; nothing changed for anyone else.
    expect(faulty.final.status).toBe('failed');
    expect(faulty.final.message).toMatch(/retried automatically/);
    expect(faulty.final.current).not.toBe(true);
    expect(await revenue()).toEqual(before);

    // The platform retries the event: the same upload completes with the clean run's totals.
    await redeliver(faulty.uploadId);
    const after = await settled('finance', faulty.uploadId);
    expect(after).toMatchObject({ status: 'completed', rowsAccepted: 4800, current: true });
    const got = await revenue();
    expect(got.total).toBe(expected.total);
    expect(got.rows).toEqual(expected.rows);
    expect(new Set(got.rows).size).toBe(got.rows.length);

    // A second redelivery of the now-completed upload changes nothing (at-least-once delivery).
    await redeliver(faulty.uploadId);
    expect(await revenue()).toEqual(got);
  });
});
