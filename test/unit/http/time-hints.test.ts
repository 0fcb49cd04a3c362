import { gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProcessJob } from '../../../src/application/jobs/process-job.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { httpClient, type HttpCall } from '../../support/http-client.ts';
import { createTestCore, PASSWORD, type TestCore } from '../../support/test-core.ts';

const initBody = { filename: 'messages', size: 12, log_format: 'syslog' };

describe('HTTP API: the upload options timezone and year', () => {
  let core: TestCore;
  let call: HttpCall;
  let token: string;

  beforeEach(async () => {
    core = createTestCore();
    call = httpClient(core.app);
    const { user } = await core.addUser('user');
    token = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token;
  });

  it.each([
    ['a zone nobody knows', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['an offset rather than a zone', { timezone: '+02:00' }, 'timezone'],
    ['an abbreviation that is no IANA zone', { timezone: 'CEST' }, 'timezone'],
    ['an empty zone', { timezone: '' }, 'timezone'],
    ['a year before 1970', { year: 1969 }, 'year'],
    ['a year after 2100', { year: 2101 }, 'year'],
    ['a fractional year', { year: 2024.5 }, 'year'],
    ['a year written as text', { year: '2024' }, 'year'],
  ])('422 for %s, naming the field', async (_, options, field) => {
    const res = await call('POST', '/ingest/files/init', { token, json: { ...initBody, ...options } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error_code: 'VALIDATION_ERROR', errors: [{ path: field, message: expect.any(String) }] });
    expect(res.body.errors).toHaveLength(1);
  });

  it('says which zones it takes', async () => {
    const res = await call('POST', '/ingest/files/init', { token, json: { ...initBody, timezone: 'Mars/Olympus_Mons' } });
    expect(res.body.errors[0].message).toMatch(/IANA time zone name .*Europe\/Paris/);
  });

  it('shows them in the job, null when not given, and reads the file with them', async () => {
    const plain = await call('POST', '/ingest/files/init', { token, json: initBody });
    expect((await call('GET', `/jobs/${plain.body.job_id}`, { token })).body.file).toMatchObject({ timezone: null, year: null });

    // Paris is UTC+1 in January and UTC+2 in July; the RFC 3339 line carries its own offset.
    const content = 'Jan  5 11:00:00 host app[1]: winter\nJul  5 11:00:00 host app[1]: summer\n2019-07-05T11:00:00-05:00 host app[1]: own offset\n';
    const init = await call('POST', '/ingest/files/init', {
      token,
      json: { ...initBody, size: Buffer.byteLength(content), timezone: 'Europe/Paris', year: 2019 },
    });
    expect(init.status).toBe(201);
    const jobId = init.body.job_id as string;
    await core.app.request(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: content });
    await call('POST', '/ingest/files/complete', { token, json: { job_id: jobId } });
    await core.get<ProcessJob>(TOKENS.ProcessJob).execute(jobId);

    const job = (await call('GET', `/jobs/${jobId}`, { token })).body;
    expect(job).toMatchObject({ status: 'COMPLETED', file: { log_format: 'syslog', timezone: 'Europe/Paris', year: 2019 } });
    expect(job.result).toMatchObject({ first_event_at: '2019-01-05T10:00:00.000Z', last_event_at: '2019-07-05T16:00:00.000Z' });
    const { download_url: url } = (await call('GET', `/jobs/${jobId}/output`, { token })).body;
    const output = gunzipSync(Buffer.from(await (await core.app.request(url)).arrayBuffer())).toString();
    expect(output.trimEnd().split('\n').map((line) => JSON.parse(line).ts)).toEqual([
      '2019-01-05T10:00:00.000Z',
      '2019-07-05T09:00:00.000Z',
      '2019-07-05T16:00:00.000Z',
    ]);
  });

  it('takes a zone in any letter case, and an alias, as the runtime does', async () => {
    for (const timezone of ['europe/paris', 'US/Pacific', 'UTC', 'Etc/GMT+5']) {
      const res = await call('POST', '/ingest/files/init', { token, json: { ...initBody, timezone } });
      expect([timezone, res.status]).toEqual([timezone, 201]);
    }
  });

  it('holds them in the Idempotency-Key fingerprint: another zone is another request', async () => {
    const headers = { 'Idempotency-Key': 'zone-1' };
    const first = await call('POST', '/ingest/files/init', { token, json: { ...initBody, timezone: 'Europe/Paris' }, headers });
    const other = await call('POST', '/ingest/files/init', { token, json: { ...initBody, timezone: 'Europe/Berlin' }, headers });
    expect([first.status, other.status, other.body.error_code]).toEqual([201, 409, 'IDEMPOTENCY_CONFLICT']);
  });
});
