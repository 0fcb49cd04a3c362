import type { Logger } from 'pino';
import { Database } from '../adapters/postgres/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../adapters/postgres/embedded-postgres-server.ts';
import { migrate } from '../adapters/postgres/migrate.ts';
import type { Ports } from '../application/ports/ports.ts';
import type { Config } from './config.ts';

/** Servers and connections the configured adapters need, opened before the container is built. */
export interface Resources {
  /** Null when every database-backed port was overridden (tests, other transports). */
  readonly database: Database | null;
  /** Closes connections, then stops embedded servers. */
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded Postgres when it is unset, and brings
 * the schema up to date (safe with several instances starting together).
 */
export async function openResources(config: Config, logger: Logger, overrides: Partial<Ports> = {}): Promise<Resources> {
  const needsDatabase = !(overrides.jobs && overrides.users && overrides.sessions);
  if (!needsDatabase) return { database: null, close: async () => {} };

  let embedded: EmbeddedPostgres | null = null;
  const url = config.databaseUrl ?? (embedded = await startEmbeddedPostgres(config.dataDir, logger)).url;
  try {
    const applied = await migrate({ url, log: (message) => logger.debug({ component: 'migrate' }, message) });
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const database = new Database({
    url,
    onIdleError: (error) => logger.warn({ err: error }, 'idle database connection failed'),
  });
  return {
    database,
    async close() {
      await database.close();
      await embedded?.stop();
    },
  };
}
