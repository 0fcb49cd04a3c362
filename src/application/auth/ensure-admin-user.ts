import { isDomainError } from '../../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UserRepository } from '../ports/user-repository.ts';

export interface AdminAccount {
  readonly username: string;
  readonly password: string;
}

/** Creates the bootstrap admin on first start; leaves an existing account untouched. */
export class EnsureAdminUser {
  readonly #users: UserRepository;
  readonly #hasher: PasswordHasher;
  readonly #ids: IdGenerator;
  readonly #clock: Clock;

  constructor(users: UserRepository, hasher: PasswordHasher, ids: IdGenerator, clock: Clock) {
    this.#users = users;
    this.#hasher = hasher;
    this.#ids = ids;
    this.#clock = clock;
  }

  /** True when the account was created now. */
  async execute(account: AdminAccount): Promise<boolean> {
    if (await this.#users.findByUsername(account.username)) return false;
    const now = this.#clock.now();
    try {
      await this.#users.create({
        id: this.#ids.newId(),
        username: account.username,
        email: `${account.username}@localhost`,
        fullName: 'Administrator',
        role: 'admin',
        isActive: true,
        passwordHash: await this.#hasher.hash(account.password),
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
