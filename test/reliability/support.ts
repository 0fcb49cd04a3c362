import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { JobStatusChange } from '../../src/application/ports/job-repository.ts';
import { canTransition } from '../../src/domain/job/job-status.ts';
import type { HttpCall } from '../support/http-client.ts';

/** `count` JSON log lines, about `lineBytes` each, numbered so every event can be traced. */
export function jsonLines(count: number, tag: string, lineBytes = 200): string {
  const pad = 'x'.repeat(Math.max(0, lineBytes - 90));
  let text = '';
  for (let i = 1; i <= count; i++) {
    text += `{"time":${1767571200000 + i},"level":${30 + (i % 3) * 10},"msg":"${tag} event ${i}","seq":${i},"pad":"${pad}"}\n`;
  }
  return text;
}

/** Creates a job, uploads `content` with its presigned URL, and completes it; returns the job id. */
export async function submit(call: HttpCall, token: string, content: string, filename = 'app.log'): Promise<string> {
  const init = await call('POST', '/ingest/files/init', { token, json: { filename, size: Buffer.byteLength(content), log_format: 'json' } });
  expect(init.status).toBe(201);
  const put = await fetch(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: content });
  expect(put.status).toBe(200);
  const complete = await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } });
  expect(complete.status).toBe(200);
  return init.body.job_id as string;
}

export async function login(call: HttpCall): Promise<string> {
  const response = await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } });
  expect(response.status).toBe(200);
  return response.body.access_token as string;
}

/**
 * A job's status history is one path through the state machine from CREATED, every step
 * allowed, and it completed exactly once, at the end.
 */
export function expectCompletedOnce(history: readonly JobStatusChange[]): void {
  expect(history[0]).toMatchObject({ from: null, to: 'CREATED' });
  for (let i = 1; i < history.length; i++) {
    const { from, to } = history[i]!;
    expect(from).toBe(history[i - 1]!.to);
    expect(canTransition(from!, to), `${from} → ${to}`).toBe(true);
  }
  expect(history.filter((change) => change.to === 'COMPLETED')).toHaveLength(1);
  expect(history.at(-1)?.to).toBe('COMPLETED');
}

/** The job's normalized output holds each of its `lines` events exactly once. */
export async function expectOutputOnce(call: HttpCall, token: string, jobId: string, lines: number): Promise<void> {
  const output = await call('GET', `/jobs/${jobId}/output`, { token });
  expect(output.status).toBe(200);
  const download = await fetch(output.body.download_url);
  const events = gunzipSync(Buffer.from(await download.arrayBuffer())).toString().trim().split('\n').map((l) => JSON.parse(l));
  const seqs = events.map((e) => e.attrs.seq as number).sort((a, b) => a - b);
  expect(seqs).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
}

/** Polls the job until it is COMPLETED or FAILED (or the time is up) and returns its last view. */
export async function settled(call: HttpCall, token: string, jobId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await call('GET', `/jobs/${jobId}`, { token })).body;
    if (job?.status === 'COMPLETED' || job?.status === 'FAILED' || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
