import { DomainError } from '../../domain/errors.ts';
import type { User } from '../../domain/user/user.ts';
import type { Actor } from './actor.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports GetMe uses. */
export type GetMePorts = Pick<Ports, 'users'>;

/** The actor's own account. */
export class GetMe {
  readonly #ports: GetMePorts;

  constructor(ports: GetMePorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor): Promise<User> {
    const user = await this.#ports.users.findById(actor.userId);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'User not found');
    return user;
  }
}
