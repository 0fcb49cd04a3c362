import type { Clock } from './clock.ts';
import type { IdGenerator } from './id-generator.ts';
import type { JobChangeFeed } from './job-change-feed.ts';
import type { JobQueue } from './job-queue.ts';
import type { JobRepository } from './job-repository.ts';
import type { LinePatternCompiler } from '../../domain/log/custom/line-pattern.ts';
import type { LogFormatRepository } from './log-format-repository.ts';
import type { LogNormalizer } from './log-normalizer.ts';
import type { ObjectStore } from './object-store.ts';
import type { PasswordHasher } from './password-hasher.ts';
import type { RateLimitStore } from './rate-limit-store.ts';
import type { SessionRepository } from './session-repository.ts';
import type { TokenIssuer } from './token-issuer.ts';
import type { UserRepository } from './user-repository.ts';

/** Every driven port of the core. A use case takes the `Pick` of it that it needs. */
export interface Ports {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly jobs: JobRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly storage: ObjectStore;
  readonly queue: JobQueue;
  readonly feed: JobChangeFeed;
  readonly tokens: TokenIssuer;
  readonly hasher: PasswordHasher;
  readonly rateLimits: RateLimitStore;
  readonly normalizer: LogNormalizer;
  readonly formats: LogFormatRepository;
  /** Compiles custom formats' patterns, to check them before a job or a saved format takes one. */
  readonly linePatterns: LinePatternCompiler;
}
