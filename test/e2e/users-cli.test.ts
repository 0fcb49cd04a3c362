import { spawnSync } from 'node:child_process';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService } from '../../src/bootstrap/run-service.ts';
import { httpClient } from '../support/http-client.ts';
import { tempDataDir } from '../support/temp-dir.ts';

const cli = (dataDir: string, args: string[], input?: string) =>
  spawnSync(process.execPath, ['src/bootstrap/users-cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, BCRYPT_COST: '4' },
    input,
    encoding: 'utf8',
  });

describe('the users command line (npm run users)', () => {
  it('creates a user and resets a password, through the same application layer as the API', async () => {
    const dataDir = tempDataDir('ingest-cli');
    const created = cli(dataDir, ['create', '--username', 'grace', '--email', 'grace@example.com', '--role', 'viewer', '--password', 'compiler-1952']);
    expect([created.status, created.stdout]).toEqual([0, expect.stringMatching(/created viewer grace/)]);

    const taken = cli(dataDir, ['create', '--username', 'grace', '--email', 'other@example.com', '--role', 'user', '--password', 'whatever-123']);
    expect([taken.status, taken.stderr]).toEqual([1, expect.stringMatching(/USERNAME_TAKEN/)]);
    expect(cli(dataDir, ['create', '--username', 'x']).status).toBe(64);
    expect(cli(dataDir, ['reset-password', '--username', 'nobody', '--password', 'long-enough-1']).stderr).toMatch(/USER_NOT_FOUND/);

    const reset = cli(dataDir, ['reset-password', '--username', 'grace', '--password-stdin'], 'nanosecond-wire\n');
    expect([reset.status, reset.stdout]).toEqual([0, expect.stringMatching(/password reset for grace/)]);

    const config = loadConfig({ PORT: String(await freePort()), DATA_DIR: dataDir, BCRYPT_COST: '4' });
    const service = await startService(config, { api: true, worker: false }, { logger: pino({ level: 'silent' }) });
    try {
      const call = httpClient(service.url!);
      expect((await call('POST', '/auth/login', { json: { username: 'grace', password: 'compiler-1952' } })).status).toBe(401);
      const login = await call('POST', '/auth/login', { json: { username: 'grace', password: 'nanosecond-wire' } });
      expect(login.status).toBe(200);
      expect((await call('GET', '/auth/me', { token: login.body.access_token })).body).toMatchObject({ username: 'grace', role: 'viewer' });
    } finally {
      await service.stop();
    }
  }, 60_000); // five CLI runs, most of them starting the embedded Postgres
});
