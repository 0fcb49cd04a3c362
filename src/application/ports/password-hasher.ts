/** One-way, salted password hashing. */
export interface PasswordHasher {
  /** A salted hash; hashing the same password twice gives different strings. */
  hash(password: string): Promise<string>;
  /** True when `password` produced `hash`; false (never a throw) for a malformed hash. */
  verify(password: string, hash: string): Promise<boolean>;
}
