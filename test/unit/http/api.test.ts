import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryObjectStore } from '../../../src/adapters/memory/in-memory-object-store.ts';
import { UrlSigner } from '../../../src/adapters/signed-urls/url-signer.ts';
import { DependencyUnavailableError } from '../../../src/application/errors.ts';
import { jobResponse, jobStatusChangeResponse } from '../../../src/adapters/http/openapi/responses.ts';
import type { ProcessJob } from '../../../src/application/jobs/process-job.ts';
import type { PresignedRequest } from '../../../src/application/ports/object-store.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { createTestCore, PASSWORD, type TestCore } from '../../support/test-core.ts';
import { httpClient, type HttpCall } from '../../support/http-client.ts';

const initBody = { filename: 'app.log', size: 12, log_format: 'text' };
const ERROR_SHAPE = {
  detail: expect.any(String),
  error_code: expect.any(String),
  request_id: expect.any(String),
  timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
};

describe('HTTP API', () => {
  let core: TestCore;
  let call: HttpCall;
  let token: string;

  async function loginAs(role: 'admin' | 'user' | 'viewer') {
    const { user } = await core.addUser(role);
    const res = await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } });
    return res.body.access_token as string;
  }
  async function uploadedJob(as = token, content = 'hello world\n') {
    const init = await call('POST', '/ingest/files/init', { token: as, json: { ...initBody, size: Buffer.byteLength(content) } });
    const put = await core.app.request(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: content });
    expect(put.status).toBe(200);
    return init.body.job_id as string;
  }

  beforeEach(async () => {
    core = createTestCore();
    call = httpClient(core.app);
    token = await loginAs('user');
  });

  describe('errors', () => {
    it('use one shape, echo a valid X-Request-ID and generate one otherwise', async () => {
      const res = await call('GET', '/nope', { headers: { 'X-Request-ID': 'trace-abc-123' } });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ ...ERROR_SHAPE, error_code: 'NOT_FOUND', request_id: 'trace-abc-123' });
      expect(res.headers.get('X-Request-ID')).toBe('trace-abc-123');

      const generated = await call('GET', '/health', { headers: { 'X-Request-ID': 'bad id with spaces<>' } });
      expect(generated.headers.get('X-Request-ID')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('401 with WWW-Authenticate for a missing, malformed or forged token', async () => {
      for (const authorization of [undefined, 'Basic abc', 'Bearer', 'Bearer forged.token.here']) {
        const res = await call('GET', '/jobs', { headers: authorization ? { Authorization: authorization } : {} });
        expect(res.status).toBe(401);
        expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
        expect(res.body).toMatchObject({ ...ERROR_SHAPE, error_code: 'INVALID_TOKEN' });
      }
    });

    it('422 with every field error, named as on the wire', async () => {
      const res = await call('POST', '/ingest/files/init', { token, json: { filename: '', size: 0, log_format: 'xml', extra: 1 } });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ ...ERROR_SHAPE, error_code: 'VALIDATION_ERROR' });
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'filename', 'log_format', 'size']);
    });

    it('422 for names with control characters or broken Unicode, which storage could not hold', async () => {
      for (const [path, json] of [
        ['/auth/login', { username: 'ad\u0000min', password: 'admin123' }],
        ['/auth/login', { username: 'admin', password: 'admin\u0000123' }],
        ['/users', { username: 'ada', email: 'ada@example.com', password: 'long-enough-password', full_name: 'A\u0000da', role: 'user' }],
        ['/users', { username: 'ada', email: 'ada@example.com', password: 'long-enough-password', full_name: 'A\ud800da', role: 'user' }],
      ] as const) {
        const res = await call('POST', path, { token, json });
        expect([path, res.status, res.body.error_code]).toEqual([path, 422, 'VALIDATION_ERROR']);
      }
    });

    it('422 for a size above MAX_UPLOAD_BYTES, from the core, in snake_case', async () => {
      const res = await call('POST', '/ingest/files/init', { token, json: { ...initBody, size: 2 * 1024 * 1024, checksum_sha256: null } });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: 'size', message: 'must be at most 1048576 bytes' }]);
    });

    it('422 for malformed JSON, a missing body, or the wrong content type', async () => {
      const broken = await call('POST', '/auth/login', { body: '{"username": ', headers: { 'Content-Type': 'application/json' } });
      const empty = await call('POST', '/auth/login', {});
      const text = await call('POST', '/auth/login', { body: 'username=a', headers: { 'Content-Type': 'text/plain' } });
      for (const res of [broken, empty, text]) {
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject(ERROR_SHAPE);
      }
    });

    it('413 for a JSON body over the limit', async () => {
      const res = await call('POST', '/auth/login', { json: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) } });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ ...ERROR_SHAPE, error_code: 'PAYLOAD_TOO_LARGE' });
    });

    it('503 naming the dependency, never a driver message', async () => {
      class DownStore extends InMemoryObjectStore {
        override async presignUpload(): Promise<PresignedRequest> {
          throw new DependencyUnavailableError('storage', { cause: new Error('connect ECONNREFUSED 10.0.0.1:9000') });
        }
      }
      core = createTestCore({ storage: (clock) => new DownStore(new UrlSigner('k', 'http://x', clock)) });
      call = httpClient(core.app);
      const res = await call('POST', '/ingest/files/init', { token: await loginAs('user'), json: initBody });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ error_code: 'STORAGE_UNAVAILABLE', detail: 'Storage unavailable' });
      expect(res.text).not.toContain('ECONNREFUSED');
    });
  });

  describe('auth', () => {
    it('logs in, tells who I am, verifies, refreshes and logs out', async () => {
      const { user } = await core.addUser('viewer');
      const login = await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } });
      expect(login.status).toBe(200);
      expect(login.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer', expires_in: 1800 });

      const me = await call('GET', '/auth/me', { token: login.body.access_token });
      expect(me.body).toEqual({ user_id: user.id, username: user.username, email: user.email, full_name: user.fullName, role: 'viewer', is_active: true });
      expect(me.text).not.toContain('sha256$');

      const verify = await call('POST', '/auth/verify', { json: { token: login.body.access_token } });
      expect(verify.body).toMatchObject({ valid: true, claims: { typ: 'access', sub: user.id, role: 'viewer', exp: expect.any(Number) } });
      expect((await call('POST', '/auth/verify', { json: { token: 'x.y.z' } })).body).toEqual({ valid: false, reason: 'invalid' });

      const refreshed = await call('POST', '/auth/refresh', { json: { refresh_token: login.body.refresh_token } });
      expect(refreshed.status).toBe(200);
      const reused = await call('POST', '/auth/refresh', { json: { refresh_token: login.body.refresh_token } });
      expect(reused.status).toBe(401);

      const again = await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } });
      const logout = await call('POST', '/auth/logout', { token: again.body.access_token, json: { refresh_token: again.body.refresh_token } });
      expect(logout.status).toBe(204);
      expect((await call('POST', '/auth/refresh', { json: { refresh_token: again.body.refresh_token } })).status).toBe(401);
    });

    it('gives the same 401 for an unknown user and a wrong password', async () => {
      const { user } = await core.addUser('user');
      const wrong = await call('POST', '/auth/login', { json: { username: user.username, password: 'wrong-password' } });
      const unknown = await call('POST', '/auth/login', { json: { username: 'ghost', password: 'wrong-password' } });
      expect([wrong.status, wrong.body.error_code, wrong.body.detail]).toEqual([unknown.status, unknown.body.error_code, unknown.body.detail]);
      expect(wrong.status).toBe(401);
    });
  });

  describe('ingest and jobs', () => {
    it('init → upload → complete → job detail', async () => {
      const init = await call('POST', '/ingest/files/init', { token, json: initBody });
      expect(init.status).toBe(201);
      expect(init.body).toEqual({
        job_id: expect.any(String),
        presigned_url: expect.stringMatching(/^http:\/\/ingest\.test\/storage\/uploads\//),
        expires_in: 1800,
        upload_method: 'PUT',
        upload_headers: { 'Content-Type': 'application/octet-stream' },
      });
      const jobId = init.body.job_id;
      const early = await call('POST', '/ingest/files/complete', { token, json: { job_id: jobId } });
      expect([early.status, early.body.error_code]).toEqual([400, 'UPLOAD_NOT_FOUND']);

      await core.app.request(init.body.presigned_url, { method: 'PUT', body: 'hello world\n' });
      const complete = await call('POST', '/ingest/files/complete', { token, json: { job_id: jobId } });
      expect(complete.status).toBe(200);
      expect(complete.body).toEqual({ message: 'Job queued successfully', job_id: jobId, status: 'QUEUED' });

      const detail = await call('GET', `/jobs/${jobId}`, { token });
      expect(detail.body).toMatchObject({
        job_id: jobId, job_type: 'FILE_UPLOAD', source: 'api', status: 'QUEUED', progress: 0, retry_count: 0,
        started_at: null, finished_at: null, error_message: null, result: null,
        file: { filename: 'app.log', size: 12, log_format: 'text', storage_type: 'memory' },
      });
    });

    it('takes log_format auto, keeps it on the job, and shows what was detected in the result', async () => {
      const content = '2026-01-05 10:00:00 ERROR boom\njava.io.IOException: no\n2026-01-05 10:00:01 INFO ok\n';
      const init = await call('POST', '/ingest/files/init', { token, json: { ...initBody, size: Buffer.byteLength(content), log_format: 'auto' } });
      expect(init.status).toBe(201);
      await core.app.request(init.body.presigned_url, { method: 'PUT', body: content });
      await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } });
      await core.get<ProcessJob>(TOKENS.ProcessJob).execute(init.body.job_id);
      const detail = await call('GET', `/jobs/${init.body.job_id}`, { token });
      expect(jobResponse.parse(detail.body)).toMatchObject({
        status: 'COMPLETED',
        file: { log_format: 'auto' },
        result: {
          events_parsed: 2,
          detected_format: 'text',
          dialect: { time_layout: 'iso8601', time_column: 0, level: 'after-time', description: expect.stringContaining('iso8601 time at the start of the line') },
        },
      });
    });

    it('shows the recorded status history, oldest first, to whoever may see the job', async () => {
      const init = await call('POST', '/ingest/files/init', { token, json: initBody });
      await core.app.request(init.body.presigned_url, { method: 'PUT', body: 'hello world\n' });
      await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } });
      await core.get<ProcessJob>(TOKENS.ProcessJob).execute(init.body.job_id);
      const history = await call('GET', `/jobs/${init.body.job_id}/history`, { token });
      expect(history.status).toBe(200);
      expect(history.body.map((change: { from_status: string | null; to_status: string }) => [change.from_status, change.to_status])).toEqual([
        [null, 'CREATED'],
        ['CREATED', 'QUEUED'],
        ['QUEUED', 'PROCESSING'],
        ['PROCESSING', 'COMPLETED'],
      ]);
      expect(jobStatusChangeResponse.array().parse(history.body)[3]).toMatchObject({ attempt: 1, at: expect.any(String) });
      const other = await call('GET', `/jobs/${init.body.job_id}/history`, { token: await loginAs('user') });
      expect([other.status, other.body.error_code]).toEqual([404, 'JOB_NOT_FOUND']);
    });

    it('replays init for the same Idempotency-Key with 200, and 409 for another body', async () => {
      const headers = { 'Idempotency-Key': 'upload-42' };
      const first = await call('POST', '/ingest/files/init', { token, json: initBody, headers });
      const replay = await call('POST', '/ingest/files/init', { token, json: initBody, headers });
      expect([first.status, replay.status]).toEqual([201, 200]);
      expect(replay.body.job_id).toBe(first.body.job_id);
      const conflict = await call('POST', '/ingest/files/init', { token, json: { ...initBody, size: 13 }, headers });
      expect([conflict.status, conflict.body.error_code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    });

    it('keeps other users\' jobs hidden: 404 on read, complete, output and events', async () => {
      const jobId = await uploadedJob();
      const other = await loginAs('user');
      for (const [method, path, json] of [
        ['GET', `/jobs/${jobId}`, undefined],
        ['GET', `/jobs/${jobId}/output`, undefined],
        ['GET', `/jobs/${jobId}/events`, undefined],
        ['GET', `/jobs/${jobId}/history`, undefined],
        ['POST', '/ingest/files/complete', { job_id: jobId }],
      ] as const) {
        const res = await call(method, path, { token: other, ...(json ? { json } : {}) });
        expect([path, res.status, res.body.error_code]).toEqual([path, 404, 'JOB_NOT_FOUND']);
      }
      expect((await call('GET', '/jobs', { token: other })).body).toEqual([]);
    });

    it('lets a viewer read every job but not upload', async () => {
      const jobId = await uploadedJob();
      const viewer = await loginAs('viewer');
      expect((await call('GET', `/jobs/${jobId}`, { token: viewer })).status).toBe(200);
      const init = await call('POST', '/ingest/files/init', { token: viewer, json: initBody });
      expect([init.status, init.body.error_code]).toEqual([403, 'FORBIDDEN']);
    });

    it('lists newest first with X-Total-Count, and validates the filters', async () => {
      const ids = [await uploadedJob(), await uploadedJob(), await uploadedJob()];
      const page = await call('GET', '/jobs?limit=2&offset=0&status=CREATED&job_type=FILE_UPLOAD', { token });
      expect(page.headers.get('X-Total-Count')).toBe('3');
      expect(page.body).toHaveLength(2);
      expect(new Set(ids)).toEqual(new Set([...page.body, ...(await call('GET', '/jobs?offset=2', { token })).body].map((j: { job_id: string }) => j.job_id)));
      for (const query of ['status=DONE', 'limit=0', 'limit=1001', 'offset=-1', 'limit=abc', 'job_type=OTHER']) {
        expect((await call('GET', `/jobs?${query}`, { token })).status).toBe(422);
      }
    });

    it('422 for a malformed job id', async () => {
      const res = await call('GET', '/jobs/not-a-uuid', { token });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: 'job_id', message: expect.any(String) }]);
    });

    it('400 INVALID_JOB_STATE for output before completion, and for retrying a job that has not failed', async () => {
      const jobId = await uploadedJob();
      const output = await call('GET', `/jobs/${jobId}/output`, { token });
      expect([output.status, output.body.error_code]).toEqual([400, 'INVALID_JOB_STATE']);
      const retry = await call('POST', `/jobs/${jobId}/retry`, { token: await loginAs('admin') });
      expect([retry.status, retry.body.error_code]).toEqual([400, 'INVALID_JOB_STATE']);
      expect(retry.body.detail).toMatch(/state/);
    });

    it('streams status changes as server-sent events until a terminal state', async () => {
      const jobId = await uploadedJob();
      await call('POST', '/ingest/files/complete', { token, json: { job_id: jobId } });
      const processJob = core.get<ProcessJob>(TOKENS.ProcessJob);
      const streaming = call('GET', `/jobs/${jobId}/events`, { token });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await processJob.execute(jobId);
      const res = await streaming;
      expect(res.headers.get('Content-Type')).toMatch(/text\/event-stream/);
      const events = res.text.split('\n\n').filter(Boolean).map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data:'))!.slice(5)));
      expect(events[0]).toMatchObject({ job_id: jobId, status: 'QUEUED' });
      expect(events.at(-1)).toMatchObject({ status: 'COMPLETED', progress: 100 });
    });
  });

  describe('health', () => {
    it('answers liveness and readiness, marking the in-process queue as embedded', async () => {
      expect((await call('GET', '/health')).body).toEqual({ status: 'healthy', service: 'Log Ingest Service', version: '1.0.0' });
      expect((await call('GET', '/health/live')).body).toEqual({ status: 'alive' });
      const ready = await call('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', components: { database: 'healthy', redis: 'embedded', storage: 'healthy' } });
    });

    it('is not ready, with 503, when storage does not answer', async () => {
      class DownStore extends InMemoryObjectStore {
        override async ping(): Promise<void> {
          throw new DependencyUnavailableError('storage');
        }
      }
      core = createTestCore({ storage: (clock) => new DownStore(new UrlSigner('k', 'http://x', clock)) });
      const ready = await httpClient(core.app)('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not_ready', components: { storage: 'unhealthy' } });
    });
  });
});

describe('login attempt limit', () => {
  it('answers 429 with Retry-After after 10 attempts for one username from one client, and resets on success', async () => {
    const core = createTestCore();
    const call = httpClient(core.app);
    const { user } = await core.addUser('user');
    const attempt = (password: string, username = user.username) => call('POST', '/auth/login', { json: { username, password } });

    for (let i = 0; i < 9; i++) expect((await attempt('wrong-password')).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(200); // the 10th: correct, and the count starts over
    for (let i = 0; i < 10; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const limited = await attempt(PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error_code: 'RATE_LIMITED', detail: expect.stringMatching(/Too many login attempts/) });
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await attempt('wrong-password', 'someone-else')).status).toBe(401);
  });
});
