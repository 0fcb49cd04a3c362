import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProcessJob } from '../../../src/application/jobs/process-job.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { T0 } from '../../support/builders.ts';
import { httpClient, type HttpCall } from '../../support/http-client.ts';
import { createTestCore, PASSWORD, type TestCore } from '../../support/test-core.ts';

// An application's own layout, which no built-in format reads: `time|LEVEL|component|message`.
const APP_PATTERN = String.raw`^(?P<ts>[^|]+)\|(?P<level>[A-Z]+)\|(?P<component>[^|]*)\|(?P<message>.*)$`;
const APP_TIME = '%d.%m.%Y %H:%M:%S';
const APP_LOG = '05.01.2026 10:00:01|INFO|billing|invoice 7 sent\n05.01.2026 10:00:02|WARN|billing|retrying payment 9\nnot a line of this layout\n';

describe('custom formats over HTTP', () => {
  let core: TestCore;
  let call: HttpCall;
  let admin: string;
  let user: string;

  const loginAs = async (role: 'admin' | 'user' | 'viewer') => {
    const { user: added } = await core.addUser(role);
    return (await call('POST', '/auth/login', { json: { username: added.username, password: PASSWORD } })).body.access_token as string;
  };
  const init = (token: string, extra: Record<string, unknown>, content = APP_LOG) =>
    call('POST', '/ingest/files/init', { token, json: { filename: 'app.log', size: Buffer.byteLength(content), log_format: 'custom', ...extra } });

  /** Uploads, completes and processes a job; its output's events. */
  async function processed(jobId: string, presignedUrl: string, content = APP_LOG) {
    await core.app.request(presignedUrl, { method: 'PUT', body: content });
    expect((await call('POST', '/ingest/files/complete', { token: user, json: { job_id: jobId } })).status).toBe(200);
    await core.get<ProcessJob>(TOKENS.ProcessJob).execute(jobId);
    const job = (await call('GET', `/jobs/${jobId}`, { token: user })).body;
    if (job.status !== 'COMPLETED') return { job, events: [] };
    const output = await call('GET', `/jobs/${jobId}/output`, { token: user });
    const gzip = new Uint8Array(await (await core.app.request(output.body.download_url)).arrayBuffer());
    const events = gunzipSync(gzip).toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    return { job, events };
  }

  beforeEach(async () => {
    core = createTestCore();
    call = httpClient(core.app);
    admin = await loginAs('admin');
    user = await loginAs('user');
  });

  it('lets an admin save, replace and delete a named format, and anyone signed in read them', async () => {
    const created = await call('POST', '/formats', { token: admin, json: { name: 'app-pipes', pattern: APP_PATTERN, time_format: APP_TIME } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: 'app-pipes', pattern: APP_PATTERN, time_format: APP_TIME, unmatched_lines: 'reject', saved_at: T0.toISOString(), saved_by: expect.any(String),
    });
    await call('POST', '/formats', { token: admin, json: { name: 'all-of-it', pattern: '(?P<message>.*)' } });

    const listed = await call('GET', '/formats', { token: user });
    expect([listed.status, listed.body.map((f: { name: string }) => f.name)]).toEqual([200, ['all-of-it', 'app-pipes']]);
    expect((await call('GET', '/formats/app-pipes', { token: await loginAs('viewer') })).body).toEqual(created.body);

    const replaced = await call('PUT', '/formats/app-pipes', { token: admin, json: { pattern: APP_PATTERN, unmatched_lines: 'continue' } });
    expect([replaced.status, replaced.body.time_format, replaced.body.unmatched_lines]).toEqual([200, null, 'continue']);
    expect((await call('PUT', '/formats/new-one', { token: admin, json: { pattern: '(?<message>.+)' } })).status).toBe(201);

    expect((await call('DELETE', '/formats/app-pipes', { token: admin })).status).toBe(204);
    const gone = await call('GET', '/formats/app-pipes', { token: user });
    expect([gone.status, gone.body.error_code]).toEqual([404, 'FORMAT_NOT_FOUND']);
    const deletedAgain = await call('DELETE', '/formats/app-pipes', { token: admin });
    expect([deletedAgain.status, deletedAgain.body.error_code]).toEqual([404, 'FORMAT_NOT_FOUND']);
  });

  it('answers 409 for a name taken, 403 to non-admins who change formats, 401 without a token', async () => {
    const body = { name: 'app-pipes', pattern: APP_PATTERN };
    await call('POST', '/formats', { token: admin, json: body });
    const taken = await call('POST', '/formats', { token: admin, json: body });
    expect([taken.status, taken.body.error_code]).toEqual([409, 'FORMAT_NAME_TAKEN']);
    for (const [method, path, json] of [
      ['POST', '/formats', { ...body, name: 'mine' }],
      ['PUT', '/formats/app-pipes', { pattern: '(?P<message>.*)' }],
      ['DELETE', '/formats/app-pipes', undefined],
    ] as const) {
      const res = await call(method, path, { token: user, ...(json ? { json } : {}) });
      expect([method, res.status, res.body.error_code]).toEqual([method, 403, 'FORBIDDEN']);
      expect((await call(method, path, json ? { json } : {})).status).toBe(401);
    }
    expect((await call('GET', '/formats')).status).toBe(401);
    expect((await call('GET', '/formats/app-pipes', { token: user })).body.pattern).toBe(APP_PATTERN);
  });

  it('answers 422 with the engine\'s message for a pattern RE2 refuses, and for a bad time layout or name', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ pattern: String.raw`(?P<message>.*)(?<=x)` }, 'pattern', /lookaheads and lookbehinds/],
      [{ pattern: String.raw`(?P<word>\w+) \1` }, 'pattern', /invalid escape sequence.*backreferences/],
      [{ pattern: '(?P<message>.*' }, 'pattern', /missing closing \)/],
      [{ pattern: String.raw`\d+ .*` }, 'pattern', /at least one named group/],
      [{ pattern: `(?P<message>${'a'.repeat(4096)})` }, 'pattern', /4096 characters/],
      [{ pattern: APP_PATTERN, time_format: '%Y-%m-%d %Q' }, 'time_format', /unknown directive %Q/],
      [{ pattern: APP_PATTERN, time_format: '%H:%M:%S' }, 'time_format', /month and day/],
      [{ pattern: '(?P<message>.*)', time_format: '%F %T' }, 'time_format', /ts group, which the pattern does not have/],
      [{ pattern: '(?P<__proto__>.*)' }, 'pattern', /__proto__/],
      [{ pattern: APP_PATTERN, unmatched_lines: 'skip' }, 'unmatched_lines', /reject|continue/],
    ];
    for (const [fields, path, message] of cases) {
      const res = await call('POST', '/formats', { token: admin, json: { name: 'x', ...fields } });
      expect([res.status, res.body.errors?.[0]?.path]).toEqual([422, path]);
      expect(res.body.errors[0].message).toMatch(message);
    }
    const badName = await call('POST', '/formats', { token: admin, json: { name: 'Has Spaces', pattern: APP_PATTERN } });
    expect([badName.status, badName.body.errors[0].path]).toEqual([422, 'name']);
    expect((await call('GET', '/formats/NOT..a/name', { token: user })).status).toBe(404);
  });

  it('reads an upload with an inline pattern, rejecting lines it does not match, and shows the pattern in the job', async () => {
    const started = await init(user, { custom_format: { pattern: APP_PATTERN, time_format: APP_TIME } });
    expect(started.status).toBe(201);
    const { job, events } = await processed(started.body.job_id, started.body.presigned_url);
    expect(job.file.custom_format).toEqual({ name: null, pattern: APP_PATTERN, time_format: APP_TIME, unmatched_lines: 'reject' });
    expect(job.result).toMatchObject({ lines_total: 3, events_parsed: 2, lines_rejected: 1, sample_errors: [{ line: 3, reason: 'does not match the custom pattern' }] });
    expect(events).toEqual([
      { ts: '2026-01-05T10:00:01.000Z', level: 'info', message: 'invoice 7 sent', attrs: { component: 'billing' }, line: 1 },
      { ts: '2026-01-05T10:00:02.000Z', level: 'warn', message: 'retrying payment 9', attrs: { component: 'billing' }, line: 2 },
    ]);
  });

  it('reads an upload with a saved format as it was at init: a later edit changes no existing job', async () => {
    await call('POST', '/formats', { token: admin, json: { name: 'app-pipes', pattern: APP_PATTERN, time_format: APP_TIME } });
    const started = await init(user, { custom_format: 'app-pipes' });
    expect(started.status).toBe(201);
    await call('PUT', '/formats/app-pipes', { token: admin, json: { pattern: '^(?P<message>never matches)$' } });
    await call('DELETE', '/formats/app-pipes', { token: admin });

    const { job, events } = await processed(started.body.job_id, started.body.presigned_url);
    expect(job.file.custom_format).toEqual({ name: 'app-pipes', pattern: APP_PATTERN, time_format: APP_TIME, unmatched_lines: 'reject' });
    expect(events.map((event) => event.message)).toEqual(['invoice 7 sent', 'retrying payment 9']);
  });

  it('refuses at init a custom upload without its format, a format with another log_format, an unknown name and a bad pattern', async () => {
    const missing = await init(user, {});
    expect([missing.status, missing.body.errors]).toEqual([422, [{ path: 'custom_format', message: expect.stringMatching(/required/) }]]);
    const stray = await call('POST', '/ingest/files/init', { token: user, json: { filename: 'a.log', size: 3, log_format: 'text', custom_format: 'app-pipes' } });
    expect([stray.status, stray.body.errors[0].path]).toEqual([422, 'custom_format']);
    const unknown = await init(user, { custom_format: 'nobody-saved-this' });
    expect([unknown.status, unknown.body.errors[0]]).toEqual([422, { path: 'custom_format', message: expect.stringMatching(/no saved format/) }]);
    const bad = await init(user, { custom_format: { pattern: '(a)\\1', time_format: '%Y %Y' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['custom_format.pattern', 'custom_format.time_format']);
  });

  it('joins lines the pattern does not match to the event before when asked to', async () => {
    const trace = '05.01.2026 10:00:03|ERROR|billing|payment failed\njava.io.IOException: refused\n\tat Pay.run(Pay.java:7)\n';
    const started = await init(user, { custom_format: { pattern: APP_PATTERN, time_format: APP_TIME, unmatched_lines: 'continue' } }, trace);
    const { events } = await processed(started.body.job_id, started.body.presigned_url, trace);
    expect(events).toEqual([
      { ts: '2026-01-05T10:00:03.000Z', level: 'error', message: 'payment failed\njava.io.IOException: refused\n\tat Pay.run(Pay.java:7)', attrs: { component: 'billing' }, line: 1 },
    ]);
  });
});
