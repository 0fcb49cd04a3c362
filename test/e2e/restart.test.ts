import { pino } from 'pino';
import { tempDataDir } from '../support/temp-dir.ts';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService } from '../../src/bootstrap/run-service.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { httpClient } from '../support/http-client.ts';

describe('the embedded service across a restart', () => {
  it('keeps jobs and users in its embedded Postgres', async () => {
    const dataDir = tempDataDir('ingest-restart');
    const start = async () => {
      const config = loadConfig({ PORT: String(await freePort()), DATA_DIR: dataDir, BCRYPT_COST: '4' });
      const service = await startService(config, { api: true, worker: true }, { logger: pino({ level: 'silent' }) });
      const call = httpClient(service.url!);
      const login = await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } });
      return { service, call, token: login.body.access_token as string };
    };

    const first = await start();
    const init = await first.call('POST', '/ingest/files/init', {
      token: first.token,
      json: { filename: 'kept.log', size: 10, log_format: 'text' },
    });
    expect(init.status).toBe(201);
    await first.service.stop();

    const second = await start();
    try {
      const job = await second.call('GET', `/jobs/${init.body.job_id}`, { token: second.token });
      expect(job.status).toBe(200);
      expect(job.body).toMatchObject({ status: 'CREATED', file: { filename: 'kept.log' } });
    } finally {
      await second.service.stop();
    }
  });
});
