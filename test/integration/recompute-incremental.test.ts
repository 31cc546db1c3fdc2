import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthRange } from '@cxl/shared/month';
import { startTestDynamo } from './support/dynamo';

let env: Awaited<ReturnType<typeof startTestDynamo>>;
let ingest: typeof import('../../local/src/ingest-file').ingestFile;
let run: typeof import('@cxl/functions/recompute/run');
let views: typeof import('@cxl/functions/repositories/views');
let dynamo: typeof import('@cxl/functions/adapters/dynamo');

const MONTHS = monthRange('2023-01', '2024-06');
const ENT = ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08'];
const SMB = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06'];
const customersText = (rows: readonly string[]) => `customer_id,bu,start_month\n${rows.join('\n')}\n`;
const CLEAN = customersText([...ENT.map((c) => `${c},ENT,2023-01`), ...SMB.map((c) => `${c},SMB,2023-01`)]);

async function load(kind: Parameters<typeof ingest>[1], name: string, text: string) {
  const p = join(env.dataDir, name);
  await writeFile(p, text);
  const r = await ingest(env.dataDir, kind, p, 'test');
  expect(r.status, JSON.stringify(r)).toBe('completed');
  return r;
}

/** Every metric view item of the published generation: `pk|sk` → points and computedAt. */
async function metricItems(): Promise<Map<string, { points: unknown; computedAt: string }>> {
  const gen = await views.getMetricsGeneration();
  const out = new Map<string, { points: unknown; computedAt: string }>();
  for (const bu of ['ALL', 'ENT', 'SMB']) {
    for (const grain of ['month', 'quarter', 'year']) {
      for (const i of await dynamo.queryPartition(`VIEW#metrics#${bu}#${grain}`)) {
        expect(views.isCurrentMetricItem(i, gen), `${i.pk} ${i.sk}`).toBe(true);
        out.set(`${i.pk}|${i.sk}`, { points: i.points, computedAt: String(i.computedAt) });
      }
    }
  }
  return out;
}
const pointsOf = (m: Map<string, { points: unknown }>) => new Map([...m].map(([k, v]) => [k, v.points]));

beforeAll(async () => {
  env = await startTestDynamo();
  ingest = (await import('../../local/src/ingest-file')).ingestFile;
  run = await import('@cxl/functions/recompute/run');
  views = await import('@cxl/functions/repositories/views');
  dynamo = await import('@cxl/functions/adapters/dynamo');
  await load('customers', 'customers.csv', CLEAN);
  const rev = [...ENT, ...SMB].flatMap((c, i) =>
    MONTHS.map((m, j) => `${c},${m},${(100 + i * 10 + (j % 5) * 3).toFixed(2)}`),
  );
  await load('revenue', 'revenue.csv', `customer_id,month,revenue\n${rev.join('\n')}\n`);
  const rel = [...ENT, ...SMB].flatMap((c, i) =>
    MONTHS.filter((_, j) => (i + j) % 3 === 0).map(
      (m, j) => `${c}-${m},${c},${m}-15T10:00:00Z,${(i * 3 + j) % 11}`,
    ),
  );
  await load(
    'survey-relationship',
    'rel.csv',
    `response_id,customer_id,responded_at,ltr\n${rel.join('\n')}\n`,
  );
  await load('churn-events', 'churn.csv', 'customer_id,churn_month\nE08,2023-10\nS06,2024-02\n');
  await run.runRecompute({ force: true, analytics: false });
}, 120_000);
afterAll(async () => {
  await env.stop();
});

