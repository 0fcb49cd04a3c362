import { spawn, type ChildProcess } from 'node:child_process';
import { nodeFlagsOf } from './script-flags.ts';

export interface Child {
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Node flags for every process the bench starts: those of `npm start`, as deployed, and any
 * extra, e.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
 */
const NODE_ARGS = [...nodeFlagsOf('start'), ...(process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [])];

/** Starts a Node entry point of the project; resolves once `ready` says so. */
export async function startNode(entry: string, args: string[], env: Record<string, string>, ready: () => Promise<boolean>): Promise<Child> {
  const child = spawn(process.execPath, [...NODE_ARGS, entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 60_000;
  while (!(await ready())) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${entry} did not start within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Whether an HTTP GET of `url` answers 200. */
export async function answers200(url: string): Promise<boolean> {
  return (await fetch(url).catch(() => null))?.status === 200;
}
