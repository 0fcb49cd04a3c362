import { ConfigError, loadConfig } from './config.ts';
import { DEFAULT_ADMIN } from './development-defaults.ts';
import { createLogger } from './logger.ts';
import { watchLauncher } from './launcher-watch.ts';
import { startService, type RunModes } from './run-service.ts';

const SHUTDOWN_GRACE_MS = 30_000;

/** An error's message and the messages of its causes; anything else as text. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `an unexpected ${error === undefined ? 'failure without a reason' : `value: ${String(error)}`}`;
  const cause = error.cause === undefined ? '' : ` (cause: ${describeFailure(error.cause)})`;
  return `${error.message || error.name}${cause}`;
}

/** Runs the service in the given mode until SIGTERM or SIGINT, then shuts down gracefully. */
export async function main(modes: RunModes): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
    const alone = modes.api !== modes.worker;
    // Apart, the API and the worker must share a queue and a database; embedded ones are per process.
    const missing = [!config.redisUrl && 'REDIS_URL', !config.databaseUrl && 'DATABASE_URL'].filter(Boolean);
    if (alone && missing.length > 0) {
      throw new ConfigError([`running ${modes.api ? 'the API' : 'the worker'} alone needs ${missing.join(' and ')}; use npm start (api + worker) for the embedded defaults`]);
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  const logger = createLogger(config);
  let service;
  try {
    service = await startService(config, modes, { logger });
  } catch (error) {
    // Whatever failed says why, in one line a person can act on (never a bare `undefined`).
    logger.fatal({ err: error }, 'could not start');
    console.error(`Ingest Service could not start: ${describeFailure(error)}`);
    process.exit(1);
  }
  const mode = modes.api && modes.worker ? 'all' : modes.api ? 'api' : 'worker';
  logger.info({ mode, url: service.url, environment: config.environment }, 'ingest service started');
  if (service.url && config.environment === 'development') {
    const devAdmin = config.admin.password === DEFAULT_ADMIN.password;
    console.log(`\n  Ingest Service listening on ${service.url}`);
    console.log(`  Web console: ${service.url}/  (API reference: ${service.url}/docs)`);
    if (devAdmin) console.log(`  Development admin: ${config.admin.username} / ${config.admin.password}`);
    console.log(`  Try: curl ${service.url}/health\n`);
  }

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      logger.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    forced.unref();
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  watchLauncher(() => {
    logger.warn('the npm process that started this service is gone');
    shutdown('launcher gone');
  });
}
