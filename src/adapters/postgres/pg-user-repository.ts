import type { UserRepository } from '../../application/ports/user-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Role, User } from '../../domain/user/user.ts';
import { uniqueViolation, type Database } from './database.ts';

interface UserRow {
  id: string;
  username: string;
  email: string;
  full_name: string | null;
  role: string;
  is_active: boolean;
  password_hash: string;
  session_version: number;
  created_at: Date;
  updated_at: Date;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  email: row.email,
  fullName: row.full_name,
  role: row.role as Role,
  isActive: row.is_active,
  passwordHash: row.password_hash,
  sessionVersion: row.session_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** User accounts in Postgres; uniqueness is enforced by the database's own indexes. */
export class PgUserRepository implements UserRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async create(user: User): Promise<void> {
    await this.#write(user, () =>
      this.#db.query(
        `INSERT INTO users (id, username, email, full_name, role, is_active, password_hash, session_version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [user.id, user.username, user.email, user.fullName, user.role, user.isActive, user.passwordHash, user.sessionVersion, user.createdAt, user.updatedAt],
      ),
    );
  }

  async update(user: User): Promise<void> {
    const result = await this.#write(user, () =>
      this.#db.query(
        `UPDATE users SET username = $2, email = $3, full_name = $4, role = $5, is_active = $6, password_hash = $7,
                          session_version = $8, updated_at = $9
          WHERE id = $1`,
        [user.id, user.username, user.email, user.fullName, user.role, user.isActive, user.passwordHash, user.sessionVersion, user.updatedAt],
      ),
    );
    if (result.rowCount === 0) throw new DomainError('USER_NOT_FOUND', `User ${user.id} not found`);
  }

  async list(page: { limit: number; offset: number }): Promise<{ users: User[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.#db.query<UserRow>('SELECT * FROM users ORDER BY username LIMIT $1 OFFSET $2', [page.limit, page.offset]),
      this.#db.query<{ total: string }>('SELECT count(*) AS total FROM users'),
    ]);
    return { users: rows.rows.map(toUser), total: Number(count.rows[0]?.total ?? 0) };
  }

  /** Runs a write, turning a unique violation into the domain's "taken" errors. */
  async #write<T>(user: User, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'users_username_key') throw new DomainError('USERNAME_TAKEN', `Username ${user.username} is taken`);
      if (constraint === 'users_email_key') throw new DomainError('EMAIL_TAKEN', `Email ${user.email} is taken`);
      throw error;
    }
  }

  async findById(userId: string): Promise<User | null> {
    const { rows } = await this.#db.query<UserRow>('SELECT * FROM users WHERE id = $1', [userId]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    // lower(username) is what the unique index holds, so this is an index lookup.
    const { rows } = await this.#db.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [username]);
    return rows[0] ? toUser(rows[0]) : null;
  }
}
