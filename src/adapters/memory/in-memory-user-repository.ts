import type { UserRepository } from '../../application/ports/user-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/user/user.ts';

/** User accounts in process memory, with the same uniqueness rules as the database. */
export class InMemoryUserRepository implements UserRepository {
  readonly #users = new Map<string, User>();

  async create(user: User): Promise<void> {
    const existing = [...this.#users.values()];
    if (existing.some((u) => u.username === user.username)) {
      throw new DomainError('USERNAME_TAKEN', `Username ${user.username} is taken`);
    }
    if (existing.some((u) => u.email.toLowerCase() === user.email.toLowerCase())) {
      throw new DomainError('EMAIL_TAKEN', `Email ${user.email} is taken`);
    }
    this.#users.set(user.id, structuredClone(user));
  }

  async findById(userId: string): Promise<User | null> {
    const user = this.#users.get(userId);
    return user ? structuredClone(user) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    const user = [...this.#users.values()].find((u) => u.username === username);
    return user ? structuredClone(user) : null;
  }
}
