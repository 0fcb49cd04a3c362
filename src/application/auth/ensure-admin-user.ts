import { isDomainError } from '../../domain/errors.ts';
import type { Ports } from '../ports/ports.ts';

export interface AdminAccount {
  readonly username: string;
  readonly password: string;
}

/** The ports EnsureAdminUser uses. */
export type EnsureAdminUserPorts = Pick<Ports, 'users' | 'hasher' | 'ids' | 'clock'>;

/** Creates the bootstrap admin on first start; leaves an existing account untouched. */
export class EnsureAdminUser {
  readonly #ports: EnsureAdminUserPorts;

  constructor(ports: EnsureAdminUserPorts) {
    this.#ports = ports;
  }

  /** True when the account was created now. */
  async execute(account: AdminAccount): Promise<boolean> {
    if (await this.#ports.users.findByUsername(account.username)) return false;
    const now = this.#ports.clock.now();
    try {
      await this.#ports.users.create({
        id: this.#ports.ids.newId(),
        username: account.username,
        email: `${account.username}@localhost`,
        fullName: 'Administrator',
        role: 'admin',
        isActive: true,
        passwordHash: await this.#ports.hasher.hash(account.password),
        sessionVersion: 0,
        createdAt: now,
        updatedAt: now,
      });
      return true;
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (isDomainError(error, 'USERNAME_TAKEN') || isDomainError(error, 'EMAIL_TAKEN')) return false;
      throw error;
    }
  }
}
