import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/user/user.ts';
import type { UserRepository } from '../ports/user-repository.ts';
import type { Actor } from './actor.ts';

/** The actor's own account. */
export class GetMe {
  readonly #users: UserRepository;

  constructor(users: UserRepository) {
    this.#users = users;
  }

  async execute(actor: Actor): Promise<User> {
    const user = await this.#users.findById(actor.userId);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'User not found');
    return user;
  }
}
