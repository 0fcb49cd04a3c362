import { finished } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { runEntry, waitFor, type RunningProcess } from '../support/processes.ts';
import { tempDataDir } from '../support/temp-dir.ts';

const REQUESTS = 5;

/** The JSON log lines (not a terminal, so not pretty) the process printed so far. */
const logLines = (proc: RunningProcess) =>
  proc
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the log of a service process', () => {
  let proc: RunningProcess | undefined;
  afterEach(() => {
    proc?.child.kill('SIGKILL');
  });

  it('reaches stdout as it is written, so even the lines just before a SIGKILL are there', async () => {
    const port = await freePort();
    proc = runEntry('src/bootstrap/all.ts', { PORT: String(port), DATA_DIR: tempDataDir('ingest-logs'), BCRYPT_COST: '4' });
    await waitFor(() => logLines(proc!).some((line) => line.msg === 'ingest service started'), 'the start line in the log', 45_000);

    // A request's line is written before its answer: once answered, it must be out.
    const ids = Array.from({ length: REQUESTS }, (_, i) => `before-the-kill-${i}`);
    for (const id of ids) expect((await fetch(`http://127.0.0.1:${port}/health`, { headers: { 'X-Request-ID': id } })).status).toBe(200);
    proc.child.kill('SIGKILL');
    await proc.exited;
    await finished(proc.child.stdout!);

    const logged = logLines(proc).filter((line) => line.msg === 'request').map((line) => line.request_id);
    expect(logged).toEqual(ids);
  }, 60_000);
});
