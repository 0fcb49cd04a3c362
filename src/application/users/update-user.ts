import { DomainError, ValidationError } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import { withSessionsEnded, type Role, type User } from '../../domain/user/user.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ports } from '../ports/ports.ts';
import { findVisibleUser } from './user-access.ts';
import { userFieldIssues } from './user-input.ts';

/** The ports UpdateUser uses. */
export type UpdateUserPorts = Pick<Ports, 'users' | 'hasher' | 'sessions' | 'clock'>;

export interface UserChanges {
  readonly email?: string | undefined;
  readonly fullName?: string | null | undefined;
  readonly role?: string | undefined;
  readonly isActive?: boolean | undefined;
  readonly password?: string | undefined;
  /** Needed when users change their own password. */
  readonly currentPassword?: string | undefined;
}

/** What a user may change about their own account; an admin may change everything. */
const SELF_SERVICE: ReadonlySet<keyof UserChanges> = new Set(['fullName', 'password', 'currentPassword']);

/** An admin's account that the changes would deactivate or take the admin role from. */
const locksOutAdmin = (user: User, changes: UserChanges): boolean =>
  user.role === 'admin' && (changes.isActive === false || (changes.role !== undefined && changes.role !== 'admin'));

/**
 * Changes an account. A field the actor may not set is refused by name, never ignored.
 * A new password or a deactivation ends every session of the user: its refresh tokens are
 * revoked at once, its access tokens stop working once Authenticate reads the changed account
 * (see User.sessionVersion; another instance may remember the account for its user cache's
 * lifetime, a second in production). Admins may not lock themselves out (deactivate or demote
 * their own account): that could leave no admin at all.
 */
export class UpdateUser {
  readonly #ports: UpdateUserPorts;

  constructor(ports: UpdateUserPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, userId: string, changes: UserChanges): Promise<User> {
    const user = await findVisibleUser(this.#ports.users, actor, userId);
    const given = (Object.keys(changes) as (keyof UserChanges)[]).filter((key) => changes[key] !== undefined);
    const isAdmin = hasPermission(actor.role, 'users:manage');
    const refused = isAdmin ? [] : given.filter((key) => !SELF_SERVICE.has(key));
    if (refused.length > 0) throw new DomainError('FORBIDDEN', `You may not change: ${refused.join(', ')}`);

    if (actor.userId === user.id && locksOutAdmin(user, changes)) {
      throw new DomainError('SELF_LOCKOUT', 'Admins cannot deactivate or demote their own account; another admin can');
    }
    const issues = userFieldIssues({ email: changes.email, password: changes.password, role: changes.role });
    if (issues.length > 0) throw new ValidationError(issues);
    if (changes.password !== undefined && !isAdmin) await this.#checkCurrentPassword(user, changes.currentPassword);

    const endsSessions = changes.password !== undefined || (user.isActive && changes.isActive === false);
    const changed: User = {
      ...user,
      email: changes.email ?? user.email,
      fullName: changes.fullName === undefined ? user.fullName : changes.fullName,
      role: (changes.role as Role | undefined) ?? user.role,
      isActive: changes.isActive ?? user.isActive,
      passwordHash: changes.password === undefined ? user.passwordHash : await this.#ports.hasher.hash(changes.password),
      updatedAt: this.#ports.clock.now(),
    };
    const updated = endsSessions ? withSessionsEnded(changed) : changed;
    await this.#ports.users.update(updated);
    if (endsSessions) await this.#ports.sessions.revokeAllForUser(user.id);
    return updated;
  }

  async #checkCurrentPassword(user: User, currentPassword: string | undefined): Promise<void> {
    if (currentPassword === undefined) {
      throw new ValidationError([{ path: 'currentPassword', message: 'is required to change your password' }]);
    }
    if (!(await this.#ports.hasher.verify(currentPassword, user.passwordHash))) {
      throw new DomainError('INVALID_CREDENTIALS', 'The current password is not correct');
    }
  }
}
