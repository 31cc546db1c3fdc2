import { can } from '@cxl/shared/auth';
import { INPUT_KINDS, type InputKind } from '@cxl/shared/contracts/inputs';
import { FINANCE_KINDS } from '@cxl/shared/contracts/uploads';
import type { AuthUser } from './auth';
import { ForbiddenError } from './errors';

/** Finance uploads revenue and FX rates, CX managers the other kinds, admins all (contracts.md). */
export function mayUseKind(user: AuthUser | null, kind: InputKind): boolean {
  const roles = user?.roles ?? [];
  return can(roles, FINANCE_KINDS.includes(kind) ? 'uploads:finance' : 'uploads:cx');
}

export function assertMayUseKind(user: AuthUser | null, kind: InputKind): void {
  if (!mayUseKind(user, kind)) {
    const owner = FINANCE_KINDS.includes(kind) ? 'finance' : 'a CX manager';
    throw new ForbiddenError(`Your role cannot upload ${kind} files; ask ${owner} or an admin.`);
  }
}

export function kindsFor(user: AuthUser | null): InputKind[] {
  return INPUT_KINDS.filter((k) => mayUseKind(user, k));
}
