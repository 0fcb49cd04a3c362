import { DomainError, ValidationError } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { User } from '../../domain/user/user.ts';
import type { Actor } from '../auth/actor.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../jobs/list-jobs.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports ListUsers uses. */
export type ListUsersPorts = Pick<Ports, 'users'>;

/** All accounts, by username, for an admin. */
export class ListUsers {
  readonly #ports: ListUsersPorts;

  constructor(ports: ListUsersPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, page: { limit?: number | undefined; offset?: number | undefined }): Promise<{ users: User[]; total: number }> {
    if (!hasPermission(actor.role, 'users:manage')) throw new DomainError('FORBIDDEN', 'Only an admin may list users');
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const offset = page.offset ?? 0;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE || !Number.isSafeInteger(offset) || offset < 0) {
      throw new ValidationError([{ path: 'limit', message: `limit 1 to ${MAX_PAGE_SIZE}, offset at least 0` }]);
    }
    return this.#ports.users.list({ limit, offset });
  }
}
