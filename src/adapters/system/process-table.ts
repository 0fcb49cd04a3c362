import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { platform } from 'node:os';

/** What this machine says about other processes: /proc on Linux, `ps` elsewhere. */

const linux = platform() === 'linux';

/** Whether the process exists and is not a zombie (one nobody reaped still answers kill 0). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !linux || procStat(pid)?.state !== 'Z';
}

/** The pid of its parent; null when it is gone or cannot be read. */
export function parentPid(pid: number): number | null {
  if (linux) return procStat(pid)?.ppid ?? null;
  const ppid = Number(ps(pid, 'ppid='));
  return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
}

/**
 * Whether it is a Postgres server of this data directory: a postmaster runs in its data
 * directory (Linux), and has it after `-D` on its command line (elsewhere). `unknown` when
 * it is a Postgres whose directory this user may not see.
 */
export function isPostgresOf(pid: number, clusterDir: string): 'yes' | 'no' | 'unknown' {
  if (!linux) {
    const command = ps(pid, 'command=');
    if (!command) return 'unknown';
    return command.includes(`-D ${clusterDir}`) ? 'yes' : 'no';
  }
  const stat = procStat(pid);
  if (!stat || !stat.comm.includes('postgres')) return 'no';
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(clusterDir) ? 'yes' : 'no';
  } catch {
    return isRunning(pid) ? 'unknown' : 'no';
  }
}

/**
 * The Postgres processes running in this data directory (a postmaster and its children run
 * there), found through /proc; on other systems, only the server postmaster.pid names.
 */
export function postgresProcessesOf(clusterDir: string, lockPid: number | null): number[] {
  if (!linux) return lockPid !== null && isPostgresOf(lockPid, clusterDir) === 'yes' ? [lockPid] : [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && isPostgresOf(pid, clusterDir) === 'yes');
}

function procStat(pid: number): { comm: string; state: string; ppid: number } | null {
  try {
    // pid (comm) state ppid …; comm may itself hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), state: state!, ppid: Number(ppid) };
  } catch {
    return null;
  }
}

const ps = (pid: number, format: string): string => spawnSync('ps', ['-o', format, '-p', String(pid)], { encoding: 'utf8' }).stdout?.trim() ?? '';
