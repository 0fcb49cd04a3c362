import { DomainError } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ports } from '../ports/ports.ts';
import { UpdateUser } from './update-user.ts';

/** The ports DeactivateUser uses. */
export type DeactivateUserPorts = Pick<Ports, 'users' | 'hasher' | 'sessions' | 'clock'>;

/**
 * An admin deactivates an account (accounts are never deleted: jobs keep their owner).
 * Its sessions end as UpdateUser says: refresh tokens at once, access tokens within the user
 * cache's lifetime. Like any change through UpdateUser, an admin's own account is refused (SELF_LOCKOUT).
 */
export class DeactivateUser {
  readonly #update: UpdateUser;

  constructor(ports: DeactivateUserPorts) {
    this.#update = new UpdateUser(ports);
  }

  async execute(actor: Actor, userId: string): Promise<void> {
    if (!hasPermission(actor.role, 'users:manage')) throw new DomainError('FORBIDDEN', 'Only an admin may deactivate users');
    await this.#update.execute(actor, userId, { isActive: false });
  }
}
