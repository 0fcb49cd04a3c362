import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { describeWith } from '../support/describe-with.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { outageProxy, type OutageProxy } from '../support/outage-proxy.ts';
import { freshDatabase } from '../support/postgres-database.ts';
import { sharedServersEnv } from '../support/shared-servers-env.ts';
import { jsonLines, login, settled } from './support.ts';

/**
 * Object storage becomes unreachable (a network outage between the service and S3). The API
 * answers 503 "Storage unavailable" for what needs storage; the worker retries with backoff
 * and completes the job once storage is back. The API and the worker reach S3 through
 * outage switches of their own, so each side's outage is exercised on its own.
 */
describeWith('object storage unreachable', { servers: ['databaseUrl', 'redisUrl', 's3'] }, ({ databaseUrl: databaseServer, redisUrl, s3 }) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let apiLink: OutageProxy;
  let workerLink: OutageProxy;
  let api: RunningService;
  let worker: RunningService;
  let call: HttpCall;
  let token: string;

  beforeAll(async () => {
    database = await freshDatabase(databaseServer);
    const endpoint = new URL(s3.endpoint);
    const target = { host: endpoint.hostname, port: Number(endpoint.port || 80) };
    [apiLink, workerLink] = await Promise.all([outageProxy(target), outageProxy(target)]);
    // Each side reaches S3 through its own outage switch (S3_ENDPOINT set below).
    const env = { ...sharedServersEnv({ databaseUrl: database.url, redisUrl, s3 }, 's3-outage'), JOB_MAX_RETRIES: '6' };
    const logger = pino({ level: 'silent' });
    api = await startService(loadConfig({ ...env, PORT: String(await freePort()), S3_ENDPOINT: apiLink.url() }), { api: true, worker: false }, { logger });
    worker = await startService(
      loadConfig({ ...env, METRICS_PORT: String(await freePort()), S3_ENDPOINT: workerLink.url() }),
      { api: false, worker: true },
      { logger },
    );
    call = httpClient(api.url!);
    token = await login(call);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await Promise.all([apiLink?.restore(), workerLink?.restore()]);
    await database?.drop();
  });

  it('answers init and complete with 503 "Storage unavailable" while the API cannot reach storage', async () => {
    const content = jsonLines(10, 'api-outage');
    const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'a.log', size: content.length, log_format: 'json' } });
    expect((await fetch(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: content })).status).toBe(200);

    await apiLink.cut();
    // Presigning needs no network; init notices the outage within the 2 s a successful probe vouches for.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const refusedInit = await call('POST', '/ingest/files/init', { token, json: { filename: 'b.log', size: 10, log_format: 'json' } });
    const refusedComplete = await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } });
    for (const response of [refusedInit, refusedComplete]) {
      expect([response.status, response.body.error_code, response.body.detail]).toEqual([503, 'STORAGE_UNAVAILABLE', 'Storage unavailable']);
    }
    expect((await call('GET', '/health/ready')).body.components.storage).toBe('unhealthy');
    // Nothing changed: the job waits in CREATED for a complete that works.
    expect((await call('GET', `/jobs/${init.body.job_id}`, { token })).body.status).toBe('CREATED');

    await apiLink.restore();
    expect((await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } })).status).toBe(200);
    expect(await settled(call, token, init.body.job_id, 20_000)).toMatchObject({ status: 'COMPLETED', result: { events_parsed: 10 } });
  }, 60_000);

  it('has the worker retry with backoff while it cannot reach storage, then complete', async () => {
    const content = jsonLines(500, 'worker-outage');
    const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'w.log', size: content.length, log_format: 'json' } });
    expect((await fetch(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: content })).status).toBe(200);

    await workerLink.cut();
    expect((await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } })).status).toBe(200);
    // Two failed attempts, each sent back to the queue with a longer delay.
    let job = (await call('GET', `/jobs/${init.body.job_id}`, { token })).body;
    for (let i = 0; i < 100 && job.retry_count < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await call('GET', `/jobs/${init.body.job_id}`, { token })).body;
    }
    expect(job).toMatchObject({ retry_count: 2, error_message: 'Storage unavailable' });
    expect(['QUEUED', 'PROCESSING']).toContain(job.status);

    await workerLink.restore();
    expect(await settled(call, token, init.body.job_id, 30_000)).toMatchObject({
      status: 'COMPLETED',
      error_message: null,
      result: { events_parsed: 500 },
    });
  }, 60_000);
});
