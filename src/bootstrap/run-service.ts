import type { ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { answerClientErrors } from '../adapters/http/client-errors.ts';
import { serveOverNode } from '../adapters/http/serve-over-node.ts';
import { metricsRoutes } from '../adapters/http/routes/metrics-routes.ts';
import type { ServiceMetrics } from '../adapters/metrics/service-metrics.ts';
import type { Logger } from 'pino';
import type { JobWorker } from '../adapters/worker/job-worker.ts';
import { PeriodicTask } from '../adapters/worker/periodic-task.ts';
import type { CollectExpiredFiles } from '../application/jobs/collect-expired-files.ts';
import type { ExpireAbandonedUploads } from '../application/jobs/expire-abandoned-uploads.ts';
import type { ReconcileJobs } from '../application/jobs/reconcile-jobs.ts';
import type { EnsureAdminUser } from '../application/auth/ensure-admin-user.ts';
import type { ObjectStore } from '../application/ports/object-store.ts';
import type { PortOverrides } from './bind-ports.ts';
import type { Config } from './config.ts';
import { buildContainer } from './container.ts';
import { createLogger } from './logger.ts';
import { openResources } from './resources.ts';
import { TOKENS } from './tokens.ts';

const JANITOR_INTERVAL_MS = 60_000;
/** How often a closing server drops the connections that became idle. */
const IDLE_SWEEP_MS = 50;
/** Connections still open this long after shutdown began are closed, answered or not. */
const CLOSE_DEADLINE_MS = 10_000;

export interface RunModes {
  readonly api: boolean;
  readonly worker: boolean;
}

export interface RunningService {
  /** Where the API listens; null in worker-only mode. */
  readonly url: string | null;
  /** Stops taking requests and jobs, finishes what is in flight. */
  stop(): Promise<void>;
}

/** Starts the API, the worker, or both, on the adapters the configuration selects. */
export async function startService(
  config: Config,
  modes: RunModes,
  options: { ports?: PortOverrides; logger?: Logger } = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config);
  const resources = await openResources(config, logger, options.ports);
  const closing = new AbortController();
  const container = buildContainer(config, { logger, resources, closing: closing.signal, ...(options.ports ? { ports: options.ports } : {}) });

  // Surfaces a storage problem at start (and creates a missing S3 bucket); not fatal: the
  // service starts, reports storage unhealthy and answers 503 until storage is back.
  await container
    .get<ObjectStore>(TOKENS.ObjectStore)
    .ping()
    .catch((error: unknown) => logger.error({ err: error }, 'storage is not usable yet'));

  if (await container.get<EnsureAdminUser>(TOKENS.EnsureAdminUser).execute(config.admin)) {
    logger.info({ username: config.admin.username }, 'created the bootstrap admin user');
  }

  let worker: JobWorker | null = null;
  const periodic: PeriodicTask[] = [];
  if (modes.worker) {
    // The in-process queue starts empty; give it back every job the repository says is waiting.
    if (!config.redisUrl) {
      const { released, handedOver } = await container.get<ReconcileJobs>(TOKENS.ReconcileAtStart).execute();
      if (released + handedOver > 0) logger.info({ released, handed_over: handedOver }, 'recovered the jobs of the previous process');
    }
    worker = container.get<JobWorker>(TOKENS.JobWorker);
    worker.start();
    const expire = container.get<ExpireAbandonedUploads>(TOKENS.ExpireAbandonedUploads);
    const collect = container.get<CollectExpiredFiles>(TOKENS.CollectExpiredFiles);
    const reconcile = container.get<ReconcileJobs>(TOKENS.ReconcileJobs);
    periodic.push(
      new PeriodicTask('upload janitor', () => expire.execute(), JANITOR_INTERVAL_MS, logger.child({ component: 'janitor' })),
      new PeriodicTask('storage janitor', () => collect.execute(), JANITOR_INTERVAL_MS, logger.child({ component: 'janitor' })),
      new PeriodicTask(
        'reconciler',
        async () => {
          const { released, handedOver } = await reconcile.execute();
          return released + handedOver;
        },
        config.reconcile.intervalMs,
        logger.child({ component: 'reconciler' }),
      ),
    );
    for (const task of periodic) task.start();
  }

  let server: ServerType | null = null;
  let url: string | null = null;
  if (modes.worker && !modes.api) {
    // A worker alone still answers for its metrics and liveness.
    const metrics = container.get<ServiceMetrics>(TOKENS.Metrics);
    const app = new Hono()
      .route('/metrics', metricsRoutes(metrics, { token: config.metricsToken }))
      .get('/health/live', (c) => c.json({ status: 'alive' }));
    server = (await serveOverNode(app, config.metricsPort, config.host)).server;
    logger.info({ port: config.metricsPort }, 'worker metrics listening');
  }
  if (modes.api) {
    const app = container.get<Hono>(TOKENS.HttpApp);
    const { server: api, address } = await serveOverNode(app, config.port, config.host);
    answerClientErrors(api);
    server = api;
    url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;
  }

  return {
    url,
    async stop() {
      // Event streams never end by themselves; they end now, so the server can close.
      closing.abort();
      const closed = server ? closeServer(server) : Promise.resolve();
      await Promise.all([closed, worker?.stop(), ...periodic.map((task) => task.stop())]);
      // Last: in-flight requests and jobs above still needed these.
      await container.unbindAllAsync();
      await resources.close();
    },
  };
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    const sweeping = 'closeIdleConnections' in server;
    // Idle keep-alive connections would otherwise hold close() open until they time out (5 s),
    // including those whose request (an event stream) ends after close() was called.
    const sweep = sweeping ? setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS).unref() : undefined;
    // A client that stopped reading blocks its answer's last write: cut such connections off.
    const deadline = sweeping ? setTimeout(() => server.closeAllConnections(), CLOSE_DEADLINE_MS).unref() : undefined;
    server.close((error) => {
      clearInterval(sweep);
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    });
    if (sweeping) server.closeIdleConnections();
  });
}
