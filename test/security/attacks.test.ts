import { createSecretKey } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT, decodeJwt, generateKeyPair } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { describeWith } from '../support/describe-with.ts';
import { httpClient, postRaw, type HttpCall } from '../support/http-client.ts';
import { freshDatabase } from '../support/postgres-database.ts';
import { tempDataDir } from '../support/temp-dir.ts';

const SECRET = 'the-security-suite-secret-of-32-bytes!';
const ISSUER = 'ingest-service';
const AUDIENCE = 'ingest-api';

/**
 * Attacks on authentication, ownership, filenames, signed URLs and body limits, through the
 * real HTTP API on Postgres: each is refused with the right status, and nothing changes.
 */
describeWith('the API under attack', { servers: ['databaseUrl'] }, ({ databaseUrl: databaseServer }) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let service: RunningService;
  let call: HttpCall;
  let dataDir: string;
  let admin: { access_token: string; refresh_token: string };
  let alice: { token: string; id: string };
  let bob: { token: string; id: string };

  const login = async (username: string, password: string) => (await call('POST', '/auth/login', { json: { username, password } })).body;
  /** Every job as the admin sees it: the state an attack must leave untouched. */
  const everything = async () => (await call('GET', '/jobs?limit=1000', { token: admin.access_token })).body;
  const init = (token: string, content: string, filename = 'app.log') =>
    call('POST', '/ingest/files/init', { token, json: { filename, size: Buffer.byteLength(content), log_format: 'text' } });

  beforeAll(async () => {
    database = await freshDatabase(databaseServer);
    dataDir = tempDataDir('ingest-security');
    service = await startService(
      loadConfig({
        PORT: String(await freePort()),
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        JWT_SECRET_KEY: SECRET,
        BCRYPT_COST: '4',
        RATE_LIMIT_ENABLED: 'false',
        UPLOAD_URL_EXPIRE_SECONDS: '2',
      }),
      { api: true, worker: true },
      { logger: pino({ level: 'silent' }) },
    );
    call = httpClient(service.url!);
    admin = await login('admin', 'admin123');
    const users = [];
    for (const name of ['alice', 'bob']) {
      const created = await call('POST', '/users', { token: admin.access_token, json: { username: name, email: `${name}@example.com`, password: 'a-long-password', role: 'user' } });
      users.push({ token: (await login(name, 'a-long-password')).access_token as string, id: created.body.user_id as string });
    }
    [alice, bob] = users as [typeof alice, typeof bob];
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  describe('forged and misused tokens', () => {
    const key = createSecretKey(Buffer.from(SECRET));
    /** A token right in every way (Alice's, made an admin) except what `tweak` changes. */
    const forge = (tweak: (jwt: SignJWT) => SignJWT = (j) => j, header: Record<string, string> = {}) =>
      tweak(
        new SignJWT({ username: 'alice', role: 'admin' })
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...header })
          .setSubject(alice.id)
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('5m'),
      );
    const now = () => Math.floor(Date.now() / 1000);

    it.each([
      ['alg none', async () => new UnsecuredJWT({ username: 'alice', role: 'admin' }).setSubject(alice.id).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').encode()],
      ['HS/RS confusion (RS256)', async () => forge(undefined, { alg: 'RS256' }).sign((await generateKeyPair('RS256')).privateKey)],
      ['a tampered payload (user → admin)', async () => {
        const [head, payload, signature] = alice.token.split('.');
        const claims = { ...decodeJwt(alice.token), role: 'admin' };
        expect(payload).toBeDefined();
        return `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      }],
      ['a wrong issuer', async () => forge((j) => j.setIssuer('someone-else')).sign(key)],
      ['a wrong audience', async () => forge((j) => j.setAudience('another-api')).sign(key)],
      ['an expired token', async () => forge((j) => j.setIssuedAt(now() - 600).setExpirationTime(now() - 300)).sign(key)],
      ['a refresh token used as an access token', async () => admin.refresh_token],
    ])('refuses %s with 401 and changes nothing', async (_, make) => {
      const token = await make();
      const before = await everything();
      for (const [method, path, json] of [
        ['GET', '/auth/me', undefined],
        ['GET', '/users', undefined],
        ['POST', '/ingest/files/init', { filename: 'x.log', size: 10, log_format: 'text' }],
      ] as const) {
        const response = await call(method, path, { token, ...(json ? { json } : {}) });
        expect([path, response.status, response.headers.get('www-authenticate')]).toEqual([path, 401, 'Bearer']);
      }
      expect(await everything()).toEqual(before);
    });

    it('refuses an access token offered as a refresh token', async () => {
      const response = await call('POST', '/auth/refresh', { json: { refresh_token: admin.access_token } });
      expect(response.status).toBe(401);
    });

    it('revokes the whole session when a rotated refresh token is used again', async () => {
      const session = await login('bob', 'a-long-password');
      const rotated = await call('POST', '/auth/refresh', { json: { refresh_token: session.refresh_token } });
      expect(rotated.status).toBe(200);
      expect((await call('POST', '/auth/refresh', { json: { refresh_token: session.refresh_token } })).status).toBe(401);
      // The thief's replay killed the family: the legitimate new token is dead too.
      expect((await call('POST', '/auth/refresh', { json: { refresh_token: rotated.body.refresh_token } })).status).toBe(401);
    });
  });

  it("hides Alice's job from Bob: 404 to read, complete, follow or download it, and it stays as it was", async () => {
    const content = 'alice was here\n';
    const created = await init(alice.token, content);
    await fetch(created.body.presigned_url, { method: 'PUT', headers: created.body.upload_headers, body: content });
    const jobId = created.body.job_id;
    const before = (await call('GET', `/jobs/${jobId}`, { token: alice.token })).body;

    for (const [method, path, json] of [
      ['GET', `/jobs/${jobId}`, undefined],
      ['POST', '/ingest/files/complete', { job_id: jobId }],
      ['GET', `/jobs/${jobId}/events`, undefined],
      ['GET', `/jobs/${jobId}/output`, undefined],
    ] as const) {
      const response = await call(method, path, { token: bob.token, ...(json ? { json } : {}) });
      expect([path, response.status, response.body.error_code]).toEqual([path, 404, 'JOB_NOT_FOUND']);
    }
    expect((await call('POST', `/jobs/${jobId}/retry`, { token: bob.token })).status).toBe(403);
    expect((await call('GET', '/jobs', { token: bob.token })).body.map((j: { job_id: string }) => j.job_id)).not.toContain(jobId);
    expect((await call('GET', `/jobs/${jobId}`, { token: alice.token })).body).toEqual(before);
  });

  it('keeps a traversing filename inside the job folder', async () => {
    const content = 'not /etc/passwd\n';
    const created = await init(alice.token, content, '../../etc/passwd');
    expect(created.status).toBe(201);
    const url = new URL(created.body.presigned_url);
    expect(decodeURIComponent(url.pathname)).toBe(`/storage/uploads/${created.body.job_id}/passwd`);
    expect((await fetch(url, { method: 'PUT', headers: created.body.upload_headers, body: content })).status).toBe(200);
    expect((await call('GET', `/jobs/${created.body.job_id}`, { token: alice.token })).body.file.filename).toBe('passwd');
    expect(readdirSync(join(dataDir, 'objects', 'uploads', created.body.job_id))).toEqual(['passwd']);
    expect(existsSync(join(dataDir, 'etc'))).toBe(false);
  });

  it('refuses a signed upload URL used for another key, or after it expired, and stores nothing', async () => {
    const content = 'signed\n';
    const created = await init(alice.token, content);
    const url = created.body.presigned_url as string;
    const other = await init(alice.token, content);
    const forOtherKey = url.replace(created.body.job_id, other.body.job_id);
    expect((await fetch(forOtherKey, { method: 'PUT', headers: created.body.upload_headers, body: content })).status).toBe(403);

    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const late = await fetch(url, { method: 'PUT', headers: created.body.upload_headers, body: content });
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({ error_code: expect.any(String), detail: expect.stringMatching(/expired/i) });
    for (const job of [created.body.job_id, other.body.job_id]) {
      const complete = await call('POST', '/ingest/files/complete', { token: alice.token, json: { job_id: job } });
      expect([complete.status, complete.body.error_code]).toEqual([400, 'UPLOAD_NOT_FOUND']);
    }
  });

  it('refuses oversized bodies with 413 and changes nothing', async () => {
    const before = await everything();
    const huge = await postRaw(`${service.url}/ingest/files/init`, alice.token, [JSON.stringify({ filename: 'x'.repeat(2 * 1024 * 1024), size: 10, log_format: 'text' })]);
    expect([huge.status, JSON.parse(huge.text).error_code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

    const created = await init(alice.token, 'four\n');
    const tooBig = await fetch(created.body.presigned_url, { method: 'PUT', headers: created.body.upload_headers, body: 'much more than declared\n' });
    expect(tooBig.status).toBe(413);
    const after = await everything();
    expect(after.filter((job: { job_id: string }) => job.job_id !== created.body.job_id)).toEqual(before);
    expect(after.find((job: { job_id: string }) => job.job_id === created.body.job_id)).toMatchObject({ status: 'CREATED' });
  });

  describe('user-written patterns', () => {
    const initCustom = (token: string, content: string, customFormat: unknown) =>
      call('POST', '/ingest/files/init', { token, json: { filename: 'redos.log', size: Buffer.byteLength(content), log_format: 'custom', custom_format: customFormat } });

    /** Uploads `content` as Alice with the custom format and waits for the job to end. */
    async function processedCustom(content: string, customFormat: unknown) {
      const created = await initCustom(alice.token, content, customFormat);
      expect(created.status).toBe(201);
      expect((await fetch(created.body.presigned_url, { method: 'PUT', headers: created.body.upload_headers, body: content })).status).toBe(200);
      await call('POST', '/ingest/files/complete', { token: alice.token, json: { job_id: created.body.job_id } });
      let job = (await call('GET', `/jobs/${created.body.job_id}`, { token: alice.token })).body;
      for (let i = 0; i < 300 && !['COMPLETED', 'FAILED'].includes(job.status); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = (await call('GET', `/jobs/${created.body.job_id}`, { token: alice.token })).body;
      }
      return job;
    }

    it('runs a classic catastrophic-backtracking pattern in linear time: the job completes, the non-matching line rejected', async () => {
      // ^(a+)+$ against aaaa…b takes a backtracking engine 2^n steps; RE2 reads each character once.
      const long = 'a'.repeat(256 * 1024);
      const job = await processedCustom(`${long}b\n${long}\n`, { pattern: '^(?P<message>(a+)+)$' });
      expect(job).toMatchObject({ status: 'COMPLETED', result: { lines_total: 2, events_parsed: 1, lines_rejected: 1, sample_errors: [{ line: 1, reason: 'does not match the custom pattern' }] } });
    });

    it('bounds the work of a pattern whose every step runs on every character: a line too long for it is rejected, not read for minutes', async () => {
      const job = await processedCustom(`${'a'.repeat(512 * 1024)}\nok${'a'.repeat(500)}\n`, { pattern: String.raw`^(?P<message>.*)(?P<tail>a{500})$` });
      expect(job).toMatchObject({
        status: 'COMPLETED',
        result: { lines_total: 2, events_parsed: 1, lines_rejected: 1, sample_errors: [{ line: 1, reason: expect.stringMatching(/^longer than \d+ characters, the most this pattern reads/) }] },
      });
      const tooBig = await initCustom(alice.token, 'x\n', { pattern: '^(?P<m>(?:a|aa){1,1000})$' });
      expect([tooBig.status, tooBig.body.errors?.[0]?.message]).toEqual([422, expect.stringMatching(/too complex: it compiles to \d+ steps/)]);
    });

    it('refuses lookarounds and backreferences with 422 and the engine\'s reason, at init and when saving a format', async () => {
      for (const pattern of [String.raw`(?<=user=)(?P<user>\w+)`, String.raw`(?P<message>(?!x).*)`, String.raw`(?P<word>\w+) \1`]) {
        const atInit = await initCustom(alice.token, 'x\n', { pattern });
        expect([atInit.status, atInit.body.errors?.[0]?.path]).toEqual([422, 'custom_format.pattern']);
        expect(atInit.body.errors[0].message).toMatch(/RE2 syntax has no (lookaheads and lookbehinds|backreferences)/);
        const saved = await call('POST', '/formats', { token: admin.access_token, json: { name: 'sneaky', pattern } });
        expect([saved.status, saved.body.errors?.[0]?.path]).toEqual([422, 'pattern']);
      }
      expect((await call('GET', '/formats', { token: alice.token })).body).toEqual([]);
    });
  });
});
