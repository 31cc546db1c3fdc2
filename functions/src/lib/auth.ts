import {
  createRemoteJWKSet,
  errors as joseErrors,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWTPayload,
} from 'jose';
import { timingSafeEqual } from 'node:crypto';
import { knownRoles, type Role } from '@cxl/shared/auth';
import { config } from '../config';
import { UnauthorizedError } from './errors';

export interface AuthUser {
  sub: string;
  email: string;
  roles: Role[];
}

const LOCAL_ISSUER = 'cx-ledger-local';
const LOCAL_AUDIENCE = 'cx-ledger';
const TOKEN_TTL_S = 8 * 3600;

type Verifier = (token: string) => Promise<JWTPayload>;

function makeVerifier(): Verifier {
  if (config.AUTH_MODE === 'local') {
    const jwk = JSON.parse(config.LOCAL_JWT_PUBLIC_JWK ?? '{}') as Record<string, unknown>;
    const keyPromise = importJWK(jwk, 'ES256');
    return async (token) =>
      (
        await jwtVerify(token, await keyPromise, {
          issuer: LOCAL_ISSUER,
          audience: LOCAL_AUDIENCE,
          algorithms: ['ES256'],
        })
      ).payload;
  }
  const issuer = config.COGNITO_ISSUER ?? '';
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  return async (token) => {
    const { payload } = await jwtVerify(token, jwks, { issuer, algorithms: ['RS256'] });
    // Cognito access tokens carry client_id (no aud); ID tokens carry aud.
    const client = payload.client_id ?? payload.aud;
    if (config.COGNITO_CLIENT_ID && client !== config.COGNITO_CLIENT_ID) {
      throw new UnauthorizedError('The token was issued for another application.');
    }
    return payload;
  };
}

const verify = makeVerifier();

/** Verifies a bearer token and returns the user with roles from the `cognito:groups` claim. */
export async function authenticate(authorization: string | undefined): Promise<AuthUser> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m?.[1]) throw new UnauthorizedError('Sign in to continue: the request has no bearer token.');
  let payload: JWTPayload;
  try {
    payload = await verify(m[1]);
  } catch (e) {
    if (e instanceof UnauthorizedError) throw e;
    if (e instanceof joseErrors.JWTExpired) {
      throw new UnauthorizedError('Your session has expired; sign in again.', 'token_expired');
    }
    throw new UnauthorizedError('The token is not valid; sign in again.');
  }
  const email =
    typeof payload.email === 'string' ? payload.email : ((payload.username as string | undefined) ?? '');
  return { sub: payload.sub ?? email, email, roles: knownRoles(payload['cognito:groups']) };
}

/** Demo users of the local identity (contracts.md). */
export const DEMO_USERS: readonly { email: string; roles: Role[] }[] = [
  { email: 'cfo@demo.local', roles: ['executive'] },
  { email: 'cxo@demo.local', roles: ['executive'] },
  { email: 'finance@demo.local', roles: ['finance'] },
  { email: 'cx@demo.local', roles: ['cx-manager'] },
  { email: 'admin@demo.local', roles: ['admin'] },
];

function samePassword(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Local identity: checks a demo login and signs a token with Cognito-shaped claims. */
export async function localLogin(
  email: string,
  password: string,
): Promise<{ token: string; expiresAt: string; user: { email: string; roles: Role[] } }> {
  if (config.AUTH_MODE !== 'local' || !config.LOCAL_JWT_PRIVATE_JWK) {
    throw new UnauthorizedError('Password sign-in is only available on the local host.');
  }
  const user = DEMO_USERS.find((u) => u.email === email.trim().toLowerCase());
  if (!user || !samePassword(password, config.DEMO_PASSWORD)) {
    throw new UnauthorizedError('Wrong email or password.', 'invalid_credentials');
  }
  const key = await importJWK(JSON.parse(config.LOCAL_JWT_PRIVATE_JWK) as Record<string, unknown>, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ email: user.email, 'cognito:groups': user.roles, token_use: 'id' })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(user.email)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_TTL_S)
    .sign(key);
  return {
    token,
    expiresAt: new Date((now + TOKEN_TTL_S) * 1000).toISOString(),
    user: { email: user.email, roles: user.roles },
  };
}
