import { randomBytes } from 'node:crypto';
import { Database, quoteIdentifier } from '../../src/adapters/postgres/database.ts';
import { migrate } from '../../src/adapters/postgres/migrate.ts';
import { adminQuery } from './postgres-database.ts';

export const TABLES = ['job_status_changes', 'job_results', 'file_uploads', 'jobs', 'refresh_sessions', 'revoked_session_families', 'users', 'log_formats'];

/** A schema of its own for one test file, migrated, and dropped by `drop`. */
export async function isolatedSchema(url: string) {
  const schema = `it_${randomBytes(5).toString('hex')}`;
  await migrate({ url, schema });
  const db = new Database({ url, schema, maxConnections: 12 });
  return {
    db,
    schema,
    truncate: () => db.query(`TRUNCATE ${TABLES.join(', ')}`),
    async drop() {
      await db.close();
      await adminQuery(url, `DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    },
  };
}
