import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo } from './support/dynamo';
import { csv } from '../unit/ingest/support/fixtures';
import { currentRows, customersCsv, revenueRows, upload } from '../unit/ingest/support/harness';

let env: Awaited<ReturnType<typeof startTestDynamo>>;
let dynamo: typeof import('@cxl/functions/adapters/dynamo');
let ingestBatch: typeof import('@cxl/functions/ingest/batch').ingestBatch;
let uploads: typeof import('@cxl/functions/repositories/uploads');

/**
 * Fault injection into the DynamoDB client the repositories use. For each call, with probability
 * `rate`: a throttling error before the request is sent, or after it was applied (a lost response —
 * the SDK retries, so the operation runs twice), or, for BatchWriteItem, a partial result that moves
 * some items to UnprocessedItems. `failAfter` makes calls of one command fail for good after N.
 */
const faults = {
  rate: 0,
  seed: 1,
  injected: { throttledBefore: 0, lostResponse: 0, partial: 0, permanent: 0 },
  failAfter: null as { command: string; after: number; seen: number } | null,
  /** The next multi-item BatchWriteItem returns a partial result whatever the draw. */
  forcePartial: false,
};
function rand(): number {
  faults.seed = (faults.seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return faults.seed / 2_147_483_648;
}
function throttle(): Error {
  return Object.assign(new Error('injected: rate exceeded'), {
    name: rand() < 0.5 ? 'ProvisionedThroughputExceededException' : 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

type AnyArgs = { input: Record<string, unknown> };
type AnyOut = { output: Record<string, unknown> };

beforeAll(async () => {
  env = await startTestDynamo();
  dynamo = await import('@cxl/functions/adapters/dynamo');
  ({ ingestBatch } = await import('@cxl/functions/ingest/batch'));
  uploads = await import('@cxl/functions/repositories/uploads');
  // The SDK's own retry policy (8 attempts, as configured) with millisecond delays instead of its
  // 0.5–20 s throttling backoff, so a test with hundreds of injected faults stays fast.
  const token = (n: number) => ({ getRetryCount: () => n, getRetryDelay: () => 1 + n });
  const fastRetries = {
    acquireInitialRetryToken: () => Promise.resolve(token(0)),
    refreshRetryTokenForRetry: (t: { getRetryCount(): number }, info: { errorType: string }) =>
      t.getRetryCount() + 1 < 8 && info.errorType !== 'CLIENT_ERROR'
        ? Promise.resolve(token(t.getRetryCount() + 1))
        : Promise.reject(new Error('no more retries')),
    recordSuccess: () => undefined,
  };
  (dynamo.ddbClient.config as { retryStrategy: () => Promise<unknown> }).retryStrategy = () =>
    Promise.resolve(fastRetries);
  const stack = dynamo.ddbClient.middlewareStack;
  // Before serialization (inputs are marshalled): partial batch results and permanent failures.
  stack.add(
    (next, context) => async (args) => {
      const f = faults.failAfter;
      if (f && context.commandName === f.command && ++f.seen > f.after) {
        faults.injected.permanent++;
        throw Object.assign(new Error('injected: the processor dies here'), { name: 'InjectedCrash' });
      }
      const input = (args as AnyArgs).input;
      const items = (input.RequestItems as Record<string, unknown[]> | undefined)?.[dynamo.TABLE];
      const batch =
        context.commandName === 'BatchWriteItemCommand' && items !== undefined && items.length > 1;
      if (batch && faults.rate > 0 && (faults.forcePartial || rand() < faults.rate)) {
        faults.forcePartial = false;
        faults.injected.partial++;
        const keep = Math.max(1, Math.floor(items.length * rand()));
        const res = await next({
          ...args,
          input: { ...input, RequestItems: { [dynamo.TABLE]: items.slice(0, keep) } },
        });
        (res as unknown as AnyOut).output.UnprocessedItems = { [dynamo.TABLE]: items.slice(keep) };
        return res;
      }
      return next(args);
    },
    { step: 'serialize', priority: 'high', name: 'injectPartialResults' },
  );
  // Below the SDK's retry middleware: throttling, before sending or after the write was applied.
  stack.add(
    (next) => async (args) => {
      const r = rand();
      if (r < faults.rate / 2) {
        faults.injected.throttledBefore++;
        throw throttle();
      }
      if (r < faults.rate) {
        faults.injected.lostResponse++;
        await next(args);
        throw throttle();
      }
      return next(args);
    },
    { step: 'deserialize', priority: 'high', name: 'injectThrottling' },
  );
});
afterEach(() => {
  faults.rate = 0;
  faults.failAfter = null;
  faults.forcePartial = false;
});
afterAll(async () => {
  await env.stop();
});

let worldNo = 0;
/** A world of customers over `bus` business units; revenue rows for `months` months. */
async function world(customers: number, bus: number, months: number, seed: number) {
  const tag = `F${++worldNo}Z`;
  const ids = Array.from({ length: customers }, (_, c) => [`c${c}${tag}`, `B${c % bus}${tag}`] as const);
  expect((await upload('customers', customersCsv(ids))).status).toBe('completed');
  let s = seed;
  const rows: string[][] = [['customer_id', 'month', 'revenue']];
  for (let m = 0; m < months; m++) {
    for (const [id] of ids) {
      s = (s * 48_271) % 2_147_483_647;
      rows.push([
        id,
        `20${22 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
        `${(s % 1_000_000) / 100}`,
      ]);
    }
  }
  return {
    tag,
    file: csv(rows),
    inWorld: (bu: string) => bu.endsWith(tag),
    plain: (l: string[]) => l.map((x) => x.replaceAll(tag, '')).sort(),
  };
}

/** A byte stream that fails after `limit` bytes, like a connection cut mid-file. */
function cutAfter(text: string, limit: number): Readable {
  const buf = Buffer.from(text);
  let at = 0;
  return new Readable({
    read() {
      if (at >= limit) {
        this.destroy(new Error('injected: connection reset'));
        return;
      }
      this.push(buf.subarray(at, Math.min(limit, at + 16_384)));
      at += 16_384;
    },
  });
}

describe('faults: throttling, partial batch results, lost responses, crashes', () => {
  it('loses and doubles no row with 20% of DynamoDB calls failing', async () => {
    const clean = await world(300, 6, 12, 7);
    expect((await upload('revenue', clean.file)).status).toBe('completed');
    const expected = clean.plain(await revenueRows(clean.inWorld));
    expect(expected).toHaveLength(3600);

    const faulty = await world(300, 6, 12, 7);
    faults.rate = 0.2;
    faults.forcePartial = true;
    const r = await upload('revenue', faulty.file);
    faults.rate = 0;
    expect(r).toMatchObject({ status: 'completed', rowsAccepted: 3600 });
    expect(faulty.plain(await revenueRows(faulty.inWorld))).toEqual(expected);
    expect(faults.injected.throttledBefore + faults.injected.lostResponse).toBeGreaterThan(10);
    expect(faults.injected.partial).toBeGreaterThan(0);
  });

  it('applies JSON batches exactly once under the same faults', async () => {
    const w = await world(20, 2, 1, 3);
    const records = Array.from({ length: 300 }, (_, i) => ({
      contact_id: `k${i}${w.tag}`,
      customer_id: `c${i % 20}${w.tag}`,
      channel: 'chat',
      created_at: `2024-0${1 + (i % 6)}-10T10:00:00Z`,
    }));
    await ingestBatch('contacts', records, 't', `clean${w.tag}`);
    const expected = await currentRows('contacts', w.inWorld);
    faults.rate = 0.2;
    const r = await ingestBatch('contacts', records, 't', `faulty${w.tag}`);
    faults.rate = 0;
    expect(r.recordsAccepted).toBe(300);
    expect(await currentRows('contacts', w.inWorld)).toEqual(expected);
  });

  it('a processor killed mid-file and retried with the same upload id gives identical totals', async () => {
    const w = await world(14_000, 1, 4, 11);
    const expectedLines = w.file.trimEnd().split('\n').length - 1;
    const uploadId = `killed${w.tag}`;
    await expect(
      upload('revenue', w.file, { uploadId, body: cutAfter(w.file, Math.floor(w.file.length * 0.95)) }),
    ).rejects.toThrow(/could not be read: injected: connection reset/);
    // Blocks were written while streaming, but nothing is current yet.
    expect(await revenueRows(w.inWorld)).toEqual([]);
    const written = await dynamo.queryAll({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :u)',
      ExpressionAttributeValues: { ':p': `FACT#revenue#B0${w.tag}#2022-01`, ':u': `${uploadId}#` },
    });
    expect(written.length).toBeGreaterThan(0);
    expect((await uploads.getUpload(uploadId))?.status).toBe('processing');

    const retried = await upload('revenue', w.file, { uploadId });
    expect(retried).toMatchObject({ status: 'completed', rowsAccepted: expectedLines });
    const rows = await revenueRows(w.inWorld);
    expect(rows).toHaveLength(expectedLines);
    expect(new Set(rows).size).toBe(expectedLines);
  });

  it.each([
    ['while writing blocks', 'BatchWriteItemCommand', 1],
    ['while moving scope pointers', 'UpdateItemCommand', 4],
  ])(
    'a processor that dies %s and is retried gives the same rows as a clean run',
    async (_when, command, after) => {
      const clean = await world(200, 8, 8, 5);
      expect((await upload('revenue', clean.file)).status).toBe('completed');
      const expected = clean.plain(await revenueRows(clean.inWorld));

      const w = await world(200, 8, 8, 5);
      const uploadId = `dies${w.tag}`;
      faults.failAfter = { command, after, seen: 0 };
      await expect(upload('revenue', w.file, { uploadId })).rejects.toThrow(/the processor dies here/);
      faults.failAfter = null;
      faults.rate = 0.2;
      const r = await upload('revenue', w.file, { uploadId });
      faults.rate = 0;
      expect(r.status).toBe('completed');
      expect(w.plain(await revenueRows(w.inWorld))).toEqual(expected);
    },
  );
});
