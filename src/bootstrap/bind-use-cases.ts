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
import { GetJobHistory } from '../application/jobs/get-job-history.ts';
import { WatchJob } from '../application/jobs/watch-job.ts';
import { WatchJobs } from '../application/jobs/watch-jobs.ts';
import { GetJobOutput } from '../application/jobs/get-job-output.ts';
import { ListJobs } from '../application/jobs/list-jobs.ts';
import { ProcessJob } from '../application/jobs/process-job.ts';
import { ExpireAbandonedUploads } from '../application/jobs/expire-abandoned-uploads.ts';
import { CollectExpiredFiles } from '../application/jobs/collect-expired-files.ts';
import { ReconcileJobs } from '../application/jobs/reconcile-jobs.ts';
import { RetryJob } from '../application/jobs/retry-job.ts';
import { CreateUser } from '../application/users/create-user.ts';
import { DeactivateUser } from '../application/users/deactivate-user.ts';
import { GetUser } from '../application/users/get-user.ts';
import { ListUsers } from '../application/users/list-users.ts';
import { UpdateUser } from '../application/users/update-user.ts';
import { ResetPassword } from '../application/users/reset-password.ts';
import { CreateLogFormat } from '../application/formats/create-log-format.ts';
import { DeleteLogFormat } from '../application/formats/delete-log-format.ts';
import { GetLogFormat } from '../application/formats/get-log-format.ts';
import { ListLogFormats } from '../application/formats/list-log-formats.ts';
import { ReplaceLogFormat } from '../application/formats/replace-log-format.ts';
import type { Ports } from '../application/ports/ports.ts';
import type { Config } from './config.ts';
import { TOKENS } from './tokens.ts';

/** Login attempts one client may make for one username: stricter than the general limit. */
const LOGIN_LIMIT = { attempts: 10, windowSeconds: 15 * 60 };

/** A CREATED job is expired this long after its upload URL, so a slow upload can still finish. */
const UPLOAD_GRACE_SECONDS = 300;

/**
 * A write that made no progress for this long was abandoned: well past the longest output
 * write (a job's CPU budget) and any upload through the service's storage route.
 */
const ABANDONED_WRITE_SECONDS = 6 * 3600;

/** Output download URLs live shorter than upload URLs: they are fetched right away. */
const OUTPUT_URL_EXPIRE_SECONDS = 900;

/** The use cases: plain classes built by factories, so the core needs no decorators. */
export function bindUseCases(container: Container, config: Config): void {
  const refreshTtl = config.jwt.refreshTtlSeconds;
  const bindUseCase = (token: symbol, build: (ports: Ports) => unknown): void => {
    container.bind(token).toResolvedValue(build, [TOKENS.Ports]);
  };

  bindUseCase(TOKENS.Authenticate, (ports) => new Authenticate(ports));
  bindUseCase(TOKENS.Login, (ports) => new Login(ports, refreshTtl, LOGIN_LIMIT));
  bindUseCase(TOKENS.RefreshSession, (ports) => new RefreshSession(ports, refreshTtl));
  bindUseCase(TOKENS.Logout, (ports) => new Logout(ports));
  bindUseCase(TOKENS.GetMe, (ports) => new GetMe(ports));
  bindUseCase(TOKENS.VerifyToken, (ports) => new VerifyToken(ports));
  bindUseCase(TOKENS.EnsureAdminUser, (ports) => new EnsureAdminUser(ports));
  bindUseCase(TOKENS.InitUpload, (ports) => new InitUpload(ports, config.uploads));
  bindUseCase(TOKENS.CompleteUpload, (ports) => new CompleteUpload(ports));
  bindUseCase(TOKENS.GetJob, (ports) => new GetJob(ports));
  bindUseCase(TOKENS.GetJobHistory, (ports) => new GetJobHistory(ports));
  bindUseCase(TOKENS.WatchJob, (ports) => new WatchJob(ports));
  bindUseCase(TOKENS.WatchJobs, (ports) => new WatchJobs(ports));
  bindUseCase(TOKENS.ListJobs, (ports) => new ListJobs(ports));
  bindUseCase(TOKENS.GetJobOutput, (ports) => new GetJobOutput(ports, OUTPUT_URL_EXPIRE_SECONDS));
  bindUseCase(TOKENS.RetryJob, (ports) => new RetryJob(ports));
  bindUseCase(TOKENS.CreateUser, (ports) => new CreateUser(ports));
  bindUseCase(TOKENS.ListUsers, (ports) => new ListUsers(ports));
  bindUseCase(TOKENS.GetUser, (ports) => new GetUser(ports));
  bindUseCase(TOKENS.UpdateUser, (ports) => new UpdateUser(ports));
  bindUseCase(TOKENS.DeactivateUser, (ports) => new DeactivateUser(ports));
  bindUseCase(TOKENS.ResetPassword, (ports) => new ResetPassword(ports));
  bindUseCase(TOKENS.CreateLogFormat, (ports) => new CreateLogFormat(ports));
  bindUseCase(TOKENS.ReplaceLogFormat, (ports) => new ReplaceLogFormat(ports));
  bindUseCase(TOKENS.DeleteLogFormat, (ports) => new DeleteLogFormat(ports));
  bindUseCase(TOKENS.ListLogFormats, (ports) => new ListLogFormats(ports));
  bindUseCase(TOKENS.GetLogFormat, (ports) => new GetLogFormat(ports));
  bindUseCase(
    TOKENS.ProcessJob,
    (ports) =>
      new ProcessJob(ports, {
        maxRetries: config.worker.maxRetries,
        maxLineBytes: 1024 * 1024,
        budgets: config.worker.budgets,
        progressIntervalMs: 1_000,
        retryBaseDelayMs: 1_000,
      }),
  );
  // The in-process queue starts empty and its workers died with the previous process: at
  // start, every QUEUED job is handed over and every PROCESSING one released, at once.
  bindUseCase(TOKENS.ReconcileAtStart, (ports) => new ReconcileJobs(ports, { leaseMs: 0, handOverGraceMs: 0, maxRetries: config.worker.maxRetries }));
  bindUseCase(
    TOKENS.ExpireAbandonedUploads,
    (ports) => new ExpireAbandonedUploads(ports, config.uploads.uploadUrlExpiresSeconds, UPLOAD_GRACE_SECONDS),
  );
  bindUseCase(
    TOKENS.CollectExpiredFiles,
    (ports) =>
      new CollectExpiredFiles(ports, {
        failedJobFilesMs: config.retention.failedJobFilesHours * 3600 * 1000,
        uploadUrlMs: (config.uploads.uploadUrlExpiresSeconds + UPLOAD_GRACE_SECONDS) * 1000,
        abandonedWriteMs: ABANDONED_WRITE_SECONDS * 1000,
      }),
  );
  bindUseCase(
    TOKENS.ReconcileJobs,
    (ports) =>
      new ReconcileJobs(ports, {
        leaseMs: config.reconcile.leaseMs,
        handOverGraceMs: config.reconcile.intervalMs,
        maxRetries: config.worker.maxRetries,
      }),
  );
  bindUseCase(
    TOKENS.CheckReadiness,
    ({ jobs, queue, storage }) =>
      new CheckReadiness([
        { name: 'database', ping: () => jobs.ping() },
        { name: 'redis', ...(config.redisUrl ? { ping: () => queue.ping() } : {}) },
        { name: 'storage', ping: () => storage.ping() },
      ]),
  );
}
