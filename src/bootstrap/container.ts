import { FileConsoleAssets } from '../adapters/console-assets/file-console-assets.ts';
import 'reflect-metadata';
import { hostname } from 'node:os';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import { createApp } from '../adapters/http/create-app.ts';
import type { HttpUseCases } from '../adapters/http/use-cases.ts';
import { SelfServedObjectStore } from '../adapters/signed-urls/self-served-store.ts';
import { ServiceMetrics } from '../adapters/metrics/service-metrics.ts';
import { JobWorker } from '../adapters/worker/job-worker.ts';
import type { ProcessJob } from '../application/jobs/process-job.ts';
import type { JobQueue } from '../application/ports/job-queue.ts';
import type { ObjectStore } from '../application/ports/object-store.ts';
import type { RateLimitStore } from '../application/ports/rate-limit-store.ts';
import { bindPorts, type PortOverrides } from './bind-ports.ts';
import { bindUseCases } from './bind-use-cases.ts';
import type { Config } from './config.ts';
import type { Resources } from './resources.ts';
import { TOKENS } from './tokens.ts';

const NO_RESOURCES: Resources = { database: null, redis: null, close: async () => {} };

export const VERSION = '1.0.0';

export interface ContainerOptions {
  /** Adapters to use instead of the configured ones (tests, other transports). */
  readonly ports?: PortOverrides;
  /** Opened servers and connections (see openResources); none when every such port is overridden. */
  readonly resources?: Resources;
  readonly logger: Logger;
  /** Aborted when the service shuts down (ends open event streams). */
  readonly closing?: AbortSignal;
}

/** The composition root: configuration in, every port, use case and driving adapter bound. */
export function buildContainer(config: Config, options: ContainerOptions): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(TOKENS.Config).toConstantValue(config);
  container.bind(TOKENS.Logger).toConstantValue(options.logger);
  container.bind(TOKENS.Metrics).toResolvedValue(
    (queue: JobQueue) => {
      const metrics = new ServiceMetrics();
      metrics.watchQueue(queue);
      return metrics;
    },
    [TOKENS.JobQueue],
  );
  bindPorts(container, config, options.resources ?? NO_RESOURCES, options.ports ?? {});
  bindUseCases(container, config);

  container.bind(TOKENS.HttpApp).toResolvedValue(
    (storage: ObjectStore, rateLimits: RateLimitStore, metrics: ServiceMetrics) =>
      createApp(httpUseCases(container), {
        version: VERSION,
        metrics,
        metricsToken: config.metricsToken,
        selfServedStorage: storage instanceof SelfServedObjectStore ? storage : null,
        rateLimit: config.rateLimit.enabled ? { store: rateLimits, perMinute: config.rateLimit.perMinute } : null,
        requestTimeoutMs: config.requestTimeoutSeconds * 1000,
        corsOrigins: config.corsOrigins,
        console: { assets: new FileConsoleAssets(), storageOrigins: config.s3 ? [new URL(config.s3.publicEndpoint).origin] : [] },
        ...(options.closing ? { closing: options.closing } : {}),
        // Request lines carry fixed fields that hold no secret: no redaction to pay for on every request.
        requestLog: options.logger.child({ component: 'http' }, { redact: [] }),
        onServerError: (error) => options.logger.error({ err: error }, 'request failed'),
      }),
    [TOKENS.ObjectStore, TOKENS.RateLimitStore, TOKENS.Metrics],
  );
  container.bind(TOKENS.JobWorker).toResolvedValue(
    (queue: JobQueue, processJob: ProcessJob, metrics: ServiceMetrics) =>
      new JobWorker(queue, processJob, options.logger.child({ component: 'worker' }), {
        concurrency: config.worker.concurrency,
        // Unique per process: in containers every worker is pid 1, on a host name of its own.
        name: `worker-${hostname()}-${process.pid}`,
        maxDeliveries: config.queue.maxDeliveries,
        claimRenewalMs: config.queue.visibilityTimeoutMs / 3,
        observe: (report, seconds) => {
          metrics.workerJobDuration.observe({ outcome: report.outcome }, seconds);
          if (report.bytesProcessed) metrics.workerBytes.inc(report.bytesProcessed);
        },
      }),
    [TOKENS.JobQueue, TOKENS.ProcessJob, TOKENS.Metrics],
  );
  return container;
}

/** Which binding serves each use case the HTTP adapter drives. */
const HTTP_USE_CASES: Record<keyof HttpUseCases, symbol> = {
  authenticate: TOKENS.Authenticate,
  login: TOKENS.Login,
  refreshSession: TOKENS.RefreshSession,
  logout: TOKENS.Logout,
  getMe: TOKENS.GetMe,
  verifyToken: TOKENS.VerifyToken,
  initUpload: TOKENS.InitUpload,
  completeUpload: TOKENS.CompleteUpload,
  getJob: TOKENS.GetJob,
  getJobHistory: TOKENS.GetJobHistory,
  watchJob: TOKENS.WatchJob,
  watchJobs: TOKENS.WatchJobs,
  listJobs: TOKENS.ListJobs,
  getJobOutput: TOKENS.GetJobOutput,
  retryJob: TOKENS.RetryJob,
  checkReadiness: TOKENS.CheckReadiness,
  createUser: TOKENS.CreateUser,
  listUsers: TOKENS.ListUsers,
  getUser: TOKENS.GetUser,
  updateUser: TOKENS.UpdateUser,
  deactivateUser: TOKENS.DeactivateUser,
  createLogFormat: TOKENS.CreateLogFormat,
  replaceLogFormat: TOKENS.ReplaceLogFormat,
  deleteLogFormat: TOKENS.DeleteLogFormat,
  listLogFormats: TOKENS.ListLogFormats,
  getLogFormat: TOKENS.GetLogFormat,
};

const httpUseCases = (container: Container): HttpUseCases =>
  Object.fromEntries(Object.entries(HTTP_USE_CASES).map(([name, token]) => [name, container.get(token)])) as unknown as HttpUseCases;
