import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { describeWith } from '../support/describe-with.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { freshDatabase } from '../support/postgres-database.ts';
import { tempDataDir } from '../support/temp-dir.ts';
import { login } from './support.ts';

const HASH_THREADS = 1;
const HASH_QUEUE = 4;
const FLOODERS = 16;
/** Bounds of the flood, whatever happens: requests in all, and time. */
const MAX_LOGINS = 3_000;
const MAX_FLOOD_MS = 40_000;

/**
 * Unknown-user logins flood in (rate limits off: as from many addresses, each within its
 * limit) while 1 MiB files are uploaded to the service's own object store. bcrypt used to run
 * on libuv's four threads, which the store's file I/O shares: each of an upload's file
 * operations queued behind every pending hash, and an upload took minutes. Now hashing has
 * threads of its own and admits HASH_THREADS + HASH_QUEUE hashes; the rest get a fast 503.
 */
describeWith('a login flood', { servers: ['databaseUrl'] }, ({ databaseUrl: databaseServer }) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let service: RunningService;
  let call: HttpCall;

  beforeAll(async () => {
    database = await freshDatabase(databaseServer);
    service = await startService(
      loadConfig({
        PORT: String(await freePort()),
        DATABASE_URL: database.url,
        DATA_DIR: tempDataDir('ingest-login-flood'),
        BCRYPT_COST: '12',
        PASSWORD_HASH_THREADS: String(HASH_THREADS),
        PASSWORD_HASH_QUEUE: String(HASH_QUEUE),
        RATE_LIMIT_ENABLED: 'false',
      }),
      { api: true, worker: false },
      { logger: pino({ level: 'silent' }) },
    );
    call = httpClient(service.url!);
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it('does not hold up uploads: none waits for the hashing backlog, and logins beyond it get a fast 503 with Retry-After', { timeout: 90_000 }, async () => {
    const token = await login(call);
    const content = Buffer.alloc(1024 * 1024, 'a log line\n');

    const answers: { status: number; retryAfter: string | null; errorCode: string | undefined }[] = [];
    let stop = false;
    const floodEnds = Date.now() + MAX_FLOOD_MS;
    const flooder = async (id: number) => {
      for (let n = 0; !stop && answers.length < MAX_LOGINS && Date.now() < floodEnds; n++) {
        const res = await call('POST', '/auth/login', { json: { username: `ghost-${id}-${n}`, password: 'a-guess-at-it' } });
        answers.push({ status: res.status, retryAfter: res.headers.get('Retry-After'), errorCode: res.body?.error_code });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const flood = Array.from({ length: FLOODERS }, (_, id) => flooder(id));
    const hashed = () => answers.filter((a) => a.status === 401).length;

    try {
      while (hashed() < 1 && Date.now() < floodEnds) await new Promise((resolve) => setTimeout(resolve, 50));
      for (let i = 0; i < 3; i++) {
        const init = await call('POST', '/ingest/files/init', { token, json: { filename: `flood-${i}.log`, size: content.length, log_format: 'text' } });
        expect(init.status).toBe(201);
        const hashedBefore = hashed();
        const put = await fetch(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: content });
        expect(put.status).toBe(200);
        // Logins whose hash completed while this upload ran: a few (a slow host may let a few more
        // finish), never the backlog: with hashing on libuv's pool, over a hundred did.
        expect(hashed() - hashedBefore).toBeLessThanOrEqual(5 * (HASH_THREADS + HASH_QUEUE));
      }
    } finally {
      stop = true;
      await Promise.all(flood);
    }

    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([401, 503]));
    for (const refused of answers.filter((a) => a.status === 503)) expect(refused).toMatchObject({ errorCode: 'SERVICE_BUSY', retryAfter: '1' });
    expect((await call('GET', '/health/ready')).status).toBe(200);
  });
});
