import type { Role } from './user.ts';

/** What a role may do. One table, so rules are not scattered across handlers. */
const PERMISSIONS = {
  'jobs:create': ['admin', 'user'],
  'jobs:read-all': ['admin', 'viewer'],
  'jobs:retry': ['admin'],
  'users:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const hasPermission = (role: Role, permission: Permission): boolean =>
  (PERMISSIONS[permission] as readonly Role[]).includes(role);
