import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { httpClient } from '../support/http-client.ts';
import { runEntry, waitFor, type RunningProcess } from '../support/processes.ts';
import { tempDataDir } from '../support/temp-dir.ts';

describe('SIGTERM of the all-in-one process', () => {
  let proc: RunningProcess | undefined;
  afterEach(() => {
    proc?.child.kill('SIGKILL');
  });

  it('ends open event streams (telling clients to reconnect) and exits 0, not after the 30 s grace with 1', async () => {
    const port = await freePort();
    proc = runEntry('src/bootstrap/all.ts', { PORT: String(port), DATA_DIR: tempDataDir('ingest-sse-stop'), BCRYPT_COST: '4' });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(() => proc!.output().includes('listening on'), 'the start banner', 60_000);
    const call = httpClient(base);
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
