import { hkdfSync } from 'node:crypto';
import type { Container } from 'inversify';
import type { Clock } from '../application/ports/clock.ts';
import type { IdGenerator } from '../application/ports/id-generator.ts';
import type { JobChangeFeed } from '../application/ports/job-change-feed.ts';
import type { JobQueue } from '../application/ports/job-queue.ts';
import type { JobRepository } from '../application/ports/job-repository.ts';
import type { LogNormalizer } from '../application/ports/log-normalizer.ts';
import type { ObjectStore } from '../application/ports/object-store.ts';
import type { PasswordHasher } from '../application/ports/password-hasher.ts';
import type { SessionRepository } from '../application/ports/session-repository.ts';
import type { TokenIssuer } from '../application/ports/token-issuer.ts';
import type { UserRepository } from '../application/ports/user-repository.ts';
import type { LogFormatRepository } from '../application/ports/log-format-repository.ts';
import type { LinePatternCompiler } from '../domain/log/custom/line-pattern.ts';
import type { Ports } from '../application/ports/ports.ts';
import type { RateLimitStore } from '../application/ports/rate-limit-store.ts';
import { BcryptPasswordHasher } from '../adapters/bcrypt/bcrypt-password-hasher.ts';
import { JoseTokenIssuer } from '../adapters/jose/jose-token-issuer.ts';
import { LocalObjectStore } from '../adapters/local-storage/local-object-store.ts';
import { InMemoryJobChangeFeed } from '../adapters/memory/in-memory-job-change-feed.ts';
import { InMemoryJobQueue } from '../adapters/memory/in-memory-job-queue.ts';
import type { Database } from '../adapters/postgres/database.ts';
import { PgJobRepository } from '../adapters/postgres/pg-job-repository.ts';
import { PgSessionRepository } from '../adapters/postgres/pg-session-repository.ts';
import { PgUserRepository } from '../adapters/postgres/pg-user-repository.ts';
import { PgLogFormatRepository } from '../adapters/postgres/pg-log-format-repository.ts';
import { Re2LinePatternCompiler } from '../adapters/re2js/re2-line-pattern-compiler.ts';
import type { ServiceMetrics } from '../adapters/metrics/service-metrics.ts';
import { RedisJobChangeFeed } from '../adapters/redis/redis-job-change-feed.ts';
import { RedisJobQueue } from '../adapters/redis/redis-job-queue.ts';
import { RedisRateLimitStore } from '../adapters/redis/redis-rate-limit-store.ts';
import { InMemoryRateLimitStore } from '../adapters/memory/in-memory-rate-limit-store.ts';
import { FailoverRateLimitStore } from '../adapters/resilience/failover-rate-limit-store.ts';
import { createLogNormalizer } from '../adapters/normalizer/create-log-normalizer.ts';
import { MinioObjectStore } from '../adapters/s3/minio-object-store.ts';
import { UrlSigner } from '../adapters/signed-urls/url-signer.ts';
import { RandomUuidGenerator } from '../adapters/system/random-uuid-generator.ts';
import { SystemClock } from '../adapters/system/system-clock.ts';
import type { Config } from './config.ts';
import { jobRepositoryStack, userRepositoryStack, type ClosableJobRepository } from './repository-stacks.ts';
import type { Resources } from './resources.ts';
import { TOKENS } from './tokens.ts';

/** Adapters a caller (a test, another transport) supplies instead of the configured ones. */
export type PortOverrides = Partial<Ports>;

