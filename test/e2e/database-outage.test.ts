import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/adapters/postgres/embedded-postgres-server.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { tempDataDir } from '../support/temp-dir.ts';

/** Postgres goes away under a running service and comes back; the service never restarts. */
describe('a database outage', () => {
  const silent = { info: () => {}, warn: () => {}, debug: () => {} };
  const dataDir = tempDataDir('ingest-outage');
  let postgres: EmbeddedPostgres;
  let port: number;
  let service: RunningService;
  let call: HttpCall;
  let token: string;

  beforeAll(async () => {
    port = await freePort();
    postgres = await startEmbeddedPostgres(dataDir, silent, { port });
    const config = loadConfig({ PORT: String(await freePort()), DATABASE_URL: postgres.url, DATA_DIR: dataDir, BCRYPT_COST: '4' });
    service = await startService(config, { api: true, worker: true }, { logger: pino({ level: 'silent' }) });
    call = httpClient(service.url!);
    token = (await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } })).body.access_token;
  });
  afterAll(async () => {
    await service?.stop();
    await postgres?.stop();
  });

  it('answers 503 naming the database while it is down, and recovers by itself', async () => {
    expect((await call('GET', '/jobs', { token })).status).toBe(200);
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
      expect(res.text).not.toMatch(/ECONNREFUSED|terminat|pg_|postgres/i);
    }

    postgres = await startEmbeddedPostgres(dataDir, silent, { port });
    let jobs = await call('GET', '/jobs', { token });
    for (let i = 0; i < 20 && jobs.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      jobs = await call('GET', '/jobs', { token });
    }
    expect(jobs.status).toBe(200);
    expect((await call('GET', '/health/ready')).status).toBe(200);
  });
});
