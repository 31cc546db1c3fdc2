import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, importJWK, SignJWT } from 'jose';
import { ROUTES } from '@cxl/functions/routes';
import { api, login, startTestStack } from './support/stack';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
});
afterAll(async () => {
  await stack.close();
});

describe('HTTP API: identity and authorization', () => {
  it('answers health without a token', async () => {
    expect(await api(stack.url, '/api/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('signs a demo user in and returns roles from the cognito:groups claim', async () => {
    const r = await api(stack.url, '/api/auth/login', {
      body: { email: 'CFO@demo.local', password: 'demo' },
    });
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ email: 'cfo@demo.local', roles: ['executive'] });
    expect(Date.parse(r.body.expiresAt)).toBeGreaterThan(Date.now());
    const me = await api(stack.url, '/api/me', { token: r.body.token });
    expect(me.body).toEqual({ email: 'cfo@demo.local', roles: ['executive'] });
  });

  it('refuses a wrong password with 401 in the error envelope', async () => {
    const r = await api(stack.url, '/api/auth/login', {
      body: { email: 'cfo@demo.local', password: 'nope' },
    });
    expect(r).toEqual({
      status: 401,
      body: { error: { code: 'invalid_credentials', message: 'Wrong email or password.' } },
    });
  });

  it('answers 400 with details for a malformed login body', async () => {
    const r = await api(stack.url, '/api/auth/login', { body: { email: '' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['email', 'password']);
  });

  it('refuses requests without a token, with a tampered token and with a token signed by another key', async () => {
    const token = await login(stack.url, 'admin@demo.local');
    expect((await api(stack.url, '/api/me')).status).toBe(401);
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(
      JSON.stringify({ ...payload, 'cognito:groups': ['admin'], email: 'cfo@demo.local' }),
    ).toString('base64url');
    expect((await api(stack.url, '/api/me', { token: `${h}.${forged}.${s}` })).status).toBe(401);
    const { privateKey } = await generateKeyPair('ES256');
    const other = await new SignJWT({ email: 'x@y', 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('cx-ledger-local')
      .setAudience('cx-ledger')
      .setExpirationTime('1h')
      .sign(privateKey);
    const r = await api(stack.url, '/api/me', { token: other });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthorized');
  });

  it('refuses an expired token with token_expired', async () => {
    const key = await importJWK(
      JSON.parse(process.env.LOCAL_JWT_PRIVATE_JWK ?? '{}') as Record<string, unknown>,
      'ES256',
    );
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({ email: 'cfo@demo.local', 'cognito:groups': ['executive'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('cx-ledger-local')
      .setAudience('cx-ledger')
      .setIssuedAt(past - 60)
      .setExpirationTime(past)
      .sign(key);
    const r = await api(stack.url, '/api/me', { token: expired });
    expect(r).toMatchObject({ status: 401, body: { error: { code: 'token_expired' } } });
  });

  it('refuses an executive on an admin route with 403 and lets an admin through', async () => {
    const exec = await login(stack.url, 'cxo@demo.local');
    const r = await api(stack.url, '/api/recompute/status', { token: exec });
    expect(r).toEqual({
      status: 403,
      body: { error: { code: 'forbidden', message: 'Your role does not allow this action.' } },
    });
    const admin = await login(stack.url, 'admin@demo.local');
    const ok = await api(stack.url, '/api/recompute/status', { token: admin });
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveProperty('upToDate');
  });

  it('validates metric queries and names what is wrong', async () => {
    const t = await login(stack.url, 'cfo@demo.local');
    const r = await api(stack.url, '/api/metrics?metric=nps,foo&from=2024-13', { token: t });
    expect(r.status).toBe(400);
    const msgs = r.body.error.details.map((d: { message: string }) => d.message).join(' | ');
    expect(msgs).toMatch(/unknown metric\(s\): foo/);
    expect(msgs).toMatch(/YYYY-MM/);
  });

  it('answers an empty instance with no series rather than zeros', async () => {
    const t = await login(stack.url, 'cfo@demo.local');
    const r = await api(stack.url, '/api/metrics?bu=ALL', { token: t });
    expect(r).toMatchObject({ status: 200, body: { series: [] } });
  });

  it('serves security headers and a 404 envelope for unknown API paths', async () => {
    const res = await fetch(`${stack.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('serves an OpenAPI document that describes every route with its parameters', async () => {
    const r = await api(stack.url, '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.0.3');
    for (const route of ROUTES) {
      expect(
        r.body.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
    const metrics = r.body.paths['/api/metrics'].get;
    expect(metrics.parameters.map((p: { name: string }) => p.name)).toEqual([
      'bu',
      'from',
      'to',
      'grain',
      'metric',
      'channel',
    ]);
    expect(metrics.responses['403']).toBeDefined();
  });
});
