import { hash, verify } from '@node-rs/bcrypt';
import type { PasswordHasher } from '../../application/ports/password-hasher.ts';

/** bcrypt from @node-rs/bcrypt: hashing runs on libuv's thread pool, off the event loop. */
export class BcryptPasswordHasher implements PasswordHasher {
  readonly #cost: number;

  constructor(cost: number) {
    this.#cost = cost;
  }

  hash(password: string): Promise<string> {
    return hash(password, this.#cost);
  }

  async verify(password: string, passwordHash: string): Promise<boolean> {
    try {
      return await verify(password, passwordHash);
    } catch {
      return false; // a malformed hash matches nothing
    }
  }
}
