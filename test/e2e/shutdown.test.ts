import { afterEach, describe, expect, it } from 'vitest';
import { startAllInOne, type RunningProcess } from '../support/processes.ts';

describe('SIGTERM of the all-in-one process', () => {
  let proc: RunningProcess | undefined;
  afterEach(() => {
    proc?.child.kill('SIGKILL');
  });

  it('ends open event streams (telling clients to reconnect) and exits 0, not after the 30 s grace with 1', async () => {
    const started = await startAllInOne('sse-stop');
    proc = started.proc;
    const { base, call } = started;
    const token = (await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } })).body.access_token;
    const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'open.log', size: 10, log_format: 'text' } });

    // Two followers of a job that will not end by itself (CREATED, never uploaded).
    const streams = await Promise.all(
      [1, 2].map(() => fetch(`${base}/jobs/${init.body.job_id}/events`, { headers: { Authorization: `Bearer ${token}` } })),
    );
    const readers = streams.map((response) => response.body!.pipeThrough(new TextDecoderStream()).getReader());
    for (const reader of readers) expect((await reader.read()).value).toContain('"status":"CREATED"');

    proc.child.kill('SIGTERM');
    const rest = await Promise.all(readers.map((reader) => readToEnd(reader)));
    for (const text of rest) expect(text).toMatch(/^: the server is shutting down\nretry: \d+\n\n$/m);
    expect(await proc.exited).toBe(0);
    expect(proc.output()).not.toContain('graceful shutdown timed out');
  });
});

async function readToEnd(reader: ReadableStreamDefaultReader<string>): Promise<string> {
  let text = '';
  for (let next = await reader.read(); !next.done; next = await reader.read()) text += next.value;
  return text;
}
