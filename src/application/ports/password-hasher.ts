/**
 * One-way, salted password hashing. Hashing is costly on purpose, so an adapter may bound the
 * work it takes on: a call beyond that bound throws OverloadedError at once, having done nothing.
 */
export interface PasswordHasher {
  /** A salted hash; hashing the same password twice gives different strings. */
  hash(password: string): Promise<string>;
  /** True when `password` produced `hash`; false (never a throw) for a malformed hash. */
  verify(password: string, hash: string): Promise<boolean>;
  /** Whether a call now would be taken on, so a caller can refuse before spending anything on it. */
  hasCapacity(): boolean;
}
