import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroundTruth } from '@cxl/shared/generator/index';
import { api, login, startTestStack } from './support/stack';

interface Point {
  period: string;
  value: number | null;
  n: number;
  status: string;
  reason?: string;
}

let stack: Awaited<ReturnType<typeof startTestStack>>;
let truth: GroundTruth;
let token: string;

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'on', DEMO_SEED: '42' });
  truth = JSON.parse(
    await readFile(join(stack.dataDir, 'demo-company', 'ground_truth.json'), 'utf8'),
  ) as GroundTruth;
  token = await login(stack.url, 'cfo@demo.local');
});
afterAll(async () => {
  await stack?.close();
});

async function series(bu: string, metric: string): Promise<Map<string, Point>> {
  const r = await api(stack.url, `/api/metrics?bu=${bu}&grain=month&metric=${metric}`, { token });
  expect(r.status).toBe(200);
  const s = (r.body.series as { metric: string; points: Point[] }[]).find((x) => x.metric === metric);
  return new Map((s?.points ?? []).map((p) => [p.period, p]));
}

const BUS = ['ENT', 'SMB', 'CON', 'ALL'] as const;

describe('the demo company through the real ingestion path (methods §5.7 T6, T7)', () => {
  it('reproduces logo churn, retention and active customers of the generator ledger exactly', async () => {
    let compared = 0;
    for (const bu of BUS) {
      const churn = await series(bu, 'churn');
      const crr = await series(bu, 'retention');
      const customers = await series(bu, 'customers');
      for (const [month, cell] of Object.entries(truth.E6.ledger[bu] ?? {})) {
        if (cell.logoChurn === null) continue;
        const c = churn.get(month);
        expect(c?.n, `${bu} ${month} S`).toBe(cell.startActive);
        expect(Math.abs((c?.value ?? NaN) / 100 - cell.logoChurn), `${bu} ${month} churn`).toBeLessThan(1e-9);
        expect(
          Math.abs((crr.get(month)?.value ?? NaN) / 100 - (cell.crr ?? NaN)),
          `${bu} ${month} CRR`,
        ).toBeLessThan(1e-9);
        expect(customers.get(month)?.value, `${bu} ${month} E`).toBe(cell.endActive);
        compared++;
      }
    }
    expect(compared).toBe(4 * 23);
  });

  it('reproduces revenue, GRR and NRR (1- and 12-month cohorts) exactly and marks the missing finance month incomplete', async () => {
    let exact = 0;
    let incompleteSeen = 0;
    for (const bu of BUS) {
      const revenue = await series(bu, 'revenue');
      const m = {
        grr1m: await series(bu, 'grr_1m'),
        nrr1m: await series(bu, 'nrr_1m'),
        grr12m: await series(bu, 'grr'),
        nrr12m: await series(bu, 'nrr'),
      };
      for (const [month, cell] of Object.entries(truth.E6.ledger[bu] ?? {})) {
        const rev = revenue.get(month);
        if (cell.revenueIncomplete) {
          expect(rev?.status, `${bu} ${month} revenue`).toBe('incomplete');
          expect(rev?.value).toBeNull();
          incompleteSeen++;
        } else {
          expect(Math.round((rev?.value ?? NaN) * 100), `${bu} ${month} revenue`).toBe(cell.revenueMinor);
        }
        for (const [key, flag] of [
          ['grr1m', 'incomplete1m'],
          ['nrr1m', 'incomplete1m'],
          ['grr12m', 'incomplete12m'],
          ['nrr12m', 'incomplete12m'],
        ] as const) {
          const p = m[key].get(month);
          const want = cell[key];
          if (cell[flag]) {
            expect(p?.status, `${bu} ${month} ${key}`).toBe('incomplete');
          } else if (want === null) {
            expect(p?.value ?? null, `${bu} ${month} ${key}`).toBeNull();
          } else {
            expect(Math.abs((p?.value ?? NaN) / 100 - want), `${bu} ${month} ${key}`).toBeLessThan(1e-9);
            exact++;
          }
        }
      }
    }
    expect(exact).toBeGreaterThan(200);
    expect(incompleteSeen).toBe(2); // CON and ALL in 2024-06
  });

  it('answers the ENT July 2023 survey outage with no data, not 0', async () => {
    const nps = await series('ENT', 'nps');
    expect(nps.get('2023-07')).toMatchObject({
      value: null,
      n: 0,
      status: 'no-data',
      reason: 'NO_RESPONSES',
    });
    expect(nps.get('2023-08')?.status).not.toBe('no-data');
  });

  it('catches every injected survey defect as a row error with its row and column', async () => {
    const { listUploads, getUpload } = await import('@cxl/functions/repositories/uploads');
    const { queryPartition } = await import('@cxl/functions/adapters/dynamo');
    const files: Record<string, 'survey-transactional' | 'survey-relationship'> = {
      'survey-transactional.csv': 'survey-transactional',
      'survey-relationship.csv': 'survey-relationship',
    };
    const rowDefects = truth.E8.manifest.filter(
      (d) =>
        d.file in files && ['out-of-range-value', 'non-integer-ltr', 'duplicate-response'].includes(d.defect),
    );
    expect(rowDefects.length).toBeGreaterThan(100);
    for (const [file, kind] of Object.entries(files)) {
      const [upload] = await listUploads(kind);
      expect(upload?.status).toBe('completed');
      const rec = await getUpload(upload?.uploadId ?? '');
      const errs = (await queryPartition(`UPLOAD#${rec?.uploadId ?? ''}`, 'ERR#')).flatMap(
        (i) => i.errors as { row: number; column: string }[],
      );
      const rows = new Set(errs.map((e) => e.row));
      const expected = rowDefects.filter((d) => d.file === file);
      const missed = expected.filter((d) => !rows.has(d.row ?? -1));
      expect(missed, `${file}: defects not reported`).toEqual([]);
      expect(rec?.rowsRejected).toBe(new Set(expected.map((d) => d.row)).size);
    }
  });

  it('serves loyalty-segment economics: detractors churn more than promoters and are worth less, with intervals', async () => {
    const r = await api(stack.url, '/api/linkage?bu=ALL&window=12', { token });
    expect(r.status).toBe(200);
    const seg = new Map(
      (r.body.segments as { segment: string; churnRate: { value: number }; clv: { p50: number } }[]).map(
        (s) => [s.segment, s],
      ),
    );
    expect([...seg.keys()].sort()).toEqual(['detractor', 'not-surveyed', 'passive', 'promoter']);
    expect(seg.get('detractor')?.churnRate.value).toBeGreaterThan(
      seg.get('promoter')?.churnRate.value ?? Infinity,
    );
    expect(r.body.valueGap.p10).toBeGreaterThan(0);
    expect(r.body.valueGap.p10).toBeLessThanOrEqual(r.body.valueGap.p90);
    expect(r.body).toMatchObject({ evidenceClass: 'model-based', assumptionsVersion: 1, resamples: 500 });
    const bad = await api(stack.url, '/api/linkage?bu=ALL&window=12&asOf=2020-01', { token });
    expect(bad.status).toBe(422);
  });

  it('serves the driver analysis with response time, product availability and agent knowledge on top', async () => {
    const r = await api(stack.url, '/api/drivers?bu=ALL', { token });
    expect(r.status).toBe(200);
    expect([...(r.body.top3 as string[])].sort()).toEqual([
      'attr_agent_knowledge',
      'attr_product_availability',
      'attr_response_time',
    ]);
    const shares = (r.body.drivers as { share: { value: number } }[]).map((d) => d.share.value);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(r.body.n).toBeGreaterThanOrEqual(200);
  });

  it('measures the SMB initiative through the whole stack (T4): the DiD estimate is within 2.6 SE of the twin-run truth', async () => {
    const list = await api(stack.url, '/api/initiatives', { token });
    const smb = (list.body.initiatives as { id: string; bu: string }[]).find((i) => i.bu === 'SMB');
    expect(smb).toBeDefined();
    let r = await api(stack.url, `/api/initiatives/${smb?.id ?? ''}/impact`, { token });
    for (let i = 0; i < 120 && r.status === 409; i++) {
      await new Promise((res) => setTimeout(res, 1_000));
      r = await api(stack.url, `/api/initiatives/${smb?.id ?? ''}/impact`, { token });
    }
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    const tau = r.body.logRateRatio as { value: number; se: number };
    const twin = truth.E4.att.logRateRatio;
    expect(Math.abs(tau.value - twin)).toBeLessThanOrEqual(2.6 * tau.se);
    expect(r.body.preTrendP).toBeGreaterThan(0.01);
    expect(['causal', 'model-based']).toContain(r.body.evidenceClass);
    expect(r.body).toMatchObject({ treatedBu: 'SMB', bootstrap: { requested: 100 } });
  });

  it('serves revenue at risk and the cost of poor experience with P10 ≤ P50 ≤ P90', async () => {
    let rar = await api(stack.url, '/api/revenue-at-risk?bu=ALL', { token });
    for (let i = 0; i < 180 && rar.status === 409; i++) {
      await new Promise((res) => setTimeout(res, 1_000));
      rar = await api(stack.url, '/api/revenue-at-risk?bu=ALL', { token });
    }
    expect(rar.status).toBe(200);
    expect(rar.body.total.p10).toBeLessThanOrEqual(rar.body.total.p50);
    expect(rar.body.total.p50).toBeLessThanOrEqual(rar.body.total.p90);
    expect(rar.body.cxAttributable.p50).toBeGreaterThan(0);
    expect(rar.body.cxAttributable.p50).toBeLessThan(rar.body.total.p50);
    const cope = await api(stack.url, '/api/cope?bu=SMB', { token });
    expect(cope.status).toBe(200);
    expect((cope.body.components as { component: string }[]).map((c) => c.component).sort()).toEqual([
      'churn',
      'compensation',
      'contraction',
      'failure-demand',
    ]);
    const all = await api(stack.url, '/api/cope?bu=ALL', { token });
    expect(all.status).toBe(200);
    // ALL is the sum of the units, component by component; its range comes from summed draws.
    let totalPoint = 0;
    for (const bu of ['ENT', 'SMB', 'CON']) {
      const r = await api(stack.url, `/api/cope?bu=${bu}`, { token });
      totalPoint += r.body.total.point as number;
    }
    expect(all.body.parts).toEqual(['CON', 'ENT', 'SMB']);
    expect(all.body.total.point).toBeCloseTo(totalPoint, 4);
    expect(all.body.total.p10).toBeLessThanOrEqual(all.body.total.p90);
  });

  it('stamps every model-based and linkage figure with assumptions version, definition version, input hash and seed', async () => {
    const smb = (
      (await api(stack.url, '/api/initiatives', { token })).body.initiatives as { id: string; bu: string }[]
    ).find((i) => i.bu === 'SMB');
    const paths = [
      '/api/linkage?bu=ALL',
      '/api/drivers?bu=ALL',
      '/api/churn-model',
      '/api/revenue-at-risk?bu=SMB',
      '/api/cope?bu=ALL',
      '/api/cope?bu=ENT',
      `/api/initiatives/${smb?.id ?? ''}/impact`,
    ];
    const hashes = new Set<string>();
    for (const path of paths) {
      const r = await api(stack.url, path, { token });
      expect(r.status, path).toBe(200);
      expect(r.body.assumptionsVersion, path).toBe(1);
      expect(r.body.definitionVersion, path).toMatch(/\S/);
      expect(r.body.inputHash, path).toMatch(/^[0-9a-f]{8,}$/);
      expect(Number.isInteger(r.body.seed), path).toBe(true);
      hashes.add(r.body.inputHash as string);
    }
    const w = await api(stack.url, '/api/what-if', {
      token,
      body: { bu: 'SMB', levers: { frtChangePct: -20 } },
    });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ assumptionsVersion: 1, seed: 1, draws: 300 });
    hashes.add(w.body.inputHash as string);
    // One generation behind every figure.
    expect(hashes.size).toBe(1);
  });

  it('projects what-if levers through the fitted model with P10–P90, and rejects levers out of range', async () => {
    const smb = await api(stack.url, '/api/what-if', {
      token,
      body: { bu: 'SMB', levers: { frtChangePct: -40, detractorToPassivePct: 25, fcrChangePts: 5 } },
    });
    expect(smb.status, JSON.stringify(smb.body).slice(0, 300)).toBe(200);
    expect(smb.body).toMatchObject({
      status: 'ok',
      bu: 'SMB',
      currency: 'USD',
      evidenceClass: 'model-based',
    });
    expect(smb.body.levers).toEqual({ frtChangePct: -40, detractorToPassivePct: 25, fcrChangePts: 5 });
    expect(smb.body.customers).toBeGreaterThan(1000);
    expect(smb.body.baseline.expectedChurners12).toBeGreaterThan(0);
    for (const k of ['churnersChange', 'churnRateChangePts', 'revenue12Change', 'copeChange']) {
      const v = smb.body[k] as { p10: number; p50: number; p90: number; point: number };
      expect(v.p10, k).toBeLessThanOrEqual(v.p50);
      expect(v.p50, k).toBeLessThanOrEqual(v.p90);
    }
    // Fewer detractors and unresolved contacts: fewer churners, revenue kept, lower CoPE.
    expect(smb.body.churnersChange.point).toBeLessThan(0);
    expect(smb.body.revenue12Change.point).toBeGreaterThan(0);
    expect(smb.body.copeChange.point).toBeLessThan(0);
    expect((smb.body.relationships as string[]).join(' ')).toMatch(/Associational/);

    const none = await api(stack.url, '/api/what-if', { token, body: { levers: {} } });
    expect(none.body).toMatchObject({ bu: 'ALL', churnersChange: { point: 0, p10: 0, p90: 0 } });
    const all = await api(stack.url, '/api/what-if', {
      token,
      body: { bu: 'ALL', levers: { detractorToPassivePct: 25 } },
    });
    let sum = 0;
    for (const bu of ['ENT', 'SMB', 'CON']) {
      const r = await api(stack.url, '/api/what-if', {
        token,
        body: { bu, levers: { detractorToPassivePct: 25 } },
      });
      sum += r.body.churnersChange.point as number;
    }
    expect(all.body.churnersChange.point).toBeCloseTo(sum, 6);

    const bad = await api(stack.url, '/api/what-if', {
      token,
      body: { bu: 'SMB', levers: { frtChangePct: -95 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      {
        path: 'levers.frtChangePct',
        message: expect.stringMatching(/frtChangePct must be a number from -90 to 200/),
      },
    ]);
    const share = await api(stack.url, '/api/what-if', {
      token,
      body: { levers: { detractorToPassivePct: 120, fcrChangePts: 'five' } },
    });
    expect(share.status).toBe(400);
    expect((share.body.error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'levers.detractorToPassivePct',
      'levers.fcrChangePts',
    ]);
    const unknown = await api(stack.url, '/api/what-if', { token, body: { levers: { nps: 5 } } });
    expect(unknown.status).toBe(400);
    const bu = await api(stack.url, '/api/what-if', { token, body: { bu: 'XYZ', levers: {} } });
    expect(bu.status).toBe(400);
    expect(bu.body.error.details[0]).toMatchObject({
      path: 'bu',
      message: expect.stringMatching(/ALL, CON, ENT, SMB/),
    });
  });
});
