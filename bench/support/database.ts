import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/adapters/postgres/embedded-postgres-server.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';

export interface BenchDatabase {
  /** The fresh database the service and pgbench use. */
  readonly url: string;
  /** Where it runs: the machine's Postgres, or an embedded one started for the run. */
  readonly server: string;
  drop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A database of the run's own, on BENCH_DATABASE_URL, else the machine's Postgres on
 * 127.0.0.1:5432 when it answers, else an embedded Postgres started for the run.
 */
export async function benchDatabase(dataDir: string): Promise<BenchDatabase> {
  let serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let embedded: EmbeddedPostgres | null = null;
  if (!(await answers(serverUrl))) {
    embedded = await startEmbeddedPostgres(dataDir, { info: () => {}, warn: () => {}, debug: () => {} }, { port: await freePort() });
    serverUrl = embedded.url;
  }
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    server: embedded ? 'embedded Postgres (embedded-postgres)' : `Postgres at ${new URL(serverUrl).host}`,
    async drop() {
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await embedded?.stop();
    },
  };
}
