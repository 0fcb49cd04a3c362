import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../../application/ports/password-hasher.ts';

/**
 * Salted SHA-256: fast on purpose, so test suites and local tools do not pay bcrypt's cost.
 * Never for production passwords; the bootstrap refuses it there.
 */
export class Sha256PasswordHasher implements PasswordHasher {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16).toString('hex');
    return `sha256$${salt}$${digest(salt, password)}`;
  }

  /** Unbounded: each call takes microseconds. */
  hasCapacity(): boolean {
    return true;
  }

  async verify(password: string, hash: string): Promise<boolean> {
    const [scheme, salt, expected] = hash.split('$');
    if (scheme !== 'sha256' || !salt || !expected) return false;
    const actual = Buffer.from(digest(salt, password), 'hex');
    const wanted = Buffer.from(expected, 'hex');
    return actual.length === wanted.length && timingSafeEqual(actual, wanted);
  }
}

const digest = (salt: string, password: string): string =>
  createHash('sha256').update(salt).update('\u0000').update(password).digest('hex');
