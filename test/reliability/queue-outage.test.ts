import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { describeWith } from '../support/describe-with.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { freshDatabase } from '../support/postgres-database.ts';
import { disposableRedis } from '../support/redis-server.ts';
import { tempDataDir } from '../support/temp-dir.ts';
import { jsonLines, login, settled } from './support.ts';

/**
 * Redis goes down just as clients complete their uploads, and comes back empty (no
 * persistence). Every complete answers 200 (the job is stored QUEUED, which is durable),
 * and every accepted job is processed once Redis is back.
 */
describeWith('Redis stopped at the moment of complete', { servers: ['databaseUrl'], programs: ['redis-server'] }, ({ databaseUrl: databaseServer }) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let redis: Awaited<ReturnType<typeof disposableRedis>>;
  let service: RunningService;
  let call: HttpCall;
  let token: string;

  beforeAll(async () => {
    database = await freshDatabase(databaseServer);
    redis = await disposableRedis();
    const env = {
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      DATA_DIR: tempDataDir('ingest-redis-outage'),
      BCRYPT_COST: '4',
      RECONCILE_INTERVAL_SECONDS: '1',
    };
    service = await startService(loadConfig(env), { api: true, worker: true }, { logger: pino({ level: 'silent' }) });
    call = httpClient(service.url!);
    token = await login(call);
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await redis?.stop();
    await database?.drop();
  });

  it('accepts every complete while Redis is down and completes every job once it is back', async () => {
    const content = jsonLines(200, 'outage');
    const uploaded: string[] = [];
    for (let i = 0; i < 5; i++) {
      const init = await call('POST', '/ingest/files/init', { token, json: { filename: `f${i}.log`, size: content.length, log_format: 'json' } });
      expect((await fetch(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: content })).status).toBe(200);
      uploaded.push(init.body.job_id);
    }

    await redis.stop();
    for (const jobId of uploaded) {
      const complete = await call('POST', '/ingest/files/complete', { token, json: { job_id: jobId } });
      expect([complete.status, complete.body.status], JSON.stringify(complete.body)).toEqual([200, "QUEUED"]);
    }
    const ready = await call('GET', '/health/ready');
    expect([ready.status, ready.body.components.redis]).toEqual([503, 'unhealthy']);
    // Nothing can be processed meanwhile, and nothing is lost.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const jobId of uploaded) expect((await call('GET', `/jobs/${jobId}`, { token })).body.status).toBe('QUEUED');

    await redis.start();
    for (const jobId of uploaded) {
      expect(await settled(call, token, jobId, 30_000)).toMatchObject({ status: 'COMPLETED', result: { events_parsed: 200 } });
    }
    expect((await call('GET', '/health/ready')).status).toBe(200);
  }, 90_000);
});
