import { createHmac, hkdfSync } from 'node:crypto';
import type { Hono } from 'hono';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/adapters/http/app-env.ts';
import { InMemoryJobQueue } from '../../src/adapters/memory/in-memory-job-queue.ts';
import { InMemoryJobRepository } from '../../src/adapters/memory/in-memory-job-repository.ts';
import { InMemoryLogFormatRepository } from '../../src/adapters/memory/in-memory-log-format-repository.ts';
import { InMemorySessionRepository } from '../../src/adapters/memory/in-memory-session-repository.ts';
import { InMemoryUserRepository } from '../../src/adapters/memory/in-memory-user-repository.ts';
import { Sha256PasswordHasher } from '../../src/adapters/memory/sha256-password-hasher.ts';
import { InlineLogNormalizer } from '../../src/adapters/normalizer/inline-log-normalizer.ts';
import { UrlSigner } from '../../src/adapters/signed-urls/url-signer.ts';
import { SystemClock } from '../../src/adapters/system/system-clock.ts';
import type { EnsureAdminUser } from '../../src/application/auth/ensure-admin-user.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { buildContainer } from '../../src/bootstrap/container.ts';
import { TOKENS } from '../../src/bootstrap/tokens.ts';
import { httpClient } from '../support/http-client.ts';
import { tempDataDir } from '../support/temp-dir.ts';

const JWT_SECRET = 'leaked-jwt-secret-3f8a1c9d2b7e4f60a5c8';
const BASE = 'http://ingest.test';

/** Storage bound as configured (local files, URLs signed by the service), everything else in memory. */
async function serviceWith(env: Record<string, string>) {
  const config = loadConfig({ DATA_DIR: tempDataDir('ingest-secrets'), PUBLIC_BASE_URL: BASE, JWT_SECRET_KEY: JWT_SECRET, ...env });
  const container = buildContainer(config, {
    ports: {
      jobs: new InMemoryJobRepository(),
      users: new InMemoryUserRepository(),
      sessions: new InMemorySessionRepository(),
      formats: new InMemoryLogFormatRepository(),
      queue: new InMemoryJobQueue({ visibilityTimeoutMs: 500 }),
      hasher: new Sha256PasswordHasher(),
      normalizer: new InlineLogNormalizer(),
    },
    logger: pino({ level: 'silent' }),
  });
  await container.get<EnsureAdminUser>(TOKENS.EnsureAdminUser).execute(config.admin);
  const app = container.get<Hono<AppEnv>>(TOKENS.HttpApp);
  const call = httpClient(app);
  const token = (await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } })).body.access_token;
  return { app, call, token };
}

/** Keys someone holding the JWT secret would try for storage URLs. */
const keysFromTheJwtSecret = [
  Buffer.from(JWT_SECRET),
  createHmac('sha256', JWT_SECRET).update('ingest-service/storage-url-signing').digest(),
  Buffer.from(hkdfSync('sha256', JWT_SECRET, '', 'ingest-service/storage-url-signing', 32)),
];

describe('one leaked secret, one door', () => {
  it('storage URLs signed with anything made from a leaked JWT secret are refused when STORAGE_URL_SECRET is set', async () => {
    const { app, call, token } = await serviceWith({ STORAGE_URL_SECRET: 'storage-url-secret-9d1e7b3a5c2f8e4d6a0b' });
    const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'a.log', size: 6, log_format: 'text' } });
    expect(init.status).toBe(201);
    const objectKey = decodeURIComponent(new URL(init.body.presigned_url).pathname.slice('/storage/'.length));

    for (const key of keysFromTheJwtSecret) {
      // A forged URL for the same object, without the declared size limit.
      const forged = new UrlSigner(key, BASE, new SystemClock()).sign('PUT', objectKey, 600);
      const put = await app.request(forged, { method: 'PUT', headers: init.body.upload_headers, body: 'x'.repeat(64 * 1024) });
      expect(put.status).toBe(403);
    }
    const genuine = await app.request(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: 'hello\n' });
    expect(genuine.status).toBe(200);
  });
});
