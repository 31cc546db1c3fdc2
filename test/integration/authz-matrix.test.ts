/**
 * Authorization matrix: every route of ROUTES × every role × every kind of bad token, against the real
 * local host. The expected outcome of each (route, role) is held twice: derived from the route's
 * permission and ROLE_PERMISSIONS, and written out in EXPECTED below. A route without an entry in
 * EXPECTED, or whose entry disagrees with the route table, fails the test: adding a route forces a
 * decision about who may call it.
 */
import { generateKeyPair, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Role } from '@cxl/shared/auth';
import { ROUTES, type RouteDef } from '@cxl/functions/routes';
import { startTestStack } from './support/stack';

type Access = 'public' | 'none' | readonly Role[];

const E: readonly Role[] = ['executive', 'finance', 'cx-manager', 'admin'];
const FIN: readonly Role[] = ['finance', 'admin'];
const CX: readonly Role[] = ['cx-manager', 'admin'];
const UPL: readonly Role[] = ['finance', 'cx-manager', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const SUB: readonly Role[] = ['executive', 'cx-manager', 'admin'];

/** Who may call each route: `public` (no token needed) or the roles allowed through. */
const EXPECTED: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/me': E,
  'GET /api/meta': E,
  'GET /api/metrics': E,
  'POST /api/recompute': ADMIN,
  'GET /api/recompute/status': ADMIN,
  'POST /api/uploads': UPL,
  'GET /api/uploads': UPL,
  'GET /api/uploads/{uploadId}': UPL,
  'GET /api/uploads/{uploadId}/errors': UPL,
  'POST /api/uploads/{uploadId}/restore': UPL,
  'GET /api/templates/{kind}': UPL,
  'GET /api/periods': E,
  'POST /api/periods/{month}/lock': FIN,
  'DELETE /api/periods/{month}/lock': FIN,
  'POST /api/ingest/{kind}': CX,
  'GET /api/linkage': E,
  'GET /api/drivers': E,
  'GET /api/revenue-at-risk': E,
  'GET /api/cope': E,
  'GET /api/drilldown': E,
  'GET /api/churn-model': E,
  'GET /api/initiatives/{id}/impact': E,
  'GET /api/benchmarks': E,
  'GET /api/targets': E,
  'PUT /api/targets': CX,
  'POST /api/what-if': E,
  'GET /api/assumptions': E,
  'PUT /api/assumptions': FIN,
  'GET /api/initiatives': E,
  'POST /api/initiatives': CX,
  'PUT /api/initiatives/{id}': CX,
  'DELETE /api/initiatives/{id}': CX,
  'GET /api/touchpoints': E,
  'GET /api/touchpoints/matrix': E,
  'POST /api/touchpoints': CX,
  'PUT /api/touchpoints/{id}': CX,
  'DELETE /api/touchpoints/{id}': CX,
  // Report subscriptions: executives their own (narrowed in the handlers), CX managers and admins all.
  'GET /api/report-subscriptions': SUB,
  'POST /api/report-subscriptions': SUB,
  'PUT /api/report-subscriptions/{id}': SUB,
  'DELETE /api/report-subscriptions/{id}': SUB,
  'POST /api/report-subscriptions/{id}/send-now': SUB,
  'GET /api/report-subscriptions/{id}/preview': SUB,
  'POST /api/reports/preview': SUB,
  'GET /api/report-runs': SUB,
  'GET /api/report-recipients': CX,
  'POST /api/report-recipients': ADMIN,
  'DELETE /api/report-recipients/{email}': ADMIN,
  'GET /api/reports/unsubscribe': 'public',
  'POST /api/reports/unsubscribe': 'public',
  'GET /api/reports/outbox': CX,
  'GET /api/reports/outbox/{file}': CX,
};

const key = (r: RouteDef) => `${r.method} ${r.path}`;

/**
 * Routes with a `{kind}` path parameter add a per-kind rule (contracts.md): finance owns revenue and
 * FX files, CX managers the other kinds, admins all. Each such route is called with one kind of each.
 */
const KIND_OWNERS: Record<string, readonly Role[]> = { revenue: FIN, contacts: CX };

/** Path parameters that pass the routers' shape checks but name nothing that exists. */
const PARAMS: Record<string, string> = {
  uploadId: '00000000-0000-4000-8000-000000000000',
  kind: 'contacts',
  month: '2019-01',
  id: 'no-such-id',
};
function concretePath(path: string, kind?: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name === 'kind' && kind ? kind : (PARAMS[name] ?? 'x'),
  );
}

let stack: Awaited<ReturnType<typeof startTestStack>>;
const tokens = {} as Record<Role, string>;
const bad = {} as Record<'expired' | 'tampered' | 'otherKey' | 'wrongIssuer' | 'algNone', string>;

type SignKey = Parameters<SignJWT['sign']>[0];

async function mint(
  signKey: SignKey,
  roles: readonly string[],
  opts: { exp?: number; iss?: string; aud?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: `${roles[0] ?? 'x'}@demo.local`, 'cognito:groups': [...roles] })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(`${roles[0] ?? 'x'}@demo.local`)
    .setIssuer(opts.iss ?? 'cx-ledger-local')
    .setAudience(opts.aud ?? 'cx-ledger')
    .setIssuedAt(now - 120)
    .setExpirationTime(opts.exp ?? now + 3600)
    .sign(signKey);
}

