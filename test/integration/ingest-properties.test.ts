import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDynamo } from './support/dynamo';
import { csv } from '../unit/ingest/support/fixtures';
import { currentRows, customersCsv, revenueRows, upload } from '../unit/ingest/support/harness';

let env: Awaited<ReturnType<typeof startTestDynamo>>;
let facts: typeof import('@cxl/functions/repositories/facts');
let keys: typeof import('@cxl/functions/repositories/keys');
let ingestBatch: typeof import('@cxl/functions/ingest/batch').ingestBatch;

beforeAll(async () => {
  env = await startTestDynamo();
  facts = await import('@cxl/functions/repositories/facts');
  keys = await import('@cxl/functions/repositories/keys');
  ({ ingestBatch } = await import('@cxl/functions/ingest/batch'));
});
afterAll(async () => {
  await env.stop();
});

const RUNS = { numRuns: 20 };
const MONTHS = ['2023-11', '2023-12', '2024-01', '2024-02'];

/** Each run lives in its own world: business units and customer ids carry the world number. */
let worldNo = 0;
interface World {
  tag: string;
  bu: (b: number) => string;
  customer: (c: number) => string;
  inWorld: (bu: string) => boolean;
  /** Lines with the world's tag removed, to compare two worlds. */
  plain: (lines: string[]) => string[];
}
async function newWorld(customers = 6): Promise<World> {
  const tag = `W${++worldNo}X`;
  const w: World = {
    tag,
    bu: (b) => `B${b}${tag}`,
    customer: (c) => `c${c}${tag}`,
    inWorld: (bu) => bu.endsWith(tag),
    plain: (lines) => lines.map((l) => l.replaceAll(tag, '')).sort(),
  };
  const list = Array.from({ length: customers }, (_, c) => [w.customer(c), w.bu(c % 2)] as const);
  expect((await upload('customers', customersCsv(list))).status).toBe('completed');
  return w;
}

interface RevRow {
  c: number;
  m: number;
  cents: number;
}
const revRows = (minLength = 1) =>
  fc.uniqueArray(
    fc.record({
      c: fc.integer({ min: 0, max: 5 }),
      m: fc.integer({ min: 0, max: 3 }),
      cents: fc.integer({ min: -1e6, max: 1e8 }),
    }),
    { minLength, maxLength: 24, selector: (r) => `${r.c}|${r.m}` },
  );

const money = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

function revenueFile(w: World, rows: readonly RevRow[], delimiter = ','): string {
  return csv(
    [
      ['customer_id', 'month', 'revenue'],
      ...rows.map((r) => [w.customer(r.c), MONTHS[r.m] ?? '', money(r.cents)]),
    ],
    delimiter,
  );
}

