import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/adapters/postgres/embedded-postgres-server.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { waitFor } from '../support/processes.ts';
import { tempDataDir } from '../support/temp-dir.ts';
import { login } from './support.ts';

const CLIENTS = 8;

/**
 * Postgres stops and starts again while clients keep reading and creating jobs. The service
 * recovers by itself; requests during the outage answer 503, none 500, and no accepted job is lost.
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

  it('answers 503 naming the database (never 500) while Postgres is down, recovers without a restart of its own, and loses no job', async () => {
    const seed = await call('POST', '/ingest/files/init', { token, json: { filename: 'seed.log', size: 10, log_format: 'text' } });
    expect(seed.status).toBe(201);
    const statuses = new Map<number, number>();
    const created: string[] = [];
    const bad: string[] = [];
    let loading = true;

    const client = async (n: number): Promise<void> => {
      for (let i = 0; loading; i++) {
        const request =
          i % 3 === 0
            ? call('POST', '/ingest/files/init', { token, json: { filename: `c${n}-${i}.log`, size: 100, log_format: 'text' } })
            : i % 3 === 1
              ? call('GET', `/jobs/${seed.body.job_id}`, { token })
              : call('GET', '/jobs?limit=5', { token });
        const response = await request;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) created.push(response.body.job_id);
        const namesTheDatabase = response.body?.error_code === 'DATABASE_UNAVAILABLE' && response.body?.detail === 'Database unavailable';
        if (response.status >= 500 && !(response.status === 503 && namesTheDatabase)) bad.push(`${response.status} ${response.text}`);
      }
    };
    // A client that throws stops and is reported with the bad answers, not as an unhandled rejection.
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n).catch((error: unknown) => void bad.push(`client ${n}: ${String(error)}`)));
    const count = (status: number) => statuses.get(status) ?? 0;
    const seen = (status: number) => count(status) > 0;

    await waitFor(() => seen(200) && seen(201), 'reads and writes before the outage');
    await postgres.stop();

    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not_ready', components: { database: 'unhealthy' } });
    for (const [method, path, json] of [
      ['GET', '/jobs', undefined],
      ['POST', '/ingest/files/init', { filename: 'a.log', size: 3, log_format: 'text' }],
      ['POST', '/auth/login', { username: 'admin', password: 'admin123' }],
    ] as const) {
      const res = await call(method, path, { token, ...(json ? { json } : {}) });
      expect([path, res.status, res.body.error_code, res.body.detail]).toEqual([path, 503, 'DATABASE_UNAVAILABLE', 'Database unavailable']);
      // The client learns that the database is down, not which driver failed how.
      expect(res.text).not.toMatch(/ECONNREFUSED|terminat|pg_|postgres/i);
    }
    await waitFor(() => seen(503), 'the clients to meet the outage');

    postgres = await startEmbeddedPostgres(dataDir, silent, { port: postgresPort });
    await waitFor(async () => (await call('GET', '/jobs', { token })).status === 200, 'the service to reconnect by itself');
    const writesBefore = count(201);
    await waitFor(() => count(201) > writesBefore, 'the clients to create jobs again');
    loading = false;
    await Promise.all(clients);

    expect(bad).toEqual([]);
    expect([...statuses.keys()].sort()).toEqual([200, 201, 503]);
    expect((await call('GET', `/jobs/${seed.body.job_id}`, { token })).status).toBe(200);
    expect((await call('GET', '/health/ready')).status).toBe(200);
    // Every job the service said it created is there.
    for (const id of created) expect((await call('GET', `/jobs/${id}`, { token })).status, id).toBe(200);
    expect(Number((await call('GET', '/jobs?limit=1', { token })).headers.get('x-total-count'))).toBeGreaterThanOrEqual(created.length + 1);
  }, 60_000);
});
