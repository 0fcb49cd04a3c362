import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRELOAD } from '../support/processes.ts';
import { tempDataDir } from '../support/temp-dir.ts';

// Loads a TypeScript module of the project, then reports the compile cache of the process and of a worker thread.
const PROBE = `
import { getCompileCacheDir } from 'node:module';
import { Worker } from 'node:worker_threads';
const { createJob } = await import('./src/domain/job/job.ts');
const inThread = "import { parentPort } from 'node:worker_threads'; import { getCompileCacheDir } from 'node:module'; parentPort.postMessage(getCompileCacheDir() ?? null);";
const thread = await new Promise((resolve) => new Worker(inThread, { eval: true }).once('message', resolve));
console.log(JSON.stringify({ loaded: typeof createJob, process: getCompileCacheDir() ?? null, thread }));
`;

function probe(env: Record<string, string>) {
  const { NODE_COMPILE_CACHE: _inherited, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [PRELOAD, '--input-type=module', '-e', PROBE], { env: { ...inherited, ...env }, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as { loaded: string; process: string | null; thread: string | null };
}

describe('the compile-cache preload', () => {
  it('turns the cache on in the temporary directory for the process and its worker threads, and fills it', () => {
    const tmp = tempDataDir('compile-cache');
    const seen = probe({ TMPDIR: tmp });
    expect(seen.loaded).toBe('function');
    expect(seen.process).toMatch(new RegExp(`^${tmp}/node-compile-cache/`));
    expect(seen.thread).toBe(seen.process);
    expect(readdirSync(seen.process!, { recursive: true }).length).toBeGreaterThan(0);
  });

  it('uses NODE_COMPILE_CACHE when it is set', () => {
    const cache = join(tempDataDir('compile-cache'), 'chosen');
    expect(probe({ NODE_COMPILE_CACHE: cache }).thread).toMatch(new RegExp(`^${cache}/`));
  });

  it('runs the service code without a cache where none can be written', () => {
    const notADirectory = join(tempDataDir('compile-cache'), 'file');
    writeFileSync(notADirectory, '');
    expect(probe({ NODE_COMPILE_CACHE: join(notADirectory, 'cache') })).toEqual({ loaded: 'function', process: null, thread: null });
  });
});