/** Binds every port to its override, or to the adapter the configuration selects. */
export function bindPorts(container: Container, config: Config, resources: Resources, overrides: PortOverrides): void {
  const database = (): Database => {
    if (!resources.database) throw new Error('No database was opened for the database-backed ports');
    return resources.database;
  };
  // An adapter built here with connections or threads of its own (a close method) is closed when
  // the container is unbound at shutdown; an override belongs to its caller.
  const bind = <T>(token: symbol, override: T | undefined, build: (...deps: never[]) => T, deps: symbol[] = []): void => {
    if (override) container.bind<T>(token).toConstantValue(override);
    else {
      container
        .bind<T>(token)
        .toResolvedValue(build as (...deps: unknown[]) => T, deps)
        .onDeactivation(async (adapter) => (adapter as { close?: () => Promise<void> }).close?.());
    }
  };

  bind(TOKENS.Clock, overrides.clock, () => new SystemClock());
  bind(TOKENS.IdGenerator, overrides.ids, () => new RandomUuidGenerator());
  bind<JobChangeFeed>(TOKENS.JobChangeFeed, overrides.feed, () =>
    resources.redis ? new RedisJobChangeFeed(resources.redis, config.redisKeyPrefix) : new InMemoryJobChangeFeed(),
  );
  // An override replaces the store only: tests run the decorators production runs.
  container
    .bind<ClosableJobRepository>(TOKENS.JobRepository)
    .toResolvedValue(
      (feed: JobChangeFeed, metrics: ServiceMetrics, clock: Clock) =>
        jobRepositoryStack(overrides.jobs ?? new PgJobRepository(database()), { feed, metrics, clock }),
      [TOKENS.JobChangeFeed, TOKENS.Metrics, TOKENS.Clock],
    )
    .onDeactivation((jobs) => jobs.close());
  container
    .bind<UserRepository>(TOKENS.UserRepository)
    .toResolvedValue((clock: Clock) => userRepositoryStack(overrides.users ?? new PgUserRepository(database()), clock), [TOKENS.Clock]);
  bind(TOKENS.SessionRepository, overrides.sessions, () => new PgSessionRepository(database()));
  const { keyPrefix, visibilityTimeoutMs } = config.queue;
  bind<JobQueue>(TOKENS.JobQueue, overrides.queue, () =>
    resources.redis ? new RedisJobQueue(resources.redis, { keyPrefix, visibilityTimeoutMs }) : new InMemoryJobQueue({ visibilityTimeoutMs }),
  );
  bind<PasswordHasher>(TOKENS.PasswordHasher, overrides.hasher, () => new BcryptPasswordHasher(config.passwordHashing));
  bind(TOKENS.TokenIssuer, overrides.tokens, (clock: Clock) => new JoseTokenIssuer(config.jwt, clock), [TOKENS.Clock]);
  bind(
    TOKENS.ObjectStore,
    overrides.storage,
    (clock: Clock) =>
      config.s3
        ? new MinioObjectStore(config.s3)
        : new LocalObjectStore(config.storageDir, new UrlSigner(storageSigningKey(config), config.publicBaseUrl, clock)),
    [TOKENS.Clock],
  );

  bind(TOKENS.RateLimitStore, overrides.rateLimits, () =>
    resources.redis
      ? new FailoverRateLimitStore(new RedisRateLimitStore(resources.redis, `${config.redisKeyPrefix}:rate`), new InMemoryRateLimitStore())
      : new InMemoryRateLimitStore(),
  );

  bind<LogNormalizer>(TOKENS.LogNormalizer, overrides.normalizer, () => createLogNormalizer(config.worker.parseThreads));
  bind<LogFormatRepository>(TOKENS.LogFormatRepository, overrides.formats, () => new PgLogFormatRepository(database()));
  bind<LinePatternCompiler>(TOKENS.LinePatternCompiler, overrides.linePatterns, () => new Re2LinePatternCompiler());

  // The record use cases are built from: each takes the ports it needs by name.
  container.bind<Ports>(TOKENS.Ports).toResolvedValue(
    (
      clock: Clock,
      ids: IdGenerator,
      jobs: JobRepository,
      users: UserRepository,
      sessions: SessionRepository,
      storage: ObjectStore,
      queue: JobQueue,
      feed: JobChangeFeed,
      tokens: TokenIssuer,
      hasher: PasswordHasher,
      rateLimits: RateLimitStore,
      normalizer: LogNormalizer,
      formats: LogFormatRepository,
      linePatterns: LinePatternCompiler,
    ): Ports => ({ clock, ids, jobs, users, sessions, storage, queue, feed, tokens, hasher, rateLimits, normalizer, formats, linePatterns }),
    [
      TOKENS.Clock, TOKENS.IdGenerator, TOKENS.JobRepository, TOKENS.UserRepository, TOKENS.SessionRepository,
      TOKENS.ObjectStore, TOKENS.JobQueue, TOKENS.JobChangeFeed, TOKENS.TokenIssuer, TOKENS.PasswordHasher,
      TOKENS.RateLimitStore, TOKENS.LogNormalizer, TOKENS.LogFormatRepository, TOKENS.LinePatternCompiler,
    ],
  );
}

/**
 * The key of the storage URLs the service signs: STORAGE_URL_SECRET, which production requires
 * (a leaked token key then cannot forge storage URLs); in development, derived from the JWT secret.
 */
export const storageSigningKey = (config: Pick<Config, 'storageUrlSecret' | 'jwt'>): Buffer =>
  config.storageUrlSecret !== null
    ? Buffer.from(config.storageUrlSecret)
    : Buffer.from(hkdfSync('sha256', config.jwt.secret, '', 'ingest-service/storage-url-signing', 32));
