export const ROLES = ['admin', 'user', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  readonly fullName: string | null;
  readonly role: Role;
  readonly isActive: boolean;
  readonly passwordHash: string;
  /**
   * Moves on whenever every session of the user must end (a new password, a deactivation):
   * access tokens carry the value they were issued under and stop working once it has moved.
   */
  readonly sessionVersion: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The user with every session ended: tokens issued before no longer match its session version. */
export const withSessionsEnded = (user: User): User => ({ ...user, sessionVersion: user.sessionVersion + 1 });
