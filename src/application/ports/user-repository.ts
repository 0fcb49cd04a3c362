import type { User } from '../../domain/user/user.ts';

/**
 * Stored user accounts. Usernames and emails are unique ignoring case (`Admin` and `admin`
 * cannot be two users); each is stored as it was written. Users returned are immutable: one
 * may be handed to every caller.
 */
export interface UserRepository {
  /** Throws DomainError USERNAME_TAKEN or EMAIL_TAKEN; stores nothing then. */
  create(user: User): Promise<void>;
  /** Null when there is no such user. */
  findById(userId: string): Promise<User | null>;
  /** The user whose name equals `username` ignoring case; null when there is none. */
  findByUsername(username: string): Promise<User | null>;
  /**
   * Replaces the stored user with the same id. Throws DomainError USER_NOT_FOUND, or
   * USERNAME_TAKEN / EMAIL_TAKEN when another user holds the new name; stores nothing then.
   */
  update(user: User): Promise<void>;
  /** Users ordered by username; `total` ignores limit and offset. */
  list(page: { readonly limit: number; readonly offset: number }): Promise<{ readonly users: User[]; readonly total: number }>;
}
