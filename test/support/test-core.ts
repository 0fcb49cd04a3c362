import { tempDataDir } from './temp-dir.ts';
import type { Hono } from 'hono';
import { pino, type Logger } from 'pino';
import type { AppEnv } from '../../src/adapters/http/app-env.ts';
import { InlineLogNormalizer } from '../../src/adapters/normalizer/inline-log-normalizer.ts';
import { InMemoryJobQueue } from '../../src/adapters/memory/in-memory-job-queue.ts';
import { InMemoryJobRepository } from '../../src/adapters/memory/in-memory-job-repository.ts';
import { InMemoryLogFormatRepository } from '../../src/adapters/memory/in-memory-log-format-repository.ts';
import { InMemoryObjectStore } from '../../src/adapters/memory/in-memory-object-store.ts';
import { InMemorySessionRepository } from '../../src/adapters/memory/in-memory-session-repository.ts';
import { InMemoryUserRepository } from '../../src/adapters/memory/in-memory-user-repository.ts';
import { ManualClock } from '../../src/adapters/memory/manual-clock.ts';
import { SequentialIdGenerator } from '../../src/adapters/memory/sequential-id-generator.ts';
import { Sha256PasswordHasher } from '../../src/adapters/memory/sha256-password-hasher.ts';
import { UrlSigner } from '../../src/adapters/signed-urls/url-signer.ts';
import type { Actor } from '../../src/application/auth/actor.ts';
import type { JobQueue } from '../../src/application/ports/job-queue.ts';
import type { JobRepository } from '../../src/application/ports/job-repository.ts';
import type { ObjectStore } from '../../src/application/ports/object-store.ts';
import type { PasswordHasher } from '../../src/application/ports/password-hasher.ts';
import type { RateLimitStore } from '../../src/application/ports/rate-limit-store.ts';
import type { UserRepository } from '../../src/application/ports/user-repository.ts';
import type { PortOverrides } from '../../src/bootstrap/bind-ports.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { buildContainer } from '../../src/bootstrap/container.ts';
import { TOKENS } from '../../src/bootstrap/tokens.ts';
import type { Role, User } from '../../src/domain/user/user.ts';
import { T0 } from './builders.ts';

export const PASSWORD = 'correct-horse-battery';

/**
 * The real composition root on in-memory adapters: a manual clock, predictable ids, a
 * fast password hasher. Tests reach use cases, ports and the Hono app through it.
 */
export function createTestCore(
  options: {
    env?: Record<string, string>;
    storage?: (clock: ManualClock) => ObjectStore;
    queue?: JobQueue;
    rateLimits?: RateLimitStore;
    hasher?: PasswordHasher;
    logger?: Logger;
  } = {},
) {
  const config = loadConfig({
    DATA_DIR: tempDataDir('ingest-core'),
    PUBLIC_BASE_URL: 'http://ingest.test',
    MAX_UPLOAD_BYTES: '1048576',
    ...options.env,
  });
  const clock = new ManualClock(T0);
  // The stores under the repository stacks the service builds; tests change them only to act as another process would.
  const stores = { jobs: new InMemoryJobRepository(), users: new InMemoryUserRepository() };
  const given = {
    clock,
    ids: new SequentialIdGenerator(),
    ...stores,
    sessions: new InMemorySessionRepository(),
    queue: options.queue ?? new InMemoryJobQueue({ visibilityTimeoutMs: 500 }),
    storage: options.storage?.(clock) ?? new InMemoryObjectStore(new UrlSigner('test-storage-key', config.publicBaseUrl, clock)),
    hasher: options.hasher ?? new Sha256PasswordHasher(),
    normalizer: new InlineLogNormalizer(),
    formats: new InMemoryLogFormatRepository(),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  } satisfies PortOverrides;
  const container = buildContainer(config, { ports: given, logger: options.logger ?? pino({ level: 'silent' }) });
  const get = <T>(token: symbol): T => container.get<T>(token);
  // The repositories as the use cases have them (caches, announcements, metrics).
  const ports = { ...given, jobs: get<JobRepository>(TOKENS.JobRepository), users: get<UserRepository>(TOKENS.UserRepository) };

  let users = 0;
  async function addUser(role: Role, overrides: Partial<User> = {}): Promise<{ user: User; actor: Actor }> {
    const n = ++users;
    const user: User = {
      id: ports.ids.newId(),
      username: `${role}-${n}`,
      email: `${role}-${n}@example.com`,
      fullName: `${role} ${n}`,
      role,
      isActive: true,
      passwordHash: await ports.hasher.hash(PASSWORD),
      sessionVersion: 0,
      createdAt: clock.now(),
      updatedAt: clock.now(),
      ...overrides,
    };
    await ports.users.create(user);
    return { user, actor: { userId: user.id, username: user.username, role: user.role } };
  }

  return { config, clock, ports, stores, get, addUser, app: get<Hono<AppEnv>>(TOKENS.HttpApp) };
}

export type TestCore = ReturnType<typeof createTestCore>;
