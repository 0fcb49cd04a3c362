import { gunzipSync } from 'node:zlib';
import { tempDataDir } from '../support/temp-dir.ts';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { httpClient, postRaw, type HttpCall } from '../support/http-client.ts';

const LOG = '2026-03-01T10:00:00Z INFO service started\n2026-03-01T10:00:01Z ERROR disk full\n\nplain line\n';

/** The embedded all-in-one service, exactly as `npm start` builds it, over real HTTP. */
describe('end to end: upload a log file and follow it to COMPLETED', () => {
  let service: RunningService;
  let base: string;
  let call: HttpCall;
  let token: string;

  beforeAll(async () => {
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      DATA_DIR: tempDataDir('ingest-e2e'),
      BCRYPT_COST: '4',
      MAX_UPLOAD_BYTES: '65536',
    });
    service = await startService(config, { api: true, worker: true }, { logger: pino({ level: 'silent' }) });
    base = service.url!;
    call = httpClient(base);
    const login = await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } });
    expect(login.status).toBe(200);
    token = login.body.access_token;
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function init(content: string, extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/ingest/files/init', {
      token,
      json: { filename: 'app.log', size: Buffer.byteLength(content), log_format: 'text', ...extra },
    });
    expect(res.status).toBe(201);
    return res.body as { job_id: string; presigned_url: string; upload_headers: Record<string, string> };
  }
  const upload = (url: string, content: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'PUT', headers, body: content });

  async function waitForTerminal(jobId: string) {
    for (let i = 0; i < 100; i++) {
      const job = await call('GET', `/jobs/${jobId}`, { token });
      if (['COMPLETED', 'FAILED'].includes(job.body.status)) return job.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`job ${jobId} did not finish`);
  }

  it('goes init → PUT → complete → COMPLETED, with a result and a downloadable output', async () => {
    const { job_id, presigned_url, upload_headers } = await init(LOG);
    expect(presigned_url.startsWith(base)).toBe(true);
    const put = await upload(presigned_url, LOG, upload_headers);
    expect(put.status).toBe(200);

    const complete = await call('POST', '/ingest/files/complete', { token, json: { job_id } });
    expect(complete.body).toEqual({ message: 'Job queued successfully', job_id, status: 'QUEUED' });

    const job = await waitForTerminal(job_id);
    expect(job).toMatchObject({ status: 'COMPLETED', progress: 100, file: { storage_type: 'local', size: Buffer.byteLength(LOG) } });
    // `plain line` has no time where this file's events start theirs: it continues the ERROR event.
    expect(job.result).toMatchObject({ lines_total: 4, events_parsed: 2, lines_rejected: 0, bytes_processed: Buffer.byteLength(LOG) });

    const output = await call('GET', `/jobs/${job_id}/output`, { token });
    const download = await fetch(output.body.download_url);
    expect(download.status).toBe(200);
    const events = gunzipSync(Buffer.from(await download.arrayBuffer())).toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.message)).toEqual(['service started', 'disk full\nplain line']);

    const listed = await call('GET', '/jobs?status=COMPLETED', { token });
    expect(listed.body.map((j: { job_id: string }) => j.job_id)).toContain(job_id);
  });

  it('refuses a tampered or foreign upload URL with 403, and the job stays CREATED', async () => {
    const { job_id, presigned_url: url } = await init('abc\n');
    const tampered = url.replace(/signature=./, (m: string) => (m.endsWith('A') ? `${m.slice(0, -1)}B` : `${m.slice(0, -1)}A`));
    expect((await upload(tampered, 'abc\n')).status).toBe(403);
    expect((await upload(url.replace('app.log', 'other.log'), 'abc\n')).status).toBe(403);
    const complete = await call('POST', '/ingest/files/complete', { token, json: { job_id } });
    expect([complete.status, complete.body.error_code]).toEqual([400, 'UPLOAD_NOT_FOUND']);
    expect((await call('GET', `/jobs/${job_id}`, { token })).body.status).toBe('CREATED');
  });

  it('refuses an upload larger than declared with 413', async () => {
    const { presigned_url } = await init('abc\n');
    expect((await upload(presigned_url, 'abcdefgh\n')).status).toBe(413);
  });

  it('refuses a chunked upload (no Content-Length) once it grows past the declared size, storing nothing', async () => {
    const { job_id, presigned_url } = await init('abc\n');
    const chunks = ['ab', 'cd', 'efgh\n'].map((text) => new TextEncoder().encode(text));
    const body = new ReadableStream({ pull: (controller) => (chunks.length > 0 ? controller.enqueue(chunks.shift()) : controller.close()) });
    const res = await fetch(presigned_url, { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    const complete = await call('POST', '/ingest/files/complete', { token, json: { job_id } });
    expect([complete.status, complete.body.error_code]).toEqual([400, 'UPLOAD_NOT_FOUND']);
  });

  const postChunked = async (path: string, chunks: string[]) => {
    const { status, text } = await postRaw(`${base}${path}`, token, chunks);
    return { status, body: JSON.parse(text) as { error_code?: string; job_id?: string } };
  };

  it('reads a JSON body sent chunked (no Content-Length), and refuses one that streams past the limit (64 KiB) with 413', async () => {
    const json = JSON.stringify({ filename: 'chunked.log', size: 4, log_format: 'text' });
    const accepted = await postChunked('/ingest/files/init', [json.slice(0, 10), json.slice(10)]);
    expect(accepted.status).toBe(201);
    expect((await call('GET', `/jobs/${accepted.body.job_id}`, { token })).body.file.filename).toBe('chunked.log');

    const jobCount = async () => Number((await call('GET', '/jobs', { token })).headers.get('X-Total-Count'));
    const jobsBefore = await jobCount();
    expect(jobsBefore).toBeGreaterThan(0);
    const padding = 'x'.repeat(64 * 1024);
    const huge = await postChunked('/ingest/files/init', ['{"filename":"', ...Array.from({ length: 20 }, () => padding), '.log","size":4,"log_format":"text"}']);
    expect([huge.status, huge.body.error_code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it('reports a size mismatch, then answers 400 INVALID_JOB_STATE for completing a FAILED job', async () => {
    const short = await init('abcdef\n');
    await upload(short.presigned_url, 'abc\n');
    const mismatch = await call('POST', '/ingest/files/complete', { token, json: { job_id: short.job_id } });
    expect([mismatch.status, mismatch.body.error_code]).toEqual([400, 'UPLOAD_SIZE_MISMATCH']);

    const blank = '\n\n \n';
    const failing = await init(blank);
    await upload(failing.presigned_url, blank);
    await call('POST', '/ingest/files/complete', { token, json: { job_id: failing.job_id } });
    const failed = await waitForTerminal(failing.job_id);
    expect(failed).toMatchObject({ status: 'FAILED', error_message: expect.stringMatching(/No line could be parsed as text/) });
    const again = await call('POST', '/ingest/files/complete', { token, json: { job_id: failing.job_id } });
    expect([again.status, again.body.error_code]).toEqual([400, 'INVALID_JOB_STATE']);
    expect(again.body.detail).toMatch(/state/);
  });

  it('answers 401, 404 and 422 in the standard shape', async () => {
    const unauthenticated = await call('GET', '/jobs');
    expect([unauthenticated.status, unauthenticated.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
    const unknown = await call('GET', '/jobs/00000000-0000-4000-8000-000000000000', { token });
    expect([unknown.status, unknown.body.error_code]).toEqual([404, 'JOB_NOT_FOUND']);
    const tooBig = await call('POST', '/ingest/files/init', { token, json: { filename: 'a.log', size: 65537, log_format: 'json' } });
    expect([tooBig.status, tooBig.body.errors]).toEqual([422, [{ path: 'size', message: 'must be at most 65536 bytes' }]]);
    for (const res of [unauthenticated, unknown, tooBig]) {
      expect(res.body).toMatchObject({ detail: expect.any(String), error_code: expect.any(String), request_id: res.headers.get('x-request-id'), timestamp: expect.any(String) });
    }
  });

  it('is ready: the embedded Postgres is a real database, the in-process queue is embedded', async () => {
    const ready = await call('GET', '/health/ready');
    expect(ready.body).toEqual({ status: 'ready', components: { database: 'healthy', redis: 'embedded', storage: 'healthy' } });
  });
});
