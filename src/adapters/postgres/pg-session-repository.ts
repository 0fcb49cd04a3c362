import type { RefreshSession, RotationOutcome, SessionRepository } from '../../application/ports/session-repository.ts';
import type { Database } from './database.ts';

/** Refresh-token records in Postgres; a rotation locks the token's row. */
export class PgSessionRepository implements SessionRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async add(session: RefreshSession): Promise<void> {
    await this.#db.query(
      'INSERT INTO refresh_sessions (token_id, user_id, family_id, expires_at) VALUES ($1, $2, $3, $4)',
      [session.tokenId, session.userId, session.familyId, session.expiresAt],
    );
  }

  async isCurrent(tokenId: string, now: Date): Promise<boolean> {
    const { rows } = await this.#db.query(
      `SELECT 1 FROM refresh_sessions s
        WHERE s.token_id = $1 AND s.rotated_at IS NULL AND s.expires_at > $2
          AND NOT EXISTS (SELECT 1 FROM revoked_session_families f WHERE f.family_id = s.family_id)`,
      [tokenId, now],
    );
    return rows.length > 0;
  }

  rotate(tokenId: string, next: RefreshSession, now: Date): Promise<RotationOutcome> {
    return this.#db.transaction(async (client) => {
      const { rows } = await client.query<{ family_id: string; expires_at: Date; rotated_at: Date | null; revoked: boolean }>(
        `SELECT s.family_id, s.expires_at, s.rotated_at, (f.family_id IS NOT NULL) AS revoked
           FROM refresh_sessions s LEFT JOIN revoked_session_families f ON f.family_id = s.family_id
          WHERE s.token_id = $1
            FOR UPDATE OF s`,
        [tokenId],
      );
      const session = rows[0];
      if (!session || session.revoked || session.expires_at <= now) return 'revoked';
      if (session.rotated_at !== null) {
        await client.query('INSERT INTO revoked_session_families (family_id) VALUES ($1) ON CONFLICT DO NOTHING', [session.family_id]);
        return 'reused';
      }
      await client.query('UPDATE refresh_sessions SET rotated_at = $2 WHERE token_id = $1', [tokenId, now]);
      await client.query(
        'INSERT INTO refresh_sessions (token_id, user_id, family_id, expires_at) VALUES ($1, $2, $3, $4)',
        [next.tokenId, next.userId, next.familyId, next.expiresAt],
      );
      return 'rotated';
    });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.#db.query('INSERT INTO revoked_session_families (family_id) VALUES ($1) ON CONFLICT DO NOTHING', [familyId]);
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.#db.query(
      `INSERT INTO revoked_session_families (family_id)
       SELECT DISTINCT family_id FROM refresh_sessions WHERE user_id = $1
       ON CONFLICT DO NOTHING`,
      [userId],
    );
  }
}