beforeAll(async () => {
  stack = await startTestStack({ DEMO: 'off' });
  // The local identity's signing key, as local/src/stack.ts hands it to the functions.
  const localKey = await importJWK(
    JSON.parse(process.env.LOCAL_JWT_PRIVATE_JWK ?? '{}') as Record<string, unknown>,
    'ES256',
  );
  for (const role of ROLES) tokens[role] = await mint(localKey, [role]);
  bad.expired = await mint(localKey, ['admin'], { exp: Math.floor(Date.now() / 1000) - 60 });
  // An executive's token whose payload was rewritten to claim admin: the signature no longer matches.
  const [h, p, s] = tokens.executive.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
    'base64url',
  );
  bad.tampered = `${h}.${forged}.${s}`;
  bad.otherKey = await mint((await generateKeyPair('ES256')).privateKey, ['admin']);
  bad.wrongIssuer = await mint(localKey, ['admin'], { iss: 'someone-else' });
  const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  bad.algNone = `${none}.${forged}.`;
});
afterAll(async () => {
  await stack?.close();
});

async function call(route: RouteDef, token?: string, kind?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${stack.url}${concretePath(route.path, kind)}`, {
    method: route.method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(route.method === 'POST' || route.method === 'PUT' ? { 'content-type': 'application/json' } : {}),
    },
    // An empty object: enough to get past authorization, never a valid write.
    ...(route.method === 'POST' || route.method === 'PUT' ? { body: '{}' } : {}),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV templates and other text bodies stay text.
  }
  return { status: res.status, body };
}

describe('authorization matrix', () => {
  it('has an explicit entry for every route, agreeing with the route permission and the role table', () => {
    const missing = ROUTES.map(key).filter((k) => !(k in EXPECTED));
    expect(missing, 'routes without an entry in EXPECTED').toEqual([]);
    const stale = Object.keys(EXPECTED).filter((k) => !ROUTES.some((r) => key(r) === k));
    expect(stale, 'EXPECTED entries for routes that no longer exist').toEqual([]);
    for (const r of ROUTES) {
      const auth = r.auth;
      const derived: Access =
        auth.kind === 'public' ? 'public' : ROLES.filter((role) => can([role], auth.permission));
      expect(derived, key(r)).toEqual(EXPECTED[key(r)]);
    }
  });

  it.each(ROUTES.map((r) => [key(r), r] as const))('%s', async (_k, route) => {
    const access = EXPECTED[key(route)] ?? 'none';
    if (access === 'public') {
      // Public routes answer without a token, and a bad token does not turn them into 401s.
      for (const t of [undefined, bad.expired, bad.otherKey]) {
        const r = await call(route, t);
        expect(r.status, `${key(route)} token=${t ? 'bad' : 'none'}`).toBeLessThan(500);
        expect([401, 403]).not.toContain(r.status);
      }
      return;
    }
    const none = await call(route);
    expect(none.status, 'no token').toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const expired = await call(route, bad.expired);
    expect(expired.status, 'expired token').toBe(401);
    expect(expired.body.error.code).toBe('token_expired');
    for (const kind of ['tampered', 'otherKey', 'wrongIssuer', 'algNone'] as const) {
      const r = await call(route, bad[kind]);
      expect(r.status, `${kind} token`).toBe(401);
      expect(r.body.error).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
    }
    const garbage = await call(route, 'not-a-jwt');
    expect(garbage.status, 'garbage token').toBe(401);
    const kinds = route.path.includes('{kind}') ? Object.keys(KIND_OWNERS) : [undefined];
    for (const [role, kind] of ROLES.flatMap((role) => kinds.map((k) => [role, k] as const))) {
      const r = await call(route, tokens[role], kind);
      const routeAllows = access !== 'none' && access.includes(role);
      if (routeAllows && kind !== undefined && !KIND_OWNERS[kind]?.includes(role)) {
        // Past the route's gate but not the kind's owner: refused (or the kind is not offered here).
        expect([400, 403], `${role} on ${kind}: ${JSON.stringify(r.body)}`).toContain(r.status);
        expect(r.body.error.message).toMatch(/\S/);
      } else if (routeAllows) {
        expect([401, 403], `${role} is allowed: got ${r.status} ${JSON.stringify(r.body)}`).not.toContain(
          r.status,
        );
        expect(r.status, `${role}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
      } else {
        expect(r.status, `${role} must be refused`).toBe(403);
        expect(r.body).toEqual({
          error: { code: 'forbidden', message: 'Your role does not allow this action.' },
        });
      }
    }
  });

  it('refuses a token that carries no known role on every protected route', async () => {
    const localKey = await importJWK(
      JSON.parse(process.env.LOCAL_JWT_PRIVATE_JWK ?? '{}') as Record<string, unknown>,
      'ES256',
    );
    const nobody = await mint(localKey, ['superuser', 'root']);
    for (const route of ROUTES.filter((r) => r.auth.kind === 'jwt')) {
      expect((await call(route, nobody)).status, key(route)).toBe(403);
    }
  });
});
