import { hashSync, verifySync } from '@node-rs/bcrypt';

// Runs on the hasher's own worker threads (see BcryptPasswordHasher). The synchronous calls
// are the point: @node-rs/bcrypt's promise API computes on libuv's thread pool, the one file
// I/O waits for.

export function hash({ password, cost }: { password: string; cost: number }): string {
  return hashSync(password, cost);
}

export function verify({ password, hash }: { password: string; hash: string }): boolean {
  try {
    return verifySync(password, hash);
  } catch {
    return false; // a malformed hash matches nothing
  }
}
