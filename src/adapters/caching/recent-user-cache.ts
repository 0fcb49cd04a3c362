import type { Clock } from '../../application/ports/clock.ts';
import type { UserRepository } from '../../application/ports/user-repository.ts';
import type { User } from '../../domain/user/user.ts';
import { ReadThroughCache, type CacheLimits } from './read-through-cache.ts';

/**
 * A UserRepository that remembers users found by id for a moment: authentication looks the
 * account up on every request. A change made through it is seen at once; one made by another
 * process (another instance, the users CLI) once the entry expires.
 */
export class RecentUserCache implements UserRepository {
  readonly #users: UserRepository;
  readonly #byId: ReadThroughCache<User>;

  constructor(users: UserRepository, clock: Clock, limits: CacheLimits) {
    this.#users = users;
    this.#byId = new ReadThroughCache(clock, limits, (userId) => users.findById(userId));
  }

  findById(userId: string): Promise<User | null> {
    return this.#byId.get(userId);
  }

  findByUsername(username: string): Promise<User | null> {
    return this.#users.findByUsername(username);
  }

  async create(user: User): Promise<void> {
    this.#byId.forget(user.id);
    await this.#users.create(user);
  }

  async update(user: User): Promise<void> {
    this.#byId.forget(user.id);
    try {
      await this.#users.update(user);
    } finally {
      this.#byId.forget(user.id);
    }
  }

  list(page: { readonly limit: number; readonly offset: number }): Promise<{ readonly users: User[]; readonly total: number }> {
    return this.#users.list(page);
  }
}