describe('properties of uploads (fast-check)', () => {
  it('uploading a file twice equals uploading it once', async () => {
    await fc.assert(
      fc.asyncProperty(
        revRows(),
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 3 }),
        async (rows, d, chunks) => {
          const w = await newWorld();
          const text = revenueFile(w, rows, d);
          const first = await upload('revenue', text);
          expect(first.status).toBe('completed');
          const once = await revenueRows(w.inWorld);
          expect(once).toHaveLength(rows.length);
          const again = await upload('revenue', text, { chunks });
          expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first.uploadId });
          expect(await revenueRows(w.inWorld)).toEqual(once);
        },
      ),
      RUNS,
    );
  });

  it('superseding and then restoring returns exactly the prior rows and totals', async () => {
    await fc.assert(
      fc.asyncProperty(
        revRows(2),
        fc.integer({ min: 1, max: 1e6 }),
        fc.infiniteStream(fc.boolean()),
        async (rows, bump, pick) => {
          const w = await newWorld();
          const a = await upload('revenue', revenueFile(w, rows));
          expect(a.status).toBe('completed');
          const before = await revenueRows(w.inWorld);
          // A correction of some of A's scopes (a non-empty subset), with different amounts.
          const scopes = [...new Set(rows.map((r) => `${r.c % 2}|${r.m}`))];
          const chosen = new Set(scopes.filter((s, i) => i === 0 || pick.next().value));
          const correction = rows
            .filter((r) => chosen.has(`${r.c % 2}|${r.m}`))
            .map((r) => ({ ...r, cents: r.cents + bump }));
          const b = await upload('revenue', revenueFile(w, correction));
          expect(b.status).toBe('completed');
          expect(b.supersedes).toEqual([a.uploadId]);
          expect(await revenueRows(w.inWorld)).not.toEqual(before);
          const now = new Date().toISOString();
          for (const s of a.scope)
            await facts.pointScope('revenue', keys.scopeKey(s.bu, s.month), a.uploadId, now);
          expect(await revenueRows(w.inWorld)).toEqual(before);
        },
      ),
      RUNS,
    );
  });

  it('splitting a revenue file by scope into parts, uploaded in any order, gives the same totals as one file', async () => {
    await fc.assert(
      fc.asyncProperty(
        revRows(),
        fc.integer({ min: 1, max: 4 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 3 })),
        async (rows, parts, draw) => {
          const whole = await newWorld();
          expect((await upload('revenue', revenueFile(whole, rows))).status).toBe('completed');
          const split = await newWorld();
          const partOf = new Map<string, number>();
          for (const r of rows) {
            const scope = `${r.c % 2}|${r.m}`;
            if (!partOf.has(scope)) partOf.set(scope, draw.next().value % parts);
          }
          const files = Array.from({ length: parts }, (_, p) =>
            rows.filter((r) => partOf.get(`${r.c % 2}|${r.m}`) === p),
          );
          const order = files.map((f, i) => ({ f, k: draw.next().value * 10 + i })).sort((x, y) => x.k - y.k);
          for (const { f } of order)
            if (f.length > 0)
              expect((await upload('revenue', revenueFile(split, f))).status).toBe('completed');
          expect(split.plain(await revenueRows(split.inWorld))).toEqual(
            whole.plain(await revenueRows(whole.inWorld)),
          );
        },
      ),
      RUNS,
    );
  });

  it('JSON batches re-sent with the same records give the same rows and totals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            id: fc.integer({ min: 0, max: 40 }),
            c: fc.integer({ min: 0, max: 5 }),
            day: fc.integer({ min: 1, max: 28 }),
            ltr: fc.integer({ min: 0, max: 10 }),
          }),
          {
            minLength: 1,
            maxLength: 20,
            selector: (r) => r.id,
          },
        ),
        fc.integer({ min: 1, max: 4 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 2 })),
        async (responses, batches, draw) => {
          const w = await newWorld();
          const records = responses.map((r) => ({
            response_id: `r${r.id}${w.tag}`,
            customerId: w.customer(r.c),
            responded_at: `2024-03-${String(r.day).padStart(2, '0')}T12:00:00Z`,
            ltr: r.ltr,
          }));
          const groups = Array.from({ length: batches }, (_, b) =>
            records.filter((_r, i) => i % batches === b),
          );
          for (const [b, g] of groups.entries())
            if (g.length > 0) await ingestBatch('survey-relationship', g, 't', `b${b}${w.tag}`);
          const once = await currentRows('survey-relationship', w.inWorld);
          expect(once).toHaveLength(records.length);
          // Re-send: each batch again under its own id, a new id, or not at all; in reverse order.
          for (const [b, g] of [...groups.entries()].reverse()) {
            const how = draw.next().value;
            if (g.length === 0 || how === 2) continue;
            await ingestBatch(
              'survey-relationship',
              g,
              't',
              how === 0 ? `b${b}${w.tag}` : `again${b}${w.tag}`,
            );
          }
          expect(await currentRows('survey-relationship', w.inWorld)).toEqual(once);
        },
      ),
      RUNS,
    );
  });
});
