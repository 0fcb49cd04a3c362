import type { User } from '../../domain/user/user.ts';

/** Stored user accounts. Usernames and emails are unique (case-insensitively for email). */
export interface UserRepository {
  /** Throws DomainError USERNAME_TAKEN or EMAIL_TAKEN; stores nothing then. */
  create(user: User): Promise<void>;
  /** Null when there is no such user. */
  findById(userId: string): Promise<User | null>;
  /** Null when there is no such user. Exact match. */
  findByUsername(username: string): Promise<User | null>;
}
