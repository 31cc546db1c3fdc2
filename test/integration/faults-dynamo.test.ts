/**
 * DynamoDB faults beyond ingestion, through the real local host holding a small synthetic company
 * (seed 7, scale 0.02): 20% of calls throttled (before the request, or after it was applied — a lost
 * response the SDK retries) and partial BatchWriteItem results, on every read endpoint and on a full
 * recompute; and a recompute killed mid-way, then rerun. Each run must end in the same numbers as a
 * clean run, or in a clear error — never in different numbers.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from './support/stack';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let token: string;
let runRecompute: typeof import('@cxl/functions/recompute/run').runRecompute;

const faults = {
  rate: 0,
  seed: 3,
  injected: { throttledBefore: 0, lostResponse: 0, partial: 0, killed: 0 },
  /** Calls of `command` fail for good after `after` of them: the function dies there. */
  kill: null as { command: string; after: number; seen: number } | null,
};
function rand(): number {
  faults.seed = (faults.seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return faults.seed / 2_147_483_648;
}
const throttle = () =>
  Object.assign(new Error('injected: rate exceeded'), {
    name: rand() < 0.5 ? 'ProvisionedThroughputExceededException' : 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });

type AnyArgs = { input: Record<string, unknown> };
type AnyOut = { output: Record<string, unknown> };

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  const dynamo = await import('@cxl/functions/adapters/dynamo');
  ({ runRecompute } = await import('@cxl/functions/recompute/run'));
  const { generateToDir } = await import('../../local/src/generate');
  const { ingestFile } = await import('../../local/src/ingest-file');
  const { DEMO_FILES } = await import('../../local/src/seed');
  const { putSettings } = await import('@cxl/functions/repositories/settings');
  const dir = join(stack.dataDir, 'company');
  await generateToDir(dir, { seed: 7, scale: 0.02 });
  await putSettings({ reportingCurrency: 'USD', timeZone: 'UTC', locale: 'en', businessUnitNames: {} });
  for (const [kind, file] of DEMO_FILES) {
    const r = await ingestFile(stack.dataDir, kind, join(dir, file), 'faults');
    expect(r.status, `${kind}: ${r.message ?? ''}`).toBe('completed');
  }
  await runRecompute({ force: true });
  const login = await fetch(`${stack.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.local', password: 'demo' }),
  });
  token = ((await login.json()) as { token: string }).token;

  // The SDK's own retry policy (8 attempts) with millisecond delays instead of its throttling backoff.
  const retryToken = (n: number) => ({ getRetryCount: () => n, getRetryDelay: () => 1 + n });
  const fastRetries = {
    acquireInitialRetryToken: () => Promise.resolve(retryToken(0)),
    refreshRetryTokenForRetry: (t: { getRetryCount(): number }, info: { errorType: string }) =>
      t.getRetryCount() + 1 < 8 && info.errorType !== 'CLIENT_ERROR'
        ? Promise.resolve(retryToken(t.getRetryCount() + 1))
        : Promise.reject(new Error('no more retries')),
    recordSuccess: () => undefined,
  };
  (dynamo.ddbClient.config as { retryStrategy: () => Promise<unknown> }).retryStrategy = () =>
    Promise.resolve(fastRetries);
  const mw = dynamo.ddbClient.middlewareStack;
  mw.add(
    (next, context) => async (args) => {
      const k = faults.kill;
      if (k && context.commandName === k.command && ++k.seen > k.after) {
        faults.injected.killed++;
        throw Object.assign(new Error('injected: the function dies here'), { name: 'InjectedCrash' });
      }
      const input = (args as AnyArgs).input;
      const items = (input.RequestItems as Record<string, unknown[]> | undefined)?.[dynamo.TABLE];
      if (
        context.commandName === 'BatchWriteItemCommand' &&
        items &&
        items.length > 1 &&
        rand() < faults.rate
      ) {
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
    { step: 'serialize', priority: 'high', name: 'faultsPartialAndKill' },
  );
  mw.add(
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
    { step: 'deserialize', priority: 'high', name: 'faultsThrottling' },
  );
});
afterEach(() => {
  faults.rate = 0;
  faults.kill = null;
});
afterAll(async () => {
  await stack?.close();
});

/** Read endpoints over the materialized views (and the registers), with a few query variants. */
const READS = [
  '/api/meta',
  '/api/metrics?bu=ALL&grain=month',
  '/api/metrics?bu=SMB&grain=quarter&metric=nps,csat,churn',
  '/api/linkage',
  '/api/drivers',
  '/api/revenue-at-risk',
  '/api/cope',
  '/api/churn-model',
  '/api/periods',
  '/api/assumptions',
  '/api/initiatives',
  '/api/touchpoints',
  '/api/touchpoints/matrix',
  '/api/uploads',
];

async function get(path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}
/** Bodies of every read, without the generation stamps a recompute renews. */
const STAMPS = new Set([
  'computedAt',
  'metricsComputedAt',
  'dataAsOf',
  'startedAt',
  'finishedAt',
  'updatedAt',
]);
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => !STAMPS.has(k))
        .map(([k, x]) => [k, strip(x)]),
    );
  return v;
}
async function snapshot(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const p of READS) {
    const r = await get(p);
    expect(r.status, `${p}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
    out[p] = strip(r.body);
  }
  return out;
}

