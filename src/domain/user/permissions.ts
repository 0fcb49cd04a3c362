import type { Role } from './user.ts';

/** What a role may do. One table, so rules are not scattered across handlers. */
const PERMISSIONS = {
  'jobs:create': ['admin', 'user'],
  'jobs:read-all': ['admin', 'viewer'],
  // A job's live event stream: its owner's, and admins'; viewers read jobs but do not follow them.
  'jobs:follow-all': ['admin'],
  'jobs:retry': ['admin'],
  'users:manage': ['admin'],
  // Saved custom formats are shared by every user: only admins change them, everyone reads them.
  'formats:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const hasPermission = (role: Role, permission: Permission): boolean =>
  (PERMISSIONS[permission] as readonly Role[]).includes(role);
