import type { User } from '../../domain/user/user.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ports } from '../ports/ports.ts';
import { findVisibleUser } from './user-access.ts';

/** The ports GetUser uses. */
export type GetUserPorts = Pick<Ports, 'users'>;

/** One account: any for an admin, their own for anyone else. */
export class GetUser {
  readonly #ports: GetUserPorts;

  constructor(ports: GetUserPorts) {
    this.#ports = ports;
  }

  execute(actor: Actor, userId: string): Promise<User> {
    return findVisibleUser(this.#ports.users, actor, userId);
  }
}
