import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { httpClient } from './http-client.ts';
import { tempDataDir } from './temp-dir.ts';

export interface RunningProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

/** As the npm scripts start every entry point: with Node's compile cache on. */
export const PRELOAD = `--import=${new URL('../../src/bootstrap/compile-cache.js', import.meta.url).href}`;

/** Runs a service entry point (src/bootstrap/*.ts) on the project's Node, with extra environment. */
export function runEntry(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [PRELOAD, entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Polls until `predicate` holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(predicate: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Whether a program is on the PATH. */
export const hasCommand = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/**
 * `npm start` (the all-in-one process) on a fresh embedded DATA_DIR and a free port, once it
 * printed its start banner; `env` adds to or overrides the defaults.
 */
export async function startAllInOne(tag: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const proc = runEntry('src/bootstrap/all.ts', { PORT: String(port), DATA_DIR: tempDataDir(`ingest-${tag}`), BCRYPT_COST: '4', ...env });
  await waitFor(() => proc.output().includes('listening on') || proc.child.exitCode !== null, 'the start banner', 60_000);
  if (proc.child.exitCode !== null) throw new Error(`npm start exited with ${proc.child.exitCode}:\n${proc.output()}`);
  const base = `http://127.0.0.1:${port}`;
  return { proc, base, call: httpClient(base) };
}
