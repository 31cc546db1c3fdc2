import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '@cxl/shared/linkage/assumptions';
import { fitHazardModel } from '@cxl/shared/linkage/hazard';
import { buildCustomerMonthPanel } from '@cxl/shared/linkage/panel';
import { projectWhatIf, whatIfBasis, type WhatIfBasis } from '@cxl/shared/linkage/what-if';
import { companyFacts } from '../support/company';
import { api, login, startTestStack } from './support/stack';

// POST /api/what-if against the items recompute phase 2 writes (same builder), without a full demo
// start: the analytics-pending answer (409), no basis yet (404), and the projection read back.
let stack: Awaited<ReturnType<typeof startTestStack>>;
let token: string;
let basis: WhatIfBasis;
const GEN = 'gen-what-if-2';

async function put(items: Record<string, unknown>[]) {
  const { batchPut } = await import('@cxl/functions/adapters/dynamo');
  await batchPut(items as never);
}

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  token = await login(stack.url, 'cxo@demo.local');
  const { facts } = companyFacts({ seed: 2, scale: 0.1 });
  const panel = buildCustomerMonthPanel(facts);
  basis = whatIfBasis(panel, facts, fitHazardModel(panel), DEFAULT_ASSUMPTIONS, {
    draws: 100,
    seed: 1,
    maxCellsPerGroup: 40,
  });
  const { keys } = await import('@cxl/functions/repositories/keys');
  await put([
    {
      ...keys.metaView(),
      businessUnits: basis.units.map((u) => ({ id: u.bu, name: u.bu })),
      firstMonth: '2023-01',
      lastMonth: '2024-12',
      currency: 'USD',
      dataAsOf: '2025-01-01T00:00:00.000Z',
      definitionVersion: 'metrics-test',
      inputHash: GEN,
      computedAt: '2025-01-02T00:00:00.000Z',
    },
    // Phase 2 has finished only for the previous generation.
    { ...keys.recomputeState(), status: 'idle', inputHash: GEN, analyticsInputHash: 'gen-what-if-1' },
  ]);
}, 600_000);
afterAll(async () => {
  await stack?.close();
});

const body = { bu: 'SMB', levers: { frtChangePct: -30, detractorToPassivePct: 40, fcrChangePts: 4 } };

describe('POST /api/what-if on materialized analytics', () => {
  it('answers 409 with a retry hint while the analytics for the newest data are computed', async () => {
    const r = await api(stack.url, '/api/what-if', { token, body });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/still being computed; retry/);
  });

  it('answers 404 when the analytics phase finished without a basis', async () => {
    const { keys } = await import('@cxl/functions/repositories/keys');
    await put([{ ...keys.recomputeState(), status: 'idle', inputHash: GEN, analyticsInputHash: GEN }]);
    const r = await api(stack.url, '/api/what-if', { token, body });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/No what-if basis yet/);
  });

  it('projects from the stored basis exactly as the pure function does, with the stamp', async () => {
    const { whatIfItems } = await import('@cxl/functions/recompute/model-views');
    const stamp = {
      definitionVersion: 'metrics-test',
      inputHash: GEN,
      computedAt: '2025-01-02T00:00:00.000Z',
      assumptionsVersion: 1,
      draws: 100,
      seed: 1,
    };
    const items = whatIfItems(basis, stamp);
    // Every item stays far below DynamoDB's 400 KB limit.
    for (const i of items) expect(JSON.stringify(i).length).toBeLessThan(350_000);
    await put(items);
    // An item of an older generation is ignored.
    await put([{ ...items[1], inputHash: 'gen-what-if-1', sk: 'CELLS#OLD' }]);
    const r = await api(stack.url, '/api/what-if', { token, body });
    expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(200);
    const want = projectWhatIf(basis, body.levers, 'SMB');
    expect(r.body.customers).toBe(want.customers);
    for (const k of ['churnersChange', 'revenue12Change', 'copeChange'] as const) {
      for (const q of ['point', 'p10', 'p50', 'p90'] as const) {
        // Stored at 8 significant digits.
        expect(Math.abs(r.body[k][q] - want[k][q])).toBeLessThanOrEqual(1e-5 * Math.abs(want[k][q]) + 1e-6);
      }
    }
    expect(r.body).toMatchObject({
      definitionVersion: 'metrics-test',
      inputHash: GEN,
      assumptionsVersion: 1,
      seed: 1,
      draws: 100,
      evidenceClass: 'model-based',
    });
  });
});
