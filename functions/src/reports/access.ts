import { can } from '@cxl/shared/auth';
import type { ReportSubscription } from '@cxl/shared/contracts/reports';
import { config } from '../config';
import { DEMO_USERS, type AuthUser } from '../lib/auth';
import { DomainError, ForbiddenError, NotFoundError } from '../lib/errors';
import { listApproved } from '../repositories/reports';

/**
 * Who may do what with report subscriptions (contracts.md): admins and CX managers manage every
 * subscription; executives manage only their own, sent to themselves; other roles are refused.
 */
export function managesAll(user: AuthUser): boolean {
  return can(user.roles, 'reports:manage');
}

export function assertReportsAccess(user: AuthUser | null): AuthUser {
  if (!user) throw new ForbiddenError();
  if (can(user.roles, 'reports:subscribe')) return user;
  throw new ForbiddenError(
    'Report subscriptions are managed by admins and CX managers; executives manage their own.',
  );
}

/** The subscription when `user` may manage it; 404 for an executive's view of someone else's. */
export function assertCanManage(user: AuthUser, s: ReportSubscription | null): ReportSubscription {
  if (!s) throw new NotFoundError('No report subscription with this id.');
  if (managesAll(user) || s.owner === user.email) return s;
  throw new NotFoundError('No report subscription with this id.');
}

export function assertAdmin(user: AuthUser | null): void {
  if (!user || !can(user.roles, 'reports:approve'))
    throw new ForbiddenError('Only an admin can change the approved external recipients.');
}

/** Domains whose addresses are the organisation's own (no approval needed). */
export function internalDomains(): string[] {
  const fromConfig = config.INTERNAL_EMAIL_DOMAINS.split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(fromConfig)];
}

function isInternal(email: string): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (internalDomains().includes(domain)) return true;
  return config.AUTH_MODE === 'local' && DEMO_USERS.some((u) => u.email === email);
}

/**
 * Checks recipients: an executive may only subscribe themselves; every address must be a user of the
 * organisation (an internal domain) or on the admin-approved list. A 422 names each refused address.
 */
export async function assertRecipientsAllowed(user: AuthUser, recipients: readonly string[]): Promise<void> {
  if (!managesAll(user)) {
    const others = recipients.filter((r) => r !== user.email.toLowerCase());
    if (others.length > 0)
      throw new ForbiddenError(
        `Executives may only subscribe themselves (${user.email}); ask a CX manager or an admin to add ${others.join(', ')}.`,
      );
    return;
  }
  const external = recipients.filter((r) => !isInternal(r) && r !== user.email.toLowerCase());
  if (external.length === 0) return;
  const approved = new Set((await listApproved()).map((a) => a.email));
  const refused = external.filter((r) => !approved.has(r));
  if (refused.length > 0)
    throw new DomainError(
      'unprocessable',
      `${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} outside the organisation and not approved; an admin must add ${refused.length === 1 ? 'it' : 'them'} to the approved recipients first.`,
      refused.map((r) => ({
        path: `recipients.${recipients.indexOf(r)}`,
        value: r,
        message: 'external address not approved by an admin',
      })),
    );
}
