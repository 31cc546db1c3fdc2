import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestStack } from './support/stack';

/** Who may manage report subscriptions, recipient rules, validation and schedule bookkeeping. */
let stack: Awaited<ReturnType<typeof startTestStack>>;
const t: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  for (const who of ['cx', 'cfo', 'cxo', 'finance', 'admin'])
    t[who] = await login(stack.url, `${who}@demo.local`);
});
afterAll(async () => {
  await stack?.close();
});

const base = {
  reportType: 'executive-summary',
  bu: 'ALL',
  cadence: { every: 'month', day: 31, time: '08:00', timeZone: 'Europe/Berlin' },
  locale: 'en',
  format: 'html',
};

describe('report subscriptions: authorization', () => {
  it('refuses finance on every subscription route', async () => {
    expect((await api(stack.url, '/api/report-subscriptions', { token: t.finance })).status).toBe(403);
    const post = await api(stack.url, '/api/report-subscriptions', {
      token: t.finance,
      body: { ...base, name: 'x', recipients: ['finance@demo.local'] },
    });
    expect(post.status).toBe(403);
    expect(post.body.error.code).toBe('forbidden');
    expect((await api(stack.url, '/api/report-runs', { token: t.finance })).status).toBe(403);
    expect(
      (await api(stack.url, '/api/reports/preview', { token: t.finance, body: { reportType: 'benchmark' } }))
        .status,
    ).toBe(403);
  });

  it('lets an executive manage only their own subscription, sent to themselves', async () => {
    const own = await api(stack.url, '/api/report-subscriptions', {
      token: t.cfo,
      body: { ...base, name: 'My monthly', recipients: ['cfo@demo.local'] },
    });
    expect(own.status).toBe(201);
    expect(own.body.owner).toBe('cfo@demo.local');
    const others = await api(stack.url, '/api/report-subscriptions', {
      token: t.cfo,
      body: { ...base, name: 'For the board', recipients: ['cfo@demo.local', 'cx@demo.local'] },
    });
    expect(others.status).toBe(403);
    expect(others.body.error.message).toMatch(/only subscribe themselves.*cx@demo\.local/);

    const cxSub = await api(stack.url, '/api/report-subscriptions', {
      token: t.cx,
      body: { ...base, name: 'CX team', recipients: ['cx@demo.local', 'cxo@demo.local'] },
    });
    expect(cxSub.status).toBe(201);
    // The executive sees only their own; the CX manager sees both.
    const mine = await api(stack.url, '/api/report-subscriptions', { token: t.cfo });
    expect(mine.body.subscriptions.map((s: any) => s.name)).toEqual(['My monthly']);
    const all = await api(stack.url, '/api/report-subscriptions', { token: t.cx });
    expect(all.body.subscriptions.map((s: any) => s.name).sort()).toEqual(['CX team', 'My monthly']);
    // Someone else's subscription does not exist for the executive.
    const id = cxSub.body.id as string;
    const body = { ...base, name: 'hijack', recipients: ['cfo@demo.local'] };
    expect(
      (await api(stack.url, `/api/report-subscriptions/${id}`, { token: t.cfo, method: 'PUT', body })).status,
    ).toBe(404);
    expect(
      (await api(stack.url, `/api/report-subscriptions/${id}`, { token: t.cfo, method: 'DELETE' })).status,
    ).toBe(404);
    expect(
      (await api(stack.url, `/api/report-subscriptions/${id}/send-now`, { token: t.cfo, method: 'POST' }))
        .status,
    ).toBe(404);
    // Their own they can edit and delete.
    const edited = await api(stack.url, `/api/report-subscriptions/${own.body.id}`, {
      token: t.cfo,
      method: 'PUT',
      body: {
        ...base,
        name: 'My quarterly',
        recipients: ['cfo@demo.local'],
        cadence: { ...base.cadence, every: 'quarter' },
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe('My quarterly');
    expect(
      (await api(stack.url, `/api/report-subscriptions/${own.body.id}`, { token: t.cfo, method: 'DELETE' }))
        .status,
    ).toBe(200);
    expect(
      (await api(stack.url, `/api/report-subscriptions/${id}`, { token: t.cx, method: 'DELETE' })).status,
    ).toBe(200);
  });

  it('accepts an external address only after an admin approved it', async () => {
    const body = { ...base, name: 'Advisors', recipients: ['cx@demo.local', 'Partner@Advisory.example'] };
    const refused = await api(stack.url, '/api/report-subscriptions', { token: t.cx, body });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(
      /partner@advisory\.example is outside the organisation and not approved/,
    );
    expect(refused.body.error.details).toEqual([
      {
        path: 'recipients.1',
        value: 'partner@advisory.example',
        message: 'external address not approved by an admin',
      },
    ]);
    // Only an admin approves.
    const byCx = await api(stack.url, '/api/report-recipients', {
      token: t.cx,
      body: { email: 'partner@advisory.example' },
    });
    expect(byCx.status).toBe(403);
    const approved = await api(stack.url, '/api/report-recipients', {
      token: t.admin,
      body: { email: 'partner@advisory.example', note: 'board advisor' },
    });
    expect(approved.status).toBe(201);
    const list = await api(stack.url, '/api/report-recipients', { token: t.cx });
    expect(list.body.recipients.map((r: any) => r.email)).toEqual(['partner@advisory.example']);
    expect(list.body.internalDomains).toContain('demo.local');
    const ok = await api(stack.url, '/api/report-subscriptions', { token: t.cx, body });
    expect(ok.status).toBe(201);
    expect(ok.body.recipients).toEqual(['cx@demo.local', 'partner@advisory.example']);
    expect(
      (
        await api(stack.url, '/api/report-recipients/partner%40advisory.example', {
          token: t.admin,
          method: 'DELETE',
        })
      ).status,
    ).toBe(200);
    await api(stack.url, `/api/report-subscriptions/${ok.body.id}`, { token: t.cx, method: 'DELETE' });
  });
});

describe('report subscriptions: validation and scheduling', () => {
  it('answers 400 naming each bad field', async () => {
    const r = await api(stack.url, '/api/report-subscriptions', {
      token: t.cx,
      body: {
        ...base,
        name: '',
        recipients: ['not-an-email', 'cx@demo.local', 'cx@demo.local'],
        cadence: { every: 'week', day: 8, time: '25:00', timeZone: 'Moon/Base' },
        format: 'docx',
      },
    });
    expect(r.status).toBe(400);
    const paths = r.body.error.details.map((d: any) => d.path);
    for (const p of [
      'name',
      'recipients.0',
      'recipients',
      'cadence.day',
      'cadence.time',
      'cadence.timeZone',
      'format',
    ])
      expect(paths).toContain(p);
    const bu = await api(stack.url, '/api/report-subscriptions', {
      token: t.cx,
      body: { ...base, name: 'x', bu: 'NOPE', recipients: ['cx@demo.local'] },
    });
    expect(bu.status).toBe(400);
    expect(bu.body.error.message).toMatch(/Unknown business unit NOPE/);
  });

  it('records the next run, moves it when the cadence changes and clears it when paused', async () => {
    const created = await api(stack.url, '/api/report-subscriptions', {
      token: t.cx,
      body: {
        ...base,
        name: 'Weekly',
        recipients: ['cx@demo.local'],
        cadence: { every: 'week', day: 1, time: '09:00', timeZone: 'America/New_York' },
      },
    });
    expect(created.status).toBe(201);
    const next = new Date(created.body.nextRunAt as string);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
    expect(next.getUTCDay()).toBe(1);
    expect([13, 14]).toContain(next.getUTCHours()); // 09:00 EDT or EST
    const paused = await api(stack.url, `/api/report-subscriptions/${created.body.id}`, {
      token: t.cx,
      method: 'PUT',
      body: { ...base, name: 'Weekly', recipients: ['cx@demo.local'], active: false },
    });
    expect(paused.status).toBe(200);
    expect(paused.body.nextRunAt).toBeNull();
    const { schedulePort } = await import('@cxl/functions/reports/schedule-port');
    expect(schedulePort().kind).toBe('local');
  });

  it('previews a report for an empty instance with "no data" instead of zeros', async () => {
    const res = await fetch(`${stack.url}/api/reports/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.cfo}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reportType: 'executive-summary', bu: 'ALL', locale: 'zh-CN' }),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('无数据');
    expect(html).toContain('此范围尚未加载数据');
    expect(html).not.toMatch(/>\s*0(\.0)?%?\s*</);
  });
});
