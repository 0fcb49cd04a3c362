import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { describeWith } from '../support/describe-with.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { freshDatabase } from '../support/postgres-database.ts';
import { sharedServersEnv } from '../support/shared-servers-env.ts';

/** The production shape: an API and a separate worker sharing Postgres, Redis and S3. */
describeWith('api and worker as separate services on Postgres, Redis and S3', { servers: ['databaseUrl', 'redisUrl', 's3'] }, ({ databaseUrl: databaseServer, redisUrl, s3 }) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let api: RunningService;
  let worker: RunningService;
  let call: HttpCall;
  let token: string;
  let metricsPort: number;
  const METRICS_TOKEN = 'distributed-metrics-token-5e2b9c41a7d3';

  beforeAll(async () => {
    database = await freshDatabase(databaseServer);
    const port = await freePort();
    metricsPort = await freePort();
    const env = {
      ...sharedServersEnv({ databaseUrl: database.url, redisUrl, s3 }, 'distributed'),
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN,
    };
    const logger = pino({ level: 'silent' });
    // Both start at once, as replicas would: migrations and the admin user must not race.
    [api, worker] = await Promise.all([
      startService(loadConfig(env), { api: true, worker: false }, { logger }),
      startService(loadConfig(env), { api: false, worker: true }, { logger }),
    ]);
    call = httpClient(api.url!);
    token = (await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } })).body.access_token;
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await database?.drop();
  });

  it('reports every real component healthy', async () => {
    expect((await call('GET', '/health/ready')).body).toEqual({
      status: 'ready',
      components: { database: 'healthy', redis: 'healthy', storage: 'healthy' },
    });
  });

  it("serves the API's and the worker's /metrics only with METRICS_TOKEN", async () => {
    for (const url of [`${api.url}/metrics`, `http://127.0.0.1:${metricsPort}/metrics`]) {
      expect((await fetch(url)).status, url).toBe(401);
      const scrape = await fetch(url, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scrape.status, url).toBe(200);
      expect(await scrape.text()).toContain('process_cpu_user_seconds_total');
    }
  });

  it('takes an upload straight to S3 and has the separate worker complete it', async () => {
    const content = 'one\ntwo\nthree\n';
    const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'a.log', size: content.length, log_format: 'text' } });
    expect(init.body.presigned_url.startsWith(s3.endpoint)).toBe(true);
    expect((await fetch(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: content })).status).toBe(200);
    // The event stream is served by the API; the changes happen in the worker process.
    const events = fetch(`${api.url}/jobs/${init.body.job_id}/events`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } })).body.status).toBe('QUEUED');
    const statuses = (await events).split('\n').filter((l) => l.startsWith('data:')).map((l) => JSON.parse(l.slice(5)).status);
    expect(statuses).toEqual(['CREATED', 'QUEUED', 'PROCESSING', 'COMPLETED']);

    let job = (await call('GET', `/jobs/${init.body.job_id}`, { token })).body;
    for (let i = 0; i < 100 && job.status !== 'COMPLETED' && job.status !== 'FAILED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await call('GET', `/jobs/${init.body.job_id}`, { token })).body;
    }
    expect(job).toMatchObject({ status: 'COMPLETED', file: { storage_type: 's3' }, result: { lines_total: 3, events_parsed: 3 } });

    const output = await call('GET', `/jobs/${init.body.job_id}/output`, { token });
    const download = await fetch(output.body.download_url);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });
});
