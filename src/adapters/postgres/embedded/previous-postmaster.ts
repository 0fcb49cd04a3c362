import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isPostgresOf, isRunning, parentPid, postgresProcessesOf } from '../../system/process-table.ts';

export interface PreviousPostmasterLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Escalation for a left-over server: fast shutdown, then immediate (crash recovery at the next start), then kill. */
const STOP_STEPS = [
  { signal: 'SIGINT', waitMs: 20_000 },
  { signal: 'SIGQUIT', waitMs: 5_000 },
  { signal: 'SIGKILL', waitMs: 5_000 },
] as const;

/**
 * Makes the cluster free to start after however the previous run ended. A postmaster.pid
 * whose process is gone (or an unreaped zombie), or that names a live process that is not
 * this cluster's server (its pid reused after a reboot), is removed. Postgres processes
 * still running in the cluster (a server orphaned by a killed service, or the children of a
 * killed server) are stopped, unless the service that started them is still running: then it
 * throws, naming that process.
 */
export async function stopPreviousPostmaster(clusterDir: string, ownerFile: string, log: PreviousPostmasterLog): Promise<void> {
  const lockFile = join(clusterDir, 'postmaster.pid');
  const lockPid = firstNumber(lockFile);
  if (lockPid !== null && !isRunning(lockPid)) {
    // Postgres would replace it itself, but takes an unreaped (zombie) server for a live one.
    log.info({ postgres_pid: lockPid, file: lockFile }, 'removing a stale postmaster.pid: its server is gone');
    rmSync(lockFile, { force: true });
  } else if (lockPid !== null) {
    const ours = isPostgresOf(lockPid, clusterDir);
    if (ours === 'unknown') {
      throw new Error(`${lockFile} names pid ${lockPid}, a running Postgres this user may not inspect; stop it, or remove the file if it serves another directory`);
    }
    if (ours === 'no') {
      log.info({ postgres_pid: lockPid, file: lockFile }, 'removing a stale postmaster.pid: its pid now belongs to another process');
      rmSync(lockFile, { force: true });
    }
  }

  const left = postgresProcessesOf(clusterDir, lockPid);
  if (left.length === 0) return;
  const owner = firstNumber(ownerFile);
  if (owner !== null && isRunning(owner) && left.some((pid) => parentPid(pid) === owner)) {
    throw new Error(
      `the embedded Postgres of ${clusterDir} belongs to a running Ingest Service (pid ${owner}); ` +
        'stop that one first, or give this one another DATA_DIR',
    );
  }
  // The server, or the children of a killed one: the processes whose parent is not among them.
  const roots = left.filter((pid) => !left.includes(parentPid(pid) ?? -1));
  log.warn({ postgres_pids: left, dir: clusterDir }, 'stopping the embedded Postgres a previous run left behind');
  for (const { signal, waitMs } of STOP_STEPS) {
    for (const pid of signal === 'SIGINT' ? roots : left) signalIfRunning(pid, signal);
    if (await allExit(left, waitMs)) return;
  }
  throw new Error(`the Postgres processes a previous run left behind (${left.join(', ')}) do not exit`);
}

/** Records this process as the one that runs the cluster's server. */
export function recordOwner(ownerFile: string): void {
  writeFileSync(ownerFile, `${process.pid}\n`);
}

function signalIfRunning(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
    throw new Error(`cannot stop the Postgres process a previous run left behind (pid ${pid}): ${(error as Error).message}`, { cause: error });
  }
}

async function allExit(pids: readonly number[], withinMs: number): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; await sleep(50)) {
    if (!pids.some(isRunning)) return true;
  }
  return !pids.some(isRunning);
}

function firstNumber(file: string): number | null {
  try {
    const value = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0]!, 10);
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}