describe('faults: DynamoDB throttling and partial results on reads and recompute; a killed recompute', () => {
  it('answers every read under 20% throttling with the same body, or a clear retryable error', async () => {
    const clean = await snapshot();
    faults.rate = 0.2;
    let same = 0;
    for (let round = 0; round < 3; round++) {
      for (const p of READS) {
        const r = await get(p);
        if (r.status === 200) {
          expect(strip(r.body), p).toEqual(clean[p]);
          same++;
        } else {
          // Never a wrong number; a failure says so and says to try again.
          expect([500, 503], p).toContain(r.status);
          expect(r.body.error.message).toMatch(/try again/i);
        }
      }
    }
    faults.rate = 0;
    expect(same).toBeGreaterThan(READS.length * 3 * 0.9);
    expect(faults.injected.throttledBefore + faults.injected.lostResponse).toBeGreaterThan(20);
  });

  it('a full recompute under 20% throttling and partial batch results gives identical views', async () => {
    const clean = await snapshot();
    faults.rate = 0.2;
    const partialBefore = faults.injected.partial;
    let outcome: string;
    try {
      await runRecompute({ force: true });
      outcome = 'completed';
    } catch (e) {
      outcome = e instanceof Error ? e.message : String(e);
    }
    faults.rate = 0;
    if (outcome !== 'completed') {
      // A recompute that gave up leaves the previous generation published, and a rerun completes.
      expect(await snapshot()).toEqual(clean);
      await runRecompute({ force: true });
    }
    expect(await snapshot()).toEqual(clean);
    expect(faults.injected.partial).toBeGreaterThan(partialBefore);
  });

  it.each([
    ['while writing views', 'BatchWriteItemCommand', 3],
    ['while publishing', 'PutItemCommand', 2],
  ])('a recompute killed %s, then rerun, gives identical views', async (_when, command, after) => {
    const clean = await snapshot();
    faults.kill = { command, after, seen: 0 };
    await expect(runRecompute({ force: true })).rejects.toThrow(/dies here/);
    faults.kill = null;
    // Readers still see one complete generation (the previous one) while nothing has rerun.
    const between = await snapshot();
    expect(between['/api/metrics?bu=ALL&grain=month']).toEqual(clean['/api/metrics?bu=ALL&grain=month']);
    expect(between['/api/meta']).toEqual(clean['/api/meta']);
    await runRecompute({ force: true });
    expect(await snapshot()).toEqual(clean);
    const status = await get('/api/recompute/status');
    expect(status.body.upToDate).toBe(true);
  });
});
