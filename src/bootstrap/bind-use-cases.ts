import type { Container } from 'inversify';
import { Authenticate } from '../application/auth/authenticate.ts';
import { EnsureAdminUser } from '../application/auth/ensure-admin-user.ts';
import { GetMe } from '../application/auth/get-me.ts';
import { Login } from '../application/auth/login.ts';
import { Logout } from '../application/auth/logout.ts';
import { RefreshSession } from '../application/auth/refresh-session.ts';
import { VerifyToken } from '../application/auth/verify-token.ts';
import { CheckReadiness } from '../application/health/check-readiness.ts';
import { CompleteUpload } from '../application/ingest/complete-upload.ts';
import { InitUpload } from '../application/ingest/init-upload.ts';
import { GetJob } from '../application/jobs/get-job.ts';
import { GetJobOutput } from '../application/jobs/get-job-output.ts';
import { ListJobs } from '../application/jobs/list-jobs.ts';
import { ProcessJob } from '../application/jobs/process-job.ts';
import { RecoverQueuedJobs } from '../application/jobs/recover-queued-jobs.ts';
import { RetryJob } from '../application/jobs/retry-job.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { IdGenerator } from '../application/ports/id-generator.ts';
import type { JobQueue } from '../application/ports/job-queue.ts';
import type { JobRepository } from '../application/ports/job-repository.ts';
import type { ObjectStore } from '../application/ports/object-store.ts';
import type { PasswordHasher } from '../application/ports/password-hasher.ts';
import type { SessionRepository } from '../application/ports/session-repository.ts';
import type { TokenIssuer } from '../application/ports/token-issuer.ts';
import type { UserRepository } from '../application/ports/user-repository.ts';
import type { Config } from './config.ts';
import { TOKENS as T } from './tokens.ts';

/** Output download URLs live shorter than upload URLs: they are fetched right away. */
const OUTPUT_URL_EXPIRE_SECONDS = 900;

/** The use cases: plain classes built by factories, so the core needs no decorators. */
export function bindUseCases(container: Container, config: Config): void {
  const refreshTtl = config.jwt.refreshTtlSeconds;
  const to = <A extends unknown[]>(token: symbol, build: (...deps: A) => unknown, deps: symbol[]): void => {
    container.bind(token).toResolvedValue(build as (...deps: unknown[]) => unknown, deps);
  };

  to(T.Authenticate, (t: TokenIssuer, u: UserRepository) => new Authenticate(t, u), [T.TokenIssuer, T.UserRepository]);
  to(
    T.Login,
    (u: UserRepository, h: PasswordHasher, t: TokenIssuer, s: SessionRepository, i: IdGenerator, c: Clock) =>
      new Login(u, h, t, s, i, c, refreshTtl),
    [T.UserRepository, T.PasswordHasher, T.TokenIssuer, T.SessionRepository, T.IdGenerator, T.Clock],
  );
  to(
    T.RefreshSession,
    (u: UserRepository, t: TokenIssuer, s: SessionRepository, i: IdGenerator, c: Clock) =>
      new RefreshSession(u, t, s, i, c, refreshTtl),
    [T.UserRepository, T.TokenIssuer, T.SessionRepository, T.IdGenerator, T.Clock],
  );
  to(T.Logout, (t: TokenIssuer, s: SessionRepository) => new Logout(t, s), [T.TokenIssuer, T.SessionRepository]);
  to(T.GetMe, (u: UserRepository) => new GetMe(u), [T.UserRepository]);
  to(T.VerifyToken, (t: TokenIssuer) => new VerifyToken(t), [T.TokenIssuer]);
  to(
    T.EnsureAdminUser,
    (u: UserRepository, h: PasswordHasher, i: IdGenerator, c: Clock) => new EnsureAdminUser(u, h, i, c),
    [T.UserRepository, T.PasswordHasher, T.IdGenerator, T.Clock],
  );
  to(
    T.InitUpload,
    (j: JobRepository, s: ObjectStore, i: IdGenerator, c: Clock) => new InitUpload(j, s, i, c, config.uploads),
    [T.JobRepository, T.ObjectStore, T.IdGenerator, T.Clock],
  );
  to(
    T.CompleteUpload,
    (j: JobRepository, s: ObjectStore, q: JobQueue, c: Clock) => new CompleteUpload(j, s, q, c),
    [T.JobRepository, T.ObjectStore, T.JobQueue, T.Clock],
  );
  to(T.GetJob, (j: JobRepository) => new GetJob(j), [T.JobRepository]);
  to(T.ListJobs, (j: JobRepository) => new ListJobs(j), [T.JobRepository]);
  to(
    T.GetJobOutput,
    (j: JobRepository, s: ObjectStore) => new GetJobOutput(j, s, OUTPUT_URL_EXPIRE_SECONDS),
    [T.JobRepository, T.ObjectStore],
  );
  to(T.RetryJob, (j: JobRepository, q: JobQueue, c: Clock) => new RetryJob(j, q, c), [T.JobRepository, T.JobQueue, T.Clock]);
  to(
    T.ProcessJob,
    (j: JobRepository, s: ObjectStore, q: JobQueue, c: Clock) =>
      new ProcessJob(j, s, q, c, {
        maxRetries: config.worker.maxRetries,
        maxLineBytes: 1024 * 1024,
        progressIntervalMs: 1_000,
        retryBaseDelayMs: 1_000,
      }),
    [T.JobRepository, T.ObjectStore, T.JobQueue, T.Clock],
  );
  to(T.RecoverQueuedJobs, (j: JobRepository, q: JobQueue) => new RecoverQueuedJobs(j, q), [T.JobRepository, T.JobQueue]);
  to(
    T.CheckReadiness,
    (j: JobRepository, q: JobQueue, s: ObjectStore) =>
      new CheckReadiness([
        { name: 'database', ...(config.databaseUrl ? { ping: () => j.ping() } : {}) },
        { name: 'redis', ...(config.redisUrl ? { ping: () => q.ping() } : {}) },
        { name: 'storage', ping: () => s.ping() },
      ]),
    [T.JobRepository, T.JobQueue, T.ObjectStore],
  );
}
