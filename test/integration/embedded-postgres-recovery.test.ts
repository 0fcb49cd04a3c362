import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/adapters/postgres/embedded-postgres-server.ts';
import { isRunning } from '../../src/adapters/system/process-table.ts';
import { tempDataDir } from '../support/temp-dir.ts';

const silent = { info: () => {}, warn: () => {}, debug: () => {} };

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS one')).rows[0]?.one === 1;
  } finally {
    await client.end();
  }
}

/** The embedded Postgres starting after however the previous run ended (the kill drill covers kills). */
describe('the embedded Postgres at start', () => {
  it('removes a postmaster.pid whose pid now belongs to another live process (reused after a reboot)', async () => {
    const dataDir = tempDataDir('ingest-pg-stale-pid');
    await (await startEmbeddedPostgres(dataDir, silent)).stop();
    const lockFile = join(dataDir, 'postgres', 'postmaster.pid');
    // As Postgres's own user, so Postgres itself sees the process as alive (kill 0 succeeds).
    const asPostgres = userInfo().uid === 0 ? { uid: Number(readId('-u')), gid: Number(readId('-g')) } : {};
    const stranger = spawn('sleep', ['60'], { ...asPostgres, stdio: 'ignore' });
    try {
      writeFileSync(lockFile, `${stranger.pid}\n${join(dataDir, 'postgres')}\n1796469625\n5432\n/tmp\nlocalhost\n  2147856         9\nready   \n`);
      const postgres = await startEmbeddedPostgres(dataDir, silent);
      try {
        expect(await answers(postgres.url)).toBe(true);
        expect(isRunning(stranger.pid!), 'the unrelated process is left alone').toBe(true);
      } finally {
        await postgres.stop();
      }
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  it('refuses a cluster whose server a running service owns, naming that process, and leaves it serving', async () => {
    const dataDir = tempDataDir('ingest-pg-in-use');
    const first = await startEmbeddedPostgres(dataDir, silent);
    try {
      const refusal = await startEmbeddedPostgres(dataDir, silent).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(Error);
      expect((refusal as Error).message).toContain(`belongs to a running Ingest Service (pid ${process.pid})`);
      expect(await answers(first.url)).toBe(true);
    } finally {
      await first.stop();
    }
  });

  it('says what Postgres printed when it cannot start, never a bare undefined', async () => {
    const dataDir = tempDataDir('ingest-pg-bad-conf');
    await (await startEmbeddedPostgres(dataDir, silent)).stop();
    appendFileSync(join(dataDir, 'postgres', 'postgresql.conf'), '\nshared_buffers = many\n');
    const failure = await startEmbeddedPostgres(dataDir, silent).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/exited during start \(code 1\): .*"shared_buffers".*FATAL: .*contains errors/);
  });
});

/** The id of the `postgres` system user the embedded server runs as under root. */
const readId = (flag: string): string => execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim();
