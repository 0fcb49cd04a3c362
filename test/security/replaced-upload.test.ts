import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { login, settled } from '../reliability/support.ts';
import { describeWith } from '../support/describe-with.ts';
import { httpClient } from '../support/http-client.ts';
import { freshDatabase } from '../support/postgres-database.ts';
import { sharedServersEnv } from '../support/shared-servers-env.ts';
import type { S3TestServer } from '../support/test-servers.ts';

const ORIGINAL = 'INFO the line that was verified\n';

/**
 * The presigned URL still works after `complete` (S3 cannot revoke one): whoever holds it
 * replaces the upload before a worker reads it. The worker must not process those bytes.
 * The API runs alone until the replacement is in place; a worker then takes the job over.
 */
describeWith('an upload replaced after complete verified it', { servers: ['databaseUrl'] }, ({ databaseUrl: databaseServer }) => {
  const services: RunningService[] = [];
  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.stop()));
  });

  async function replacedAfterComplete(storage: 'local' | { s3: S3TestServer }, replacement: string, declareChecksum: boolean) {
    const database = await freshDatabase(databaseServer);
    const env = {
      ...sharedServersEnv({ databaseUrl: database.url, ...(storage === 'local' ? {} : storage) }, 'replaced'),
      PORT: String(await freePort()),
      RATE_LIMIT_ENABLED: 'false',
    };
    const logger = pino({ level: 'silent' });
    const api = await startService(loadConfig(env), { api: true, worker: false }, { logger });
    services.push(api);
    const call = httpClient(api.url!);
    const token = await login(call);

    const checksum = declareChecksum ? { checksum_sha256: createHash('sha256').update(ORIGINAL).digest('hex') } : {};
    const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'app.log', size: ORIGINAL.length, log_format: 'text', ...checksum } });
    expect(init.status).toBe(201);
    const put = (body: string) => fetch(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body });
    expect((await put(ORIGINAL)).status).toBe(200);
    expect((await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } })).body.status).toBe('QUEUED');
    expect((await put(replacement)).status).toBe(200);

    // A worker starts and takes over the QUEUED job (in-process queue: handed over at start).
    services.push(await startService(loadConfig({ ...env, PORT: String(await freePort()) }), { api: false, worker: true }, { logger }));
    const job = await settled(call, token, init.body.job_id, 20_000);
    const output = await call('GET', `/jobs/${job.job_id}/output`, { token });
    await database.drop().catch(() => {});
    return { job, output };
  }

  it('fails the job when the same number of other bytes replaced a checksummed upload (local store)', async () => {
    const { job, output } = await replacedAfterComplete('local', 'INFO a line nobody ever verified\n'.slice(0, ORIGINAL.length), true);
    expect(job).toMatchObject({ status: 'FAILED', retry_count: 0, result: null });
    expect(job.error_message).toBe('The uploaded file changed after it was verified: its SHA-256 no longer matches the declared one');
    expect(output.status).toBe(400);
  });

  describeWith('an upload replaced on S3', { servers: ['s3'] }, ({ s3 }) => {
    it('fails the job at once when a much larger file replaced the upload', async () => {
      const { job } = await replacedAfterComplete({ s3 }, `${ORIGINAL}${'x'.repeat(1023)}\n`.repeat(5 * 1024), false);
      expect(job).toMatchObject({ status: 'FAILED', retry_count: 0, result: null });
      expect(job.error_message).toBe(`The uploaded file changed after it was verified: it has more than the ${ORIGINAL.length} bytes verified`);
    });
  });
});
