import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/adapters/postgres/embedded-postgres-server.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { tempDataDir } from '../support/temp-dir.ts';
import { login } from './support.ts';

const CLIENTS = 8;
const LOAD_MS = 8_000;

/**
 * Postgres is restarted while clients keep reading and creating jobs. The service recovers
 * by itself; requests during the outage answer 503, none 500, and no accepted job is lost.
 */
describe('Postgres restarted under load', () => {
  const silent = { info: () => {}, warn: () => {}, debug: () => {} };
  const dataDir = tempDataDir('ingest-pg-restart');
  let postgres: EmbeddedPostgres;
  let postgresPort: number;
  let service: RunningService;
  let call: HttpCall;
  let token: string;

  beforeAll(async () => {
    postgresPort = await freePort();
    postgres = await startEmbeddedPostgres(dataDir, silent, { port: postgresPort });
    const config = loadConfig({
      PORT: String(await freePort()),
      DATABASE_URL: postgres.url,
      DATA_DIR: dataDir,
      BCRYPT_COST: '4',
      RATE_LIMIT_ENABLED: 'false',
    });
    service = await startService(config, { api: true, worker: true }, { logger: pino({ level: 'silent' }) });
    call = httpClient(service.url!);
    token = await login(call);
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await postgres?.stop();
  });

  it('answers 503 (never 500) while Postgres restarts, recovers without a restart of its own, and loses no job', async () => {
    const seed = await call('POST', '/ingest/files/init', { token, json: { filename: 'seed.log', size: 10, log_format: 'text' } });
    const statuses = new Map<number, number>();
    const created: string[] = [];
    const bad: string[] = [];
    const deadline = Date.now() + LOAD_MS;

    const client = async (n: number): Promise<void> => {
      for (let i = 0; Date.now() < deadline; i++) {
        const request =
          i % 3 === 0
            ? call('POST', '/ingest/files/init', { token, json: { filename: `c${n}-${i}.log`, size: 100, log_format: 'text' } })
            : i % 3 === 1
              ? call('GET', `/jobs/${seed.body.job_id}`, { token })
              : call('GET', '/jobs?limit=5', { token });
        const response = await request;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) created.push(response.body.job_id);
        if (response.status >= 500 && response.status !== 503) bad.push(`${response.status} ${response.text}`);
        if (response.status === 503) expect(response.body).toMatchObject({ error_code: 'DATABASE_UNAVAILABLE', detail: 'Database unavailable' });
      }
    };
    const restart = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await postgres.stop();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      postgres = await startEmbeddedPostgres(dataDir, silent, { port: postgresPort });
    })();
    await Promise.all([restart, ...Array.from({ length: CLIENTS }, (_, n) => client(n))]);

    expect(bad).toEqual([]);
    expect([...statuses.keys()].sort()).toEqual([200, 201, 503]);
    // Recovered by itself: reads, writes and readiness work again.
    expect((await call('GET', `/jobs/${seed.body.job_id}`, { token })).status).toBe(200);
    expect((await call('GET', '/health/ready')).status).toBe(200);
    // Every job the service said it created is there.
    for (const id of created) expect((await call('GET', `/jobs/${id}`, { token })).status, id).toBe(200);
    expect(Number((await call('GET', '/jobs?limit=1', { token })).headers.get('x-total-count'))).toBeGreaterThanOrEqual(created.length + 1);
  }, 60_000);
});
