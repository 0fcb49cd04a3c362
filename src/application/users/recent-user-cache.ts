import type { User } from '../../domain/user/user.ts';
import { deepFreeze } from '../deep-freeze.ts';
import type { Clock } from '../ports/clock.ts';
import type { UserRepository } from '../ports/user-repository.ts';

const MAX_ENTRIES = 10_000;

/**
 * A UserRepository that remembers users looked up by id for a moment: authentication looks
 * the account up on every request, and at load that read would be most of the request.
 * Changes made through this repository are seen at once; changes made by another instance
 * (a deactivation, a new role) after at most `ttlMs`. Users found by id come frozen.
 */
export class RecentUserCache implements UserRepository {
  readonly #users: UserRepository;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #byId = new Map<string, { user: User | null; until: number }>();

  constructor(users: UserRepository, clock: Clock, ttlMs: number) {
    this.#users = users;
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  async findById(userId: string): Promise<User | null> {
    const now = this.#clock.now().getTime();
    const known = this.#byId.get(userId);
    if (known && known.until > now) return known.user;
    const user = deepFreeze(await this.#users.findById(userId));
    if (this.#byId.size >= MAX_ENTRIES) this.#byId.delete(this.#byId.keys().next().value!);
    this.#byId.set(userId, { user, until: now + this.#ttlMs });
    return user;
  }

  findByUsername(username: string): Promise<User | null> {
    return this.#users.findByUsername(username);
  }

  async create(user: User): Promise<void> {
    this.#byId.delete(user.id);
    await this.#users.create(user);
  }

  async update(user: User): Promise<void> {
    this.#byId.delete(user.id);
    try {
      await this.#users.update(user);
    } finally {
      this.#byId.delete(user.id);
    }
  }

  list(page: { readonly limit: number; readonly offset: number }): Promise<{ readonly users: User[]; readonly total: number }> {
    return this.#users.list(page);
  }
}