describe('recompute after an accepted correction', () => {
  it('rebuilds only the items whose points changed, and the result equals a full recompute', async () => {
    const before = await metricItems();
    // Finance corrects SMB's revenue of 2024-02 (one BU-month scope).
    const fixed = SMB.map((c, i) => `${c},2024-02,${(500 + i).toFixed(2)}`);
    await load(
      'revenue',
      'revenue-fix.csv',
      `customer_id,month,revenue,bu\n${fixed.map((r) => `${r},SMB`).join('\n')}\n`,
    );
    const state = await run.runRecompute({ analytics: false });
    expect(state).toMatchObject({ status: 'idle', mode: 'incremental' });
    const after = await metricItems();
    const rewritten = [...after]
      .filter(([k, v]) => v.computedAt !== before.get(k)?.computedAt)
      .map(([k]) => k);
    expect(state.metricItemsRewritten).toBe(rewritten.length);
    expect(rewritten.length).toBeGreaterThan(0);
    // Only SMB's and ALL's revenue-based series can change; ENT's are untouched, byte for byte.
    for (const k of rewritten)
      expect(k).toMatch(/^VIEW#metrics#(SMB|ALL)#\w+\|(revenue|arpu|grr|nrr|grr_1m|nrr_1m)$/);
    for (const [k, v] of after) if (k.startsWith('VIEW#metrics#ENT#')) expect(v).toEqual(before.get(k));
    expect(after.get('VIEW#metrics#SMB#month|nps')).toEqual(before.get('VIEW#metrics#SMB#month|nps'));

    // Between writing an item and publishing, readers still get the published points (no gap).
    const [firstKey] = rewritten;
    const [pk, sk] = (firstKey ?? '').split('|') as [string, string];
    const stored: Record<string, unknown> = (await dynamo.queryPartition(pk)).find((i) => i.sk === sk) ?? {};
    const beforeGen = { computedAt: before.get(firstKey ?? '')?.computedAt ?? '' };
    expect(views.currentMetricItem(stored, beforeGen)?.points).toEqual(before.get(firstKey ?? '')?.points);
    expect(views.currentMetricItem(stored, { computedAt: '0000' })).toBeNull();

    const full = await run.runRecompute({ force: true, analytics: false });
    expect(full.mode).toBe('full');
    expect(pointsOf(await metricItems())).toEqual(pointsOf(after));
  });

  it('counts a customer moved by a corrected customers file once, exactly like a clean load', async () => {
    // The correction names only E03, now in SMB from 2023-03: the ENT#2023-01 scope keeps its old row.
    await load('customers', 'customers-fix.csv', customersText(['E03,SMB,2023-03']));
    const moved = await run.runRecompute({ analytics: false });
    const afterMove = await metricItems();
    const { loadCurrentCustomers } = await import('@cxl/functions/repositories/facts');
    const current = await loadCurrentCustomers();
    expect(current.moved).toBe(1);
    expect(current.rows.filter((c) => c.customerId === 'E03')).toEqual([
      expect.objectContaining({ bu: 'SMB', startMonth: '2023-03' }),
    ]);
    const customersAt = (m: Map<string, { points: unknown }>, bu: string, period: string) =>
      (m.get(`VIEW#metrics#${bu}#month|customers`)?.points as { period: string; value: number }[]).find(
        (p) => p.period === period,
      )?.value;
    // 14 customers, E08 churned in 2023-10: 13 active, E03 counted once (in SMB, not also in ENT).
    expect(customersAt(afterMove, 'ALL', '2024-01')).toBe(13);
    expect(customersAt(afterMove, 'ENT', '2024-01')).toBe(6);
    expect(customersAt(afterMove, 'SMB', '2024-01')).toBe(7);
    expect(customersAt(afterMove, 'SMB', '2023-02')).toBe(6);
    expect(moved.mode).toBe('incremental');

    // A clean load: one file with every customer where they now belong supersedes all three scopes.
    const clean = customersText([
      ...ENT.filter((c) => c !== 'E03').map((c) => `${c},ENT,2023-01`),
      'E03,SMB,2023-03',
      ...SMB.map((c) => `${c},SMB,2023-01`),
    ]);
    await load('customers', 'customers-clean.csv', clean);
    expect((await loadCurrentCustomers()).moved).toBe(0);
    await run.runRecompute({ force: true, analytics: false });
    expect(pointsOf(await metricItems())).toEqual(pointsOf(afterMove));
  });
});
