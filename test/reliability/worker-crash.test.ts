import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Database } from '../../src/adapters/postgres/database.ts';
import { PgJobRepository } from '../../src/adapters/postgres/pg-job-repository.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { describeWith } from '../support/describe-with.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { freshDatabase } from '../support/postgres-database.ts';
import { runEntry, waitFor, type RunningProcess } from '../support/processes.ts';
import { sharedServersEnv } from '../support/shared-servers-env.ts';
import { expectCompletedOnce, expectOutputOnce, jsonLines, login, settled, submit } from './support.ts';

const KILLS = 10;
const LINES = 40_000; // about 8 MB a file: long enough to be killed in the middle of

/**
 * kill -9 of a separate worker process in the middle of a job, again and again, with a new
 * worker started after each: every job still ends COMPLETED exactly once.
 */
describeWith('a worker process killed mid-job, over and over', { servers: ['databaseUrl', 'redisUrl'] }, ({ databaseUrl: databaseServer, redisUrl }) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Database;
  let api: RunningService;
  let call: HttpCall;
  let token: string;
  let workerEnv: Record<string, string>;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    database = await freshDatabase(databaseServer);
    const shared = sharedServersEnv({ databaseUrl: database.url, redisUrl }, 'crash');
    const env = {
      ...shared,
      PORT: String(await freePort()),
      STORAGE_DIR: `${shared.DATA_DIR}/objects`,
      JWT_SECRET_KEY: 'a-shared-secret-for-the-crash-drill',
      RATE_LIMIT_ENABLED: 'false',
      // Recovery within seconds: takeover after 2 s without an ack, lease of 5 s.
      QUEUE_VISIBILITY_TIMEOUT_SECONDS: '2',
      JOB_LEASE_SECONDS: '5',
      RECONCILE_INTERVAL_SECONDS: '1',
      // Every kill costs the job in hand a retry and a delivery: budgets for all of them.
      JOB_MAX_RETRIES: '60',
      QUEUE_MAX_DELIVERIES: '60',
      WORKER_CONCURRENCY: '2',
      LOG_LEVEL: 'error',
    };
    api = await startService(loadConfig(env), { api: true, worker: false }, { logger: pino({ level: 'silent' }) });
    call = httpClient(api.url!);
    token = await login(call);
    workerEnv = { ...env, PORT: String(await freePort()) };
    db = new Database({ url: database.url });
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await api?.stop();
    await db?.close();
    await database?.drop();
  });

  const startWorker = async (): Promise<RunningProcess> => {
    const metricsPort = await freePort();
    const worker = runEntry('src/bootstrap/worker.ts', { ...workerEnv, METRICS_PORT: String(metricsPort) });
    workers.push(worker);
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${metricsPort}/health/live`).catch(() => null))?.status === 200,
      `a worker to start\n${worker.output()}`,
      20_000,
    );
    return worker;
  };
  const countIn = async (status: string): Promise<number> =>
    Number((await call('GET', `/jobs?status=${status}&limit=1`, { token })).headers.get('x-total-count'));

  it(`completes every job exactly once across ${KILLS} kill -9s of its worker`, async () => {
    const content = jsonLines(LINES, 'crash');
    const jobs: string[] = [];
    let killedMidJob = 0;

    for (let kill = 1; kill <= KILLS; kill++) {
      // Keep work waiting, so every new worker has a job to be killed in.
      while ((await countIn('QUEUED')) + (await countIn('PROCESSING')) < 3) jobs.push(await submit(call, token, content));
      const worker = await startWorker();
      await waitFor(async () => (await countIn('PROCESSING')) > 0, 'a job in PROCESSING', 30_000);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 150)));
      if ((await countIn('PROCESSING')) > 0) killedMidJob += 1;
      worker.child.kill('SIGKILL');
      expect(await worker.exited).toBeNull();
    }

    const last = await startWorker();
    for (const id of jobs) expect((await settled(call, token, id, 90_000))?.status, `job ${id}`).toBe('COMPLETED');
    last.child.kill('SIGTERM');
    await last.exited;

    expect(killedMidJob).toBeGreaterThanOrEqual(KILLS - 1);
    const repository = new PgJobRepository(db);
    for (const id of jobs) {
      expectCompletedOnce(await repository.history(id));
      const job = (await call('GET', `/jobs/${id}`, { token })).body;
      expect(job.result).toMatchObject({ lines_total: LINES, events_parsed: LINES, lines_rejected: 0 });
      await expectOutputOnce(call, token, id, LINES);
    }
    // Recovery was exercised: some jobs went back to the queue after losing their worker.
    const histories = await Promise.all(jobs.map((id) => repository.history(id)));
    expect(histories.filter((h) => h.some((c) => c.from === 'PROCESSING' && c.to === 'QUEUED')).length).toBeGreaterThan(0);
  }, 300_000);
});
