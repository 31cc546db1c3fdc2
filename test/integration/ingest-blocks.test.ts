import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '@cxl/functions/adapters/dynamo';
import { startTestDynamo } from './support/dynamo';

let env: Awaited<ReturnType<typeof startTestDynamo>>;
let BlockWriter: typeof import('@cxl/functions/ingest/blocks').BlockWriter;
let decodeRows: typeof import('@cxl/functions/repositories/facts').decodeRows;

beforeAll(async () => {
  env = await startTestDynamo();
  ({ BlockWriter } = await import('@cxl/functions/ingest/blocks'));
  ({ decodeRows } = await import('@cxl/functions/repositories/facts'));
});
afterAll(async () => {
  await env.stop();
});

/** A writer whose writes are captured instead of sent. */
function capture(opts: { maxPendingBytes?: number } = {}) {
  const items: Item[] = [];
  const writer = new BlockWriter('contacts', 'u1', {
    ...opts,
    put: (batch) => {
      expect(batch.length).toBeLessThanOrEqual(25);
      items.push(...batch);
      return Promise.resolve();
    },
  });
  /** Decoded rows per scope, in chunk order. */
  const rowsOf = () => {
    const by = new Map<string, { sk: string; rows: unknown[] }[]>();
    for (const i of items) {
      const scope = i.pk.replace('FACT#contacts#', '');
      const rows = decodeRows<unknown>(i.data as Uint8Array);
      expect(rows).toHaveLength(i.rowCount as number);
      expect(rows.length).toBeLessThanOrEqual(2000);
      expect((i.data as Uint8Array).length).toBeLessThan(400_000);
      (by.get(scope) ?? by.set(scope, []).get(scope))?.push({ sk: i.sk, rows });
    }
    return new Map(
      [...by].map(([s, list]) => [s, list.sort((a, b) => (a.sk < b.sk ? -1 : 1)).flatMap((x) => x.rows)]),
    );
  };
  return { writer, items, rowsOf };
}

describe('fact blocks written while streaming', () => {
  it('cuts 2,000-row blocks numbered in row order and keeps every row exactly', async () => {
    const { writer, items, rowsOf } = capture();
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      id: `r${i}`,
      note: i % 7 === 0 ? '引号 "q" \n new line' : null,
    }));
    for (const r of rows) writer.add('A#2024-01', r);
    await writer.finish();
    expect(items.map((i) => [i.sk, i.rowCount])).toEqual([
      ['u1#00000', 2000],
      ['u1#00001', 2000],
      ['u1#00002', 1000],
    ]);
    expect(rowsOf().get('A#2024-01')).toEqual(JSON.parse(JSON.stringify(rows)));
    expect(writer.rowsByScope.get('A#2024-01')).toBe(5000);
  });

  it('splits a block that would pass the item size limit', async () => {
    const { writer, items, rowsOf } = capture();
    const rows = Array.from({ length: 300 }, (_, i) => ({
      id: i,
      blob: randomBytes(1500).toString('base64'),
    }));
    for (const r of rows) writer.add('B#2024-01', r);
    await writer.finish();
    expect(items.length).toBeGreaterThan(1);
    expect(rowsOf().get('B#2024-01')).toEqual(rows);
  });

  it('keeps every row, in order per scope, whatever the interleaving and the memory bound', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.string({ unit: 'grapheme', maxLength: 40 })), {
          maxLength: 3000,
        }),
        fc.integer({ min: 200, max: 50_000 }),
        async (adds, bound) => {
          const { writer, rowsOf } = capture({ maxPendingBytes: bound });
          const expected = new Map<string, unknown[]>();
          adds.forEach(([s, text], i) => {
            const scope = `S${s}#2024-01`;
            const row = { i, text };
            writer.add(scope, row);
            (expected.get(scope) ?? expected.set(scope, []).get(scope))?.push(row);
          });
          await writer.finish();
          expect(rowsOf()).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
