import { can } from '@cxl/shared/auth';
import type { InputKind, OnError } from './upload-types.ts';

/** The permission a kind needs: finance owns revenue and FX rates, CX managers the rest (contracts.md). */
export type KindPermission = 'uploads:finance' | 'uploads:cx';

interface KindInfo {
  permission: KindPermission;
  /** Error policy when the user does not choose one (mirrors `defaultOnError` of the contract). */
  defaultOnError: OnError;
}

/**
 * Every input kind, in the order the picker lists them (finance files first). `satisfies` makes a
 * kind added to the contract a type error here until it has its permission and default policy.
 */
const KINDS = {
  revenue: { permission: 'uploads:finance', defaultOnError: 'reject-file' },
  'fx-rates': { permission: 'uploads:finance', defaultOnError: 'reject-file' },
  customers: { permission: 'uploads:cx', defaultOnError: 'accept-valid' },
  contacts: { permission: 'uploads:cx', defaultOnError: 'accept-valid' },
  'survey-transactional': { permission: 'uploads:cx', defaultOnError: 'accept-valid' },
  'survey-relationship': { permission: 'uploads:cx', defaultOnError: 'accept-valid' },
  'churn-events': { permission: 'uploads:cx', defaultOnError: 'accept-valid' },
  'operational-drivers': { permission: 'uploads:cx', defaultOnError: 'accept-valid' },
} as const satisfies Record<InputKind, KindInfo>;

export const UPLOAD_KINDS = Object.keys(KINDS) as InputKind[];

/** Upload size cap of the contract's presigned policy (`MAX_UPLOAD_BYTES`, 200 MB). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** File names the API accepts (`createUploadBodySchema`). */
export const ACCEPTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx'] as const;

export function kindPermission(kind: InputKind): KindPermission {
  return KINDS[kind].permission;
}

export function defaultOnError(kind: InputKind): OnError {
  return KINDS[kind].defaultOnError;
}

export function isUploadKind(s: string | null | undefined): s is InputKind {
  return typeof s === 'string' && Object.hasOwn(KINDS, s);
}

/** The kinds `roles` may upload, finance kinds first. */
export function kindsFor(roles: readonly string[]): InputKind[] {
  return UPLOAD_KINDS.filter((k) => can(roles, KINDS[k].permission));
}
