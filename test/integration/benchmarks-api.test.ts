import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestStack } from './support/stack';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'on', DEMO_SEED: '42' });
  for (const who of ['cfo', 'cx', 'finance', 'admin'])
    tokens[who] = await login(stack.url, `${who}@demo.local`);
}, 900_000);
afterAll(async () => {
  await stack?.close();
});

interface Unit {
  bu: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  status: string;
  vsBenchmark: { reference: number; gap: number; clears: string } | null;
  vsTarget: { reference: number; gap: number; clears: string; target: { bu: string; value: number } } | null;
  vsPrevious: { period: string; value: number; change: number; test: string | null; p: number | null } | null;
  rank: { position: number; of: number } | null;
}

describe('GET /api/benchmarks with the demo company', () => {
  it('lists the benchmark rows with source, year and grade (C/D unverified) for any signed-in user', async () => {
    const r = await api(stack.url, '/api/benchmarks', { token: tokens.cfo });
    expect(r.status).toBe(200);
    expect(r.body.rows).toHaveLength(128);
    expect(r.body.comparison).toBeNull();
    expect(r.body.evidenceClass).toBe('external-benchmark');
    const nrr = r.body.rows.find((x: { id: string }) => x.id === 'nrr_acv_lt12k');
    expect(nrr).toMatchObject({ source: expect.any(String), year: 2023, grade: 'C', unverified: true });
    const retail = await api(stack.url, '/api/benchmarks?industry=retail', { token: tokens.cfo });
    expect(retail.body.rows.length).toBeGreaterThan(0);
    expect(retail.body.rows.every((x: { industry: string }) => /retail/i.test(x.industry))).toBe(true);
  });

  it('compares each BU’s quarterly churn with the benchmark, the seeded target, the previous quarter and the other BUs', async () => {
    const r = await api(
      stack.url,
      '/api/benchmarks?metric=churn&period=2024-Q4&industry=B2C%20subscription',
      {
        token: tokens.cfo,
      },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const c = r.body.comparison;
    expect(c).toMatchObject({ metric: 'churn', period: '2024-Q4', grain: 'quarter', direction: 'lower' });
    expect(c.benchmark).toMatchObject({ id: 'churn_sub_b2c_2019', grade: 'B' });
    expect(c.benchmark.comparableValue).toBeCloseTo(100 * (1 - (1 - 0.0681) ** 3), 2);
    expect(r.body.targetsVersion).toBeGreaterThanOrEqual(1);
    const units = c.units as Unit[];
    expect(units.map((u) => u.bu).sort()).toEqual(['ALL', 'CON', 'ENT', 'SMB']);

    // Own values are exactly the metric views' points (n and interval included).
    const m = await api(stack.url, '/api/metrics?bu=ENT&grain=quarter&metric=churn', { token: tokens.cfo });
    const own = m.body.series[0].points.find((p: { period: string }) => p.period === '2024-Q4');
    const prev = m.body.series[0].points.find((p: { period: string }) => p.period === '2024-Q3');
    const ent = units.find((u) => u.bu === 'ENT') as Unit;
    expect(ent).toMatchObject({
      value: own.value,
      low: own.low,
      high: own.high,
      n: own.n,
      status: own.status,
    });
    expect(ent.n).toBeGreaterThan(1000);
    expect(ent.vsBenchmark?.gap).toBeCloseTo(own.value - c.benchmark.comparableValue, 1);
    // ENT churns far less than a B2C subscription business: the whole interval is on the better side.
    expect(ent.vsBenchmark?.clears).toBe('better');
    expect(ent.vsTarget).toMatchObject({ reference: 2, target: { bu: 'ENT', value: 2 } });
    expect(ent.vsPrevious).toMatchObject({ period: '2024-Q3', value: prev.value, test: 'two-proportion z' });
    expect(ent.vsPrevious?.p).toBeGreaterThan(0);
    // Ranks among the three BUs, lower churn first.
    const ranked = units
      .filter((u) => u.bu !== 'ALL')
      .sort((a, b) => (a.rank?.position ?? 0) - (b.rank?.position ?? 0));
    expect(ranked.map((u) => u.value)).toEqual(
      [...ranked.map((u) => u.value)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(units.find((u) => u.bu === 'ALL')?.rank).toBeNull();
  });

  it('narrows to one BU, needs a channel for per-channel metrics and explains bad input with a 400', async () => {
    const one = await api(stack.url, '/api/benchmarks?metric=nps&bu=smb', { token: tokens.cfo });
    expect(one.status).toBe(200);
    expect(one.body.comparison.units.map((u: Unit) => u.bu)).toEqual(['SMB']);
    expect(one.body.comparison.period).toMatch(/^\d{4}-\d{2}$/); // default: the last month of data
    expect(one.body.comparison.units[0].rank.of).toBe(3);

    const aht = await api(stack.url, '/api/benchmarks?metric=aht&period=2024', { token: tokens.cfo });
    expect(aht.status).toBe(400);
    expect(aht.body.error.message).toMatch(/channel/);
    const phone = await api(stack.url, '/api/benchmarks?metric=aht&period=2024&channel=phone', {
      token: tokens.cfo,
    });
    expect(phone.status).toBe(200);
    expect(phone.body.comparison.benchmark.id).toBe('handle_service_uk');

    expect(
      (await api(stack.url, '/api/benchmarks?metric=nps&period=2024-13', { token: tokens.cfo })).status,
    ).toBe(400);
    expect((await api(stack.url, '/api/benchmarks?metric=nps&bu=XYZ', { token: tokens.cfo })).status).toBe(
      400,
    );
    expect((await api(stack.url, '/api/benchmarks?metric=bogus', { token: tokens.cfo })).status).toBe(400);
  });
});

describe('targets register (GET/PUT /api/targets)', () => {
  it('is readable by everyone, writable by CX managers and admins only, versioned with optimistic concurrency', async () => {
    const cur = await api(stack.url, '/api/targets', { token: tokens.cfo });
    expect(cur.status).toBe(200);
    const v = cur.body.current.version as number;
    expect(cur.body.current.targets.length).toBeGreaterThan(0); // the demo seed's targets

    const body = {
      expectedVersion: v,
      targets: [...cur.body.current.targets, { metric: 'nps', bu: 'ENT', grain: 'quarter', value: 45 }],
    };
    expect((await api(stack.url, '/api/targets', { method: 'PUT', token: tokens.cfo, body })).status).toBe(
      403,
    );
    expect(
      (await api(stack.url, '/api/targets', { method: 'PUT', token: tokens.finance, body })).status,
    ).toBe(403);
    const saved = await api(stack.url, '/api/targets', { method: 'PUT', token: tokens.cx, body });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: v + 1, updatedBy: 'cx@demo.local' });
    const stale = await api(stack.url, '/api/targets', { method: 'PUT', token: tokens.admin, body });
    expect(stale.status).toBe(409);

    const dup = await api(stack.url, '/api/targets', {
      method: 'PUT',
      token: tokens.admin,
      body: {
        expectedVersion: v + 1,
        targets: [
          { metric: 'csat', bu: 'ALL', value: 80 },
          { metric: 'csat', bu: 'all', value: 81 },
        ],
      },
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toMatch(/targets\[0\] and targets\[1\]/);

    const history = await api(stack.url, '/api/targets', { token: tokens.cfo });
    expect(history.body.versions.map((x: { version: number }) => x.version)).toEqual([v + 1, v]);
    const nps = await api(stack.url, '/api/benchmarks?metric=nps&period=2024-Q4&bu=ENT', {
      token: tokens.cfo,
    });
    expect(nps.body.targetsVersion).toBe(v + 1);
    expect(nps.body.comparison.units[0].vsTarget.reference).toBe(45);
  });
});
