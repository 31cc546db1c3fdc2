import { jwtVerify, SignJWT } from 'jose';
import { config } from '../config';
import { reportTokenKey } from '../repositories/reports';

const ISSUER = 'cx-ledger-reports';
const AUDIENCE = 'unsubscribe';
/** Unsubscribe links stay valid for a year: people act on old emails. */
const TTL_S = 365 * 24 * 3600;

/** A signed (HS256) unsubscribe token for one recipient of one subscription. */
export async function unsubscribeToken(subscriptionId: string, email: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subscriptionId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + TTL_S)
    .sign(await reportTokenKey());
}

/** The subscription and recipient of a token, or null when it is forged, altered or expired. */
export async function verifyUnsubscribeToken(
  token: string,
): Promise<{ subscriptionId: string; email: string } | null> {
  try {
    const { payload } = await jwtVerify(token, await reportTokenKey(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') return null;
    return { subscriptionId: payload.sub, email: payload.email };
  } catch {
    return null;
  }
}

/** The public unsubscribe link of a token. */
export function unsubscribeUrl(token: string): string {
  const base = (config.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}/api/reports/unsubscribe?token=${encodeURIComponent(token)}`;
}
