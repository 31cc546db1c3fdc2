import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, DEMO_TOUCHPOINTS } from './support/registers-fixtures';
import { api, login, startTestStack } from './support/stack';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const t: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  for (const who of ['finance', 'cx', 'admin', 'cfo']) t[who] = await login(stack.url, `${who}@demo.local`);
});
afterAll(async () => {
  await stack?.close();
});

const { version: _v, updatedBy: _b, updatedAt: _a, ...editable } = DEFAULT_ASSUMPTIONS;

describe('assumptions register', () => {
  it('starts from the documented defaults as version 1', async () => {
    const r = await api(stack.url, '/api/assumptions', { token: t.cfo });
    expect(r.body.current).toMatchObject({
      version: 1,
      grossMargin: { ENT: 0.75, SMB: 0.8, CON: 0.6 },
      clvHorizonMonths: 60,
    });
    expect(r.body.versions).toEqual([
      { version: 1, updatedBy: 'system-default', updatedAt: DEFAULT_ASSUMPTIONS.updatedAt },
    ]);
  });

  it('lets finance save a new version, keeps the old one and refuses a stale edit with 409', async () => {
    const body = { ...editable, grossMargin: { ...editable.grossMargin, SMB: 0.78 }, expectedVersion: 1 };
    const saved = await api(stack.url, '/api/assumptions', { token: t.finance, method: 'PUT', body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 2,
      updatedBy: 'finance@demo.local',
      grossMargin: { SMB: 0.78 },
    });
    const stale = await api(stack.url, '/api/assumptions', { token: t.finance, method: 'PUT', body });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/version 2/);
    const list = await api(stack.url, '/api/assumptions', { token: t.cfo });
    expect(list.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuses edits by executives and CX managers, and invalid values with details', async () => {
    const body = { ...editable, expectedVersion: 2 };
    expect((await api(stack.url, '/api/assumptions', { token: t.cfo, method: 'PUT', body })).status).toBe(
      403,
    );
    expect((await api(stack.url, '/api/assumptions', { token: t.cx, method: 'PUT', body })).status).toBe(403);
    const bad = await api(stack.url, '/api/assumptions', {
      token: t.finance,
      method: 'PUT',
      body: { ...body, annualDiscountRate: 7, grossMargin: { ENT: 1.5 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'annualDiscountRate',
      'grossMargin.ENT',
    ]);
  });
});

describe('initiatives and touchpoints', () => {
  it('lets a CX manager create, edit and delete an initiative; executives only read', async () => {
    const input = {
      name: 'Chat bot deflection',
      bu: 'con',
      goLiveMonth: '2024-06',
      costOneOff: 50000,
      costMonthly: 2000,
    };
    expect((await api(stack.url, '/api/initiatives', { token: t.cfo, body: input })).status).toBe(403);
    const created = await api(stack.url, '/api/initiatives', { token: t.cx, body: input });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ bu: 'CON', createdBy: 'cx@demo.local' });
    const id = created.body.id as string;
    const edited = await api(stack.url, `/api/initiatives/${id}`, {
      token: t.cx,
      method: 'PUT',
      body: { ...input, costMonthly: 2500 },
    });
    expect(edited.body).toMatchObject({ id, costMonthly: 2500, createdAt: created.body.createdAt });
    const list = await api(stack.url, '/api/initiatives', { token: t.cfo });
    expect(list.body.initiatives).toHaveLength(1);
    expect((await api(stack.url, `/api/initiatives/${id}`, { token: t.cx, method: 'DELETE' })).status).toBe(
      200,
    );
    expect((await api(stack.url, `/api/initiatives/${id}`, { token: t.cx, method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it('keeps a touchpoint inventory and ranks flagged touchpoints in the matrix action list', async () => {
    for (const tp of DEMO_TOUCHPOINTS.slice(0, 6)) {
      const { touchpointId: _id, ...body } = tp;
      expect((await api(stack.url, '/api/touchpoints', { token: t.cx, body })).status).toBe(201);
    }
    const { touchpointId: _id, ...one } =
      DEMO_TOUCHPOINTS[0] ??
      (() => {
        throw new Error('no demo touchpoints');
      })();
    expect((await api(stack.url, '/api/touchpoints', { token: t.finance, body: one })).status).toBe(403);
    const list = await api(stack.url, '/api/touchpoints', { token: t.cfo });
    expect(list.body.touchpoints).toHaveLength(6);
    const m = await api(stack.url, '/api/touchpoints/matrix', { token: t.cfo });
    expect(m.body.points).toHaveLength(6);
    for (const a of m.body.actions as { priorityFlag: boolean; priorityScore: number }[])
      expect(a.priorityFlag).toBe(true);
    const scores = (m.body.actions as { priorityScore: number }[]).map((a) => a.priorityScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
