import type { Logger } from 'pino';
import { Database } from '../adapters/postgres/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../adapters/postgres/embedded-postgres-server.ts';
import { migrate } from '../adapters/postgres/migrate.ts';
import { connectRedis, whenReady, type RedisConnection } from '../adapters/redis/redis-connection.ts';
import type { Ports } from '../application/ports/ports.ts';
import type { Config } from './config.ts';

/** Servers and connections the configured adapters need, opened before the container is built. */
export interface Resources {
  /** Null when every database-backed port was overridden (tests, other transports). */
  readonly database: Database | null;
  /** The shared Redis client when REDIS_URL is set and the queue is not overridden. */
  readonly redis: RedisConnection | null;
  /** Closes connections, then stops embedded servers. */
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded Postgres when it is unset, and brings
 * the schema up to date (safe with several instances starting together).
 */
export async function openResources(config: Config, logger: Logger, overrides: Partial<Ports> = {}): Promise<Resources> {
  const redis = config.redisUrl && !overrides.queue ? await openRedis(config.redisUrl, logger) : null;
  const closeRedis = async (): Promise<void> => {
    await redis?.close().catch(() => {});
  };
  const needsDatabase = !(overrides.jobs && overrides.users && overrides.sessions && overrides.formats);
  if (!needsDatabase) return { database: null, redis, close: closeRedis };

  let embedded: EmbeddedPostgres | null = null;
  const url = config.databaseUrl ?? (embedded = await startEmbeddedPostgres(config.dataDir, logger, config.embeddedPostgres)).url;
  try {
    const applied = await migrate({ url, log: (message) => logger.debug({ component: 'migrate' }, message) });
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  } catch (error) {
    await embedded?.stop();
    await closeRedis();
    throw error;
  }
  const database = new Database({
    url,
    onIdleError: (error) => logger.warn({ err: error }, 'idle database connection failed'),
  });
  return {
    database,
    redis,
    async close() {
      await closeRedis();
      await database.close();
      await embedded?.stop();
    },
  };
}

/**
 * Connects to Redis, waiting a little for it. A Redis that is down at start does not stop
 * the service: queue operations answer 503 until it is back, then work again.
 */
async function openRedis(url: string, logger: Logger): Promise<RedisConnection> {
  let lastError = '';
  const redis = connectRedis(url, (error) => {
    if (error.message !== lastError) logger.warn({ err: error }, 'redis connection problem');
    lastError = error.message;
  });
  redis.on('ready', () => {
    lastError = '';
    logger.info('redis connected');
  });
  await whenReady(redis, 5_000).catch(() => logger.error('redis is not reachable; queue operations will fail until it is'));
  return redis;
}
