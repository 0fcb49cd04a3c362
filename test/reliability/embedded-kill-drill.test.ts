import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, postgresProcessesOf } from '../../src/adapters/system/process-table.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { httpClient } from '../support/http-client.ts';
import { runEntry, waitFor, type RunningProcess } from '../support/processes.ts';
import { tempDataDir } from '../support/temp-dir.ts';
import { login } from './support.ts';

const RESTARTS = 10;

/**
 * How a run ends, in turn: SIGKILL of the service alone (its Postgres, told to stop with its
 * parent, is still shutting down at the restart); SIGKILL of a service whose Postgres outlives
 * it (an orphan still serving the cluster); and SIGKILL of everything (power loss: a
 * postmaster.pid naming a dead process).
 */
const ENDINGS = ['service killed', 'postgres orphaned', 'power loss'] as const;

/**
 * `npm start` (the all-in-one process on its embedded defaults) killed with SIGKILL, then
 * started again on the same DATA_DIR, ten times in a row: every start becomes ready and
 * still holds everything written before.
 */
describe('npm start killed with SIGKILL and started again', () => {
  const dataDir = tempDataDir('ingest-kill-drill');
  const clusterDir = join(dataDir, 'postgres');
  const started: RunningProcess[] = [];

  afterAll(async () => {
    for (const proc of started) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
    for (const pid of postgresProcessesOf(clusterDir, null)) killIfRunning(pid);
  });

  /** Starts the service that will end by `ending`. */
  const start = async (ending: (typeof ENDINGS)[number] | 'SIGTERM') => {
    const port = await freePort();
    const proc = runEntry('src/bootstrap/all.ts', {
      PORT: String(port),
      DATA_DIR: dataDir,
      BCRYPT_COST: '4',
      RATE_LIMIT_ENABLED: 'false',
      // Power loss takes Postgres down with the service, before it could shut down on its parent's death.
      EMBEDDED_POSTGRES_STOP_WITH_PARENT: ending === 'postgres orphaned' || ending === 'power loss' ? 'false' : 'true',
    });
    started.push(proc);
    const call = httpClient(`http://127.0.0.1:${port}`);
    await waitFor(
      async () => proc.child.exitCode !== null || (await call('GET', '/health/ready').catch(() => null))?.status === 200,
      'the service to be ready',
      60_000,
    );
    expect(proc.child.exitCode, proc.output()).toBeNull();
    return { proc, call };
  };

  const postmasterPid = (): number => Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

  it(`restarts cleanly ${RESTARTS} times in a row, ready and keeping earlier data`, async () => {
    const jobs: string[] = [];
    const endingOf = (run: number) => (run > RESTARTS ? 'SIGTERM' : ENDINGS[(run - 1) % ENDINGS.length]!);
    let running = await start(endingOf(1));
    for (let restart = 1; restart <= RESTARTS + 1; restart++) {
      const token = await login(running.call);
      for (const id of jobs) expect((await running.call('GET', `/jobs/${id}`, { token })).status, id).toBe(200);
      const init = await running.call('POST', '/ingest/files/init', { token, json: { filename: `round-${restart}.log`, size: 10, log_format: 'text' } });
      expect(init.status).toBe(201);
      jobs.push(init.body.job_id);
      if (restart > RESTARTS) break;

      const ending = endingOf(restart);
      const postmaster = postmasterPid();
      running.proc.child.kill('SIGKILL');
      await running.proc.exited;
      if (ending === 'postgres orphaned') expect(isRunning(postmaster), 'the orphaned postmaster').toBe(true);
      if (ending === 'power loss') {
        const servers = postgresProcessesOf(clusterDir, postmaster);
        for (const pid of servers) killIfRunning(pid);
        await waitFor(() => !servers.some(isRunning), 'every Postgres process to be gone');
        expect(existsSync(join(clusterDir, 'postmaster.pid')), 'a stale postmaster.pid').toBe(true);
      }
      running = await start(endingOf(restart + 1));
      expect(running.proc.output()).not.toContain('could not start');
    }
    expect(jobs).toHaveLength(RESTARTS + 1);

    // Still stops cleanly, its Postgres with it.
    running.proc.child.kill('SIGTERM');
    expect(await running.proc.exited).toBe(0);
    expect(postgresProcessesOf(clusterDir, null)).toEqual([]);
  }, 240_000);
});

/** SIGKILL, unless it exited meanwhile. */
function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * `kill -9` of the npm process itself: npm runs the service through `sh` and passes nothing
 * on, so the service must notice on its own, stop, and leave port and data to the next start.
 */
describe('the npm process of npm start killed with SIGKILL', () => {
  it('stops the service it started, and the next npm start is ready on the same port and data', async () => {
    const port = await freePort();
    const dataDir = tempDataDir('ingest-npm-kill');
    const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, BCRYPT_COST: '4' };
    const call = httpClient(`http://127.0.0.1:${port}`);
    const ready = async () => (await call('GET', '/health/ready').catch(() => null))?.status === 200;
    const npmStart = () => spawn('npm', ['start'], { env, stdio: 'ignore', detached: true });

    const first = npmStart();
    try {
      await waitFor(ready, 'the first npm start to be ready', 60_000);
      first.kill('SIGKILL');
      await waitFor(
        async () => (await call('GET', '/health/live').catch(() => null)) === null && postgresProcessesOf(join(dataDir, 'postgres'), null).length === 0,
        'the orphaned service and its Postgres to stop',
        30_000,
      );
      const second = npmStart();
      try {
        await waitFor(ready, 'the second npm start to be ready', 60_000);
      } finally {
        process.kill(-second.pid!, 'SIGTERM');
      }
    } finally {
      try {
        process.kill(-first.pid!, 'SIGKILL'); // whatever is left of the first group
      } catch {
        // gone already
      }
    }
  }, 150_000);
});

