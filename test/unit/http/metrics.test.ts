import { describe, expect, it } from 'vitest';
import type { ProcessJob } from '../../../src/application/jobs/process-job.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { createTestCore, PASSWORD } from '../../support/test-core.ts';
import { httpClient } from '../../support/http-client.ts';

describe('/metrics', () => {
  it('exposes request, job and process metrics labelled by route pattern, never by raw ids', async () => {
    const core = createTestCore();
    const call = httpClient(core.app);
    const { user } = await core.addUser('user');
    const token = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token;
    const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'a.log', size: 6, log_format: 'text' } });
    const jobId: string = init.body.job_id;
    await core.app.request(init.body.presigned_url, { method: 'PUT', body: 'hello\n' });
    await call('POST', '/ingest/files/complete', { token, json: { job_id: jobId } });
    await core.get<ProcessJob>(TOKENS.ProcessJob).execute(jobId);
    await call('GET', `/jobs/${jobId}`, { token });
    await call('GET', '/jobs/00000000-0000-4000-8000-000000000000', { token });
    await call('GET', '/no/such/path/12345');

    const res = await call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/text\/plain/);
    const text = res.text;
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/jobs\/:job_id",status="200"\} 1/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/jobs\/:job_id",status="404"\} 1/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/auth\/login"\}/);
    expect(text).toMatch(/job_transitions_total\{from="none",to="CREATED"\} 1/);
    expect(text).toMatch(/job_transitions_total\{from="CREATED",to="QUEUED"\} 1/);
    expect(text).toMatch(/job_transitions_total\{from="PROCESSING",to="COMPLETED"\} 1/);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
    // complete enqueued the job; this test ran ProcessJob itself, so its message still waits.
    expect(text).toMatch(/^job_queue_waiting 1$/m);
    expect(text).toMatch(/^job_queue_pending 0$/m);
    expect(text).toMatch(/^job_queue_dead_lettered 0$/m);
    expect(text).toMatch(/^worker_bytes_processed_total 0$/m);
    expect(text).not.toContain(jobId);
    expect(text).not.toContain('12345');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('asks for METRICS_TOKEN as a bearer token when it is set: 401 in the standard shape otherwise', async () => {
    const secret = 'a-metrics-token-of-sufficient-length-4f9c2e';
    const call = httpClient(createTestCore({ env: { METRICS_TOKEN: secret } }).app);
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong' }, { Authorization: `Bearer ${secret}x` }, { Authorization: secret }];
    for (const headers of attempts) {
      const refused = await call('GET', '/metrics', { headers });
      expect(refused.status, JSON.stringify(headers)).toBe(401);
      expect(refused.headers.get('WWW-Authenticate')).toBe('Bearer');
      expect(refused.body).toMatchObject({ error_code: 'NOT_AUTHENTICATED', detail: '/metrics needs its bearer token' });
      expect(refused.text).not.toContain('process_cpu');
    }
    const scraped = await call('GET', '/metrics', { headers: { Authorization: `Bearer ${secret}` } });
    expect(scraped.status).toBe(200);
    expect(scraped.text).toMatch(/process_cpu_user_seconds_total/);
  });
});
