import { tempDataDir } from '../support/temp-dir.ts';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { runEntry as run, waitFor } from '../support/processes.ts';

describe('the all-in-one process (npm start)', () => {
  it('starts on embedded defaults, prints URL and dev credentials, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const proc = run('src/bootstrap/all.ts', { PORT: String(port), DATA_DIR: tempDataDir('ingest-proc'), BCRYPT_COST: '4' });
    await waitFor(() => proc.output().includes('listening on'), 'the start banner');
    expect(proc.output()).toContain(`http://127.0.0.1:${port}`);
    expect(proc.output()).toContain('admin / admin123');
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('shutting down');
  });

  it('explains a failed start in one line (another service runs on its DATA_DIR) and exits 1, leaving that one serving', async () => {
    const dataDir = tempDataDir('ingest-proc-twice');
    const port = await freePort();
    const first = run('src/bootstrap/all.ts', { PORT: String(port), DATA_DIR: dataDir, BCRYPT_COST: '4' });
    try {
      await waitFor(() => first.output().includes('listening on'), 'the first start banner');
      const second = run('src/bootstrap/all.ts', { PORT: String(await freePort()), DATA_DIR: dataDir, BCRYPT_COST: '4' });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`Ingest Service could not start: the embedded Postgres of ${dataDir}/postgres belongs to a running Ingest Service (pid ${first.child.pid})`);
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
    } finally {
      first.child.kill('SIGKILL');
    }
  });

  it('refuses to start in production with insecure defaults, naming every problem', async () => {
    const proc = run('src/bootstrap/all.ts', { ENVIRONMENT: 'production', DEBUG: 'true', CORS_ORIGINS: '*' });
    expect(await proc.exited).toBe(78);
    for (const problem of ['JWT_SECRET_KEY', 'STORAGE_URL_SECRET', 'METRICS_TOKEN', 'CORS_ORIGINS', 'DEBUG', 'ADMIN_PASSWORD']) {
      expect(proc.output()).toContain(problem);
    }
  });

  it('refuses to run the API or the worker alone on per-process embedded adapters', async () => {
    for (const entry of ['src/bootstrap/api.ts', 'src/bootstrap/worker.ts']) {
      const proc = run(entry, {});
      expect(await proc.exited).toBe(78);
      expect(proc.output()).toMatch(/alone needs REDIS_URL and DATABASE_URL/);
    }
  });

  it('refuses a malformed variable with its name', async () => {
    const proc = run('src/bootstrap/all.ts', { PORT: 'eighty' });
    expect(await proc.exited).toBe(78);
    expect(proc.output()).toContain('PORT');
  });
});
