import type { UserRepository } from '../../application/ports/user-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/user/user.ts';

/** User accounts in process memory, with the same uniqueness rules as the database. */
export class InMemoryUserRepository implements UserRepository {
  readonly #users = new Map<string, User>();

  async create(user: User): Promise<void> {
    this.#assertUnique(user);
    this.#users.set(user.id, structuredClone(user));
  }

  async update(user: User): Promise<void> {
    if (!this.#users.has(user.id)) throw new DomainError('USER_NOT_FOUND', `User ${user.id} not found`);
    this.#assertUnique(user);
    this.#users.set(user.id, structuredClone(user));
  }

  async list(page: { limit: number; offset: number }): Promise<{ users: User[]; total: number }> {
    const all = [...this.#users.values()].sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
    return { users: structuredClone(all.slice(page.offset, page.offset + page.limit)), total: all.length };
  }

  /** The same uniqueness rules as the database: usernames and emails ignoring case. */
  #assertUnique(user: User): void {
    const others = [...this.#users.values()].filter((u) => u.id !== user.id);
    if (others.some((u) => u.username.toLowerCase() === user.username.toLowerCase())) {
      throw new DomainError('USERNAME_TAKEN', `Username ${user.username} is taken`);
    }
    if (others.some((u) => u.email.toLowerCase() === user.email.toLowerCase())) {
      throw new DomainError('EMAIL_TAKEN', `Email ${user.email} is taken`);
    }
  }

  async findById(userId: string): Promise<User | null> {
    const user = this.#users.get(userId);
    return user ? structuredClone(user) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    const wanted = username.toLowerCase();
    const user = [...this.#users.values()].find((u) => u.username.toLowerCase() === wanted);
    return user ? structuredClone(user) : null;
  }
}
