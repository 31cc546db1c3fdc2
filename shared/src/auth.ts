/** Roles (Cognito groups in AWS, demo users locally) and the role → permission table. */
export const ROLES = ['executive', 'finance', 'cx-manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'dashboard:read',
  'uploads:write',
  'uploads:finance',
  'uploads:cx',
  'assumptions:write',
  'periods:lock',
  'initiatives:write',
  'touchpoints:write',
  'reports:manage',
  /** Report subscriptions of one's own (executives); `reports:manage` extends it to everyone's. */
  'reports:subscribe',
  /** Approve external report recipients (admin only). */
  'reports:approve',
  'recompute:run',
  'targets:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Which permissions each role grants. `admin` holds every permission. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  executive: ['dashboard:read', 'reports:subscribe'],
  finance: ['dashboard:read', 'uploads:write', 'uploads:finance', 'assumptions:write', 'periods:lock'],
  'cx-manager': [
    'dashboard:read',
    'uploads:write',
    'uploads:cx',
    'initiatives:write',
    'touchpoints:write',
    'reports:manage',
    'reports:subscribe',
    'targets:write',
  ],
  admin: [...PERMISSIONS],
};

/** True when any of `roles` grants `permission`; unknown role names grant nothing. */
export function can(roles: readonly string[], permission: Permission): boolean {
  return roles.some((r) =>
    (ROLE_PERMISSIONS as Record<string, readonly Permission[]>)[r]?.includes(permission),
  );
}

/** Keeps only the known role names of a `cognito:groups`-shaped claim. */
export function knownRoles(groups: unknown): Role[] {
  if (!Array.isArray(groups)) return [];
  return groups.filter((g): g is Role => typeof g === 'string' && (ROLES as readonly string[]).includes(g));
}
