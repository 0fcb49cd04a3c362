import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { tempDataDir } from '../support/temp-dir.ts';

const SAMPLES = {
  json: [
    '{"level":30,"time":1767614400000,"msg":"server started","port":8080}',
    '{"level":50,"time":1767614401000,"msg":"request failed","err":"ECONNRESET"}',
    'this line is not JSON',
    '{"level":40,"time":"2026-01-05T12:00:02Z","msg":"slow"}',
  ],
  logfmt: [
    'time=2026-01-05T12:00:00Z level=info msg="cache warmed" keys=1024',
    'time=2026-01-05T12:00:05Z level=error msg="upstream timeout" upstream=billing',
  ],
  syslog: [
    '<165>1 2026-01-05T12:00:00.003Z host app - ID47 - An application event',
    '<11>Jan  5 12:00:01 host kernel: disk failure',
    'Jan  5 12:00:02 host sshd[99]: Accepted publickey for deploy',
  ],
  clf: [
    '127.0.0.1 - frank [05/Jan/2026:12:00:00 +0000] "GET /index.html HTTP/1.1" 200 2326',
    '10.0.0.2 - - [05/Jan/2026:12:00:01 +0000] "GET /missing HTTP/1.1" 404 153 "-" "curl/8.5.0"',
    '10.0.0.3 - - [05/Jan/2026:12:00:02 +0000] "POST /api HTTP/1.1" 502 0 "-" "Mozilla/5.0"',
  ],
  text: [
    '2026-01-05 12:00:00,001 INFO  [main] App - starting',
    '2026-01-05 12:00:01,002 ERROR [main] App - failed to connect',
    'java.net.ConnectException: Connection refused',
    '\tat java.base/sun.nio.ch.Net.connect(Net.java:579)',
    '\tat com.example.App.main(App.java:42)',
    '2026-01-05 12:00:02,003 WARN  [main] App - retrying',
  ],
} as const;

/** What each sample must give: events, rejected lines, level counts. */
const EXPECTED = {
  json: { events_parsed: 3, lines_rejected: 1, level_counts: { info: 1, error: 1, warn: 1 } },
  logfmt: { events_parsed: 2, lines_rejected: 0, level_counts: { info: 1, error: 1 } },
  syslog: { events_parsed: 3, lines_rejected: 0, level_counts: { info: 2, error: 1 } },
  clf: { events_parsed: 3, lines_rejected: 0, level_counts: { info: 1, warn: 1, error: 1 } },
  // The exception's unindented header and its frames join the ERROR line that logged them (the file's dialect).
  text: { events_parsed: 3, lines_rejected: 0, level_counts: { info: 1, error: 1, warn: 1 } },
};

describe('every log format through the HTTP API', () => {
  let service: RunningService;
  let call: HttpCall;
  let token: string;

  beforeAll(async () => {
    const config = loadConfig({ PORT: String(await freePort()), DATA_DIR: tempDataDir('ingest-formats'), BCRYPT_COST: '4' });
    service = await startService(config, { api: true, worker: true }, { logger: pino({ level: 'silent' }) });
    call = httpClient(service.url!);
    token = (await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } })).body.access_token;
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function ingest(format: string, body: Uint8Array, filename = `sample.${format}.log`) {
    const init = await call('POST', '/ingest/files/init', { token, json: { filename, size: body.length, log_format: format } });
    expect((await fetch(init.body.presigned_url, { method: 'PUT', body })).status).toBe(200);
    await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } });
    return init.body.job_id as string;
  }
  async function finished(jobId: string) {
    for (let i = 0; i < 100; i++) {
      const job = (await call('GET', `/jobs/${jobId}`, { token })).body;
      if (job.status === 'COMPLETED' || job.status === 'FAILED') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('job did not finish');
  }

  it.each(Object.keys(SAMPLES) as (keyof typeof SAMPLES)[])('%s: sample file → COMPLETED with the right counts', async (format) => {
    const body = Buffer.from(`${SAMPLES[format].join('\n')}\n`);
    const job = await finished(await ingest(format, body));
    expect(job.status).toBe('COMPLETED');
    expect(job.result).toMatchObject({ lines_total: SAMPLES[format].length, bytes_processed: body.length, ...EXPECTED[format] });
    expect(job.result.first_event_at).toMatch(/^2026-01-05T12:00:0\dZ|^2026-01-05T12:00:0\d\.\d{3}Z/);
  });

  it('reads a gzip-compressed upload', async () => {
    const body = gzipSync(`${SAMPLES.clf.join('\n')}\n`);
    const job = await finished(await ingest('clf', body, 'access.log.gz'));
    expect(job).toMatchObject({ status: 'COMPLETED', result: { events_parsed: 3, bytes_processed: body.length } });
  });

  it('fails a file of the wrong format with a message naming the format', async () => {
    const job = await finished(await ingest('json', Buffer.from(`${SAMPLES.clf.join('\n')}\n`)));
    expect(job.status).toBe('FAILED');
    expect(job.error_message).toMatch(/No line could be parsed as json \(3 lines, 3 rejected; line 1: not valid JSON\)/);
  });

  it('streams every state, CREATED → QUEUED → PROCESSING → COMPLETED, to an event-stream client, then closes', async () => {
    const body = Buffer.from(`${SAMPLES.logfmt.join('\n')}\n`);
    const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'a.log', size: body.length, log_format: 'logfmt' } });
    await fetch(init.body.presigned_url, { method: 'PUT', body });
    const events = fetch(`${service.url}/jobs/${init.body.job_id}/events`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 100));
    await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } });
    const statuses = (await events).split('\n').filter((l) => l.startsWith('data:')).map((l) => JSON.parse(l.slice(5)).status);
    expect(statuses).toEqual(['CREATED', 'QUEUED', 'PROCESSING', 'COMPLETED']);
  });
});
