import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpCall } from '../support/http-client.ts';
import { startAllInOne, type RunningProcess } from '../support/processes.ts';
import { login, settled } from './support.ts';

/** Creates a job for `content`, uploads it with its presigned URL, completes it; the job id. */
async function upload(call: HttpCall, token: string, content: Uint8Array, filename: string): Promise<string> {
  const init = await call('POST', '/ingest/files/init', { token, json: { filename, size: content.length, log_format: 'text' } });
  expect(init.status).toBe(201);
  const put = await fetch(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: content });
  expect(put.status).toBe(200);
  expect((await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } })).status).toBe(200);
  return init.body.job_id as string;
}

const textLog = (lines: number) =>
  Array.from({ length: lines }, (_, i) => `2026-03-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} served in ${i % 97} ms\n`).join('');

/**
 * Uploads built to hurt the worker, against `npm start` itself (API and worker in one
 * process, where one crash takes both down): each fails its own job, the process stays up.
 */
describe('hostile uploads against the all-in-one process', () => {
  let service: RunningProcess;
  let call: HttpCall;
  let token: string;

  beforeAll(async () => {
    ({ proc: service, call } = await startAllInOne('hostile', {
      RATE_LIMIT_ENABLED: 'false',
      MAX_DECOMPRESSED_BYTES: String(20 * 1024 * 1024),
      LOG_LEVEL: 'warn',
    }));
    token = await login(call);
  }, 60_000);

  afterAll(async () => {
    service?.child.kill('SIGKILL');
    await service?.exited;
  });

  it('fails gzip bombs and over-large inflations at once, naming the budget, and keeps serving', async () => {
    // Each used to end the process: gunzip's stream adapter threw after the job stopped reading it.
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 'a\n'), { level: 9 });
    const large = gzipSync(textLog(600_000)); // about 36 MB of text, an ordinary ratio
    const ordinary = gzipSync(textLog(50_000));
    const jobs = [
      ...(await Promise.all([1, 2, 3].map((i) => upload(call, token, bomb, `bomb-${i}.log.gz`)))),
      await upload(call, token, large, 'large.log.gz'),
      await upload(call, token, ordinary, 'ordinary.log.gz'),
    ];
    const finished = [];
    for (const job of jobs) finished.push(await settled(call, token, job, 60_000));

    expect(finished.map((job) => [job.status, job.retry_count])).toEqual([
      ['FAILED', 0], ['FAILED', 0], ['FAILED', 0], ['FAILED', 0], ['COMPLETED', 0],
    ]);
    for (const job of finished.slice(0, 3)) expect(job.error_message).toMatch(/budget exceeded \(maxDecompressionRatio\)/);
    expect(finished[3].error_message).toMatch(/budget exceeded \(maxDecompressedBytes\): the file inflates to more than 20971520 bytes/);
    expect(finished[4].result.events_parsed).toBe(50_000);
    expect(service.child.exitCode).toBeNull();
    expect((await call('GET', '/health/live')).status).toBe(200);
    expect(service.output()).not.toMatch(/ERR_INVALID_STATE|uncaught/i);
  }, 120_000);
});
