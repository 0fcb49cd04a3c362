// npm run bench:worker — worker throughput and memory per log format, each next to its
// ceiling measured in the same run on the same machine. Prints a table; asserts nothing.
//   BENCH_SMALL_MB (default 10), BENCH_LARGE_MB (default 1024), BENCH_FORMATS (default all)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { LOG_FORMATS, type LogFormat } from '../src/domain/upload/log-format.ts';
import { generateLogFile } from './generate-logs.ts';
import { nodeFlagsOf } from './support/script-flags.ts';

const SMALL_MB = Number(process.env.BENCH_SMALL_MB ?? 10);
const LARGE_MB = Number(process.env.BENCH_LARGE_MB ?? 1024);
// A custom format reads with a pattern of the upload's own: there is no generated file for it.
const FORMATS = (process.env.BENCH_FORMATS?.split(',') ?? LOG_FORMATS.filter((format) => format !== 'custom')) as LogFormat[];
const DIR = join(process.env.DATA_DIR ?? '.data', 'bench');
const RUN = join(import.meta.dirname, 'worker-run.ts');
/** The worker runs as deployed: with the Node flags of `npm run start:worker`. */
const WORKER_FLAGS = nodeFlagsOf('start:worker');

interface Run {
  seconds: number;
  bytes: number;
  events: number;
  maxRssMb: number;
  /** CPU of all the run's threads. */
  cpuSeconds: number;
}

async function file(format: LogFormat, megabytes: number): Promise<string> {
  const path = join(DIR, `${format}-${megabytes}m.log`);
  if (!existsSync(path) || statSync(path).size < megabytes * 1024 * 1024) {
    process.stderr.write(`generating ${path}\n`);
    await generateLogFile(path, format, megabytes * 1024 * 1024);
  }
  return path;
}

// Normalizer modes measured: the deployed default (one parse thread per core) and inline
// on the event loop (PARSE_THREADS=0), which trades speed for memory.
const THREADS = availableParallelism();
const MODES = [
  { name: `${THREADS} threads`, env: { PARSE_THREADS: String(THREADS) } },
  { name: 'inline', env: { PARSE_THREADS: '0' } },
] as const;

function measure(mode: 'worker' | 'ceiling', format: LogFormat, path: string, env: Record<string, string> = {}): Run {
  const flags = mode === 'worker' ? WORKER_FLAGS : [];
  const out = execFileSync(process.execPath, [...flags, RUN, mode, format, path], { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, ...env } });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

function jqSeconds(path: string): number | null {
  const started = performance.now();
  const jq = spawnSync('jq', ['-c', '.', path], { stdio: ['ignore', 'ignore', 'ignore'] });
  return jq.status === 0 ? (performance.now() - started) / 1000 : null;
}

const mbps = (run: Run) => run.bytes / 1024 / 1024 / run.seconds;
const cpuMsPerMib = (run: Run) => (run.cpuSeconds * 1000) / (run.bytes / 1024 / 1024);
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');

mkdirSync(DIR, { recursive: true });
const cpu = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2; nproc"], { encoding: 'utf8' }).trim().replace(/\n/, ', cores: ');
console.log(`\nWorker benchmark — Node ${process.version}, ${cpu.trim()}`);
console.log(`files: ${SMALL_MB} MiB and ${LARGE_MB} MiB per format, generated in ${DIR}; worker flags (npm run start:worker): ${WORKER_FLAGS.join(' ') || 'none'}\n`);
console.log('format | normalizer | worker MB/s | events/s | ceiling MB/s | worker/ceiling | CPU ms/MiB worker, ceiling | jq MB/s | worker/jq | RSS small MB | RSS large MB | large/small');
console.log('-------|------------|-------------|----------|--------------|----------------|----------------------------|---------|-----------|--------------|--------------|------------');
const goals: string[] = [];
// Node's compile cache is warm on any machine that ran the worker once; the first run here
// fills it, so that no measured run pays for type-stripping the source.
measure('worker', FORMATS[0]!, await file(FORMATS[0]!, SMALL_MB));
for (const format of FORMATS) {
  const small = await file(format, SMALL_MB);
  const large = await file(format, LARGE_MB);
  // The host's speed drifts within a run, so each worker run on the large file is compared
  // with the ceiling measured just before and just after it, the faster of the two: a slow
  // minute can then only make the worker's ratio worse, never flatter it.
  let ceilingBefore = measure('ceiling', format, large);
  const jqRuns = format === 'json' ? [jqSeconds(large), jqSeconds(large)] : [];
  const jq = jqRuns.includes(null) || jqRuns.length === 0 ? null : Math.min(...(jqRuns as number[]));
  const jqMbps = jq === null ? null : statSync(large).size / 1024 / 1024 / jq;
  for (const mode of MODES) {
    const workerSmall = measure('worker', format, small, mode.env);
    const workerLarge = measure('worker', format, large, mode.env);
    const ceilingAfter = measure('ceiling', format, large);
    const ceiling = ceilingBefore.seconds <= ceilingAfter.seconds ? ceilingBefore : ceilingAfter;
    ceilingBefore = ceilingAfter;
    const ratio = mbps(workerLarge) / mbps(ceiling);
    const growth = workerLarge.maxRssMb / workerSmall.maxRssMb;
    console.log(
      [
        format,
        mode.name,
        fixed(mbps(workerLarge)),
        fixed(workerLarge.events / workerLarge.seconds, 0),
        fixed(mbps(ceiling)),
        `${fixed(ratio * 100, 0)}%`,
        `${fixed(cpuMsPerMib(workerLarge))}, ${fixed(cpuMsPerMib(ceiling))}`,
        jqMbps === null ? '-' : fixed(jqMbps),
        jqMbps === null ? '-' : `${fixed(mbps(workerLarge) / jqMbps)}×`,
        fixed(workerSmall.maxRssMb, 0),
        fixed(workerLarge.maxRssMb, 0),
        `${fixed(growth, 2)}×`,
      ].join(' | '),
    );
    if (format !== 'json') continue;
    goals.push(`json, ${mode.name}: worker ≥ 50% of split+JSON.parse: ${fixed(ratio * 100, 0)}% ${met(ratio >= 0.5)}`);
    if (jqMbps !== null) goals.push(`json, ${mode.name}: worker ≥ 4× jq -c .: ${fixed(mbps(workerLarge) / jqMbps)}× ${met(mbps(workerLarge) >= 4 * jqMbps)}`);
    goals.push(`json, ${mode.name}: peak RSS ${LARGE_MB} MiB ≤ 160 MB: ${fixed(workerLarge.maxRssMb, 0)} MB ${met(workerLarge.maxRssMb <= 160)}`);
    goals.push(`json, ${mode.name}: peak RSS ${LARGE_MB} MiB ≤ 1.5 × ${SMALL_MB} MiB: ${fixed(growth, 2)}× ${met(growth <= 1.5)}`);
  }
}
console.log(`\nGoals (issue 4):\n  ${goals.join('\n  ')}\n`);
console.log('Method: each figure is one run in a fresh process; a worker run is compared with the faster of the ceiling runs');
console.log('just before and just after it, and with the faster of two jq runs; the worker run is ProcessJob end to end');
console.log('(local-disk store: read, gunzip check, cut into blocks, parse and normalize, gzip, write); the');
console.log('ceiling only splits lines (and JSON.parses each, for json) on one thread; jq is `jq -c .` on the same file.');
console.log(`CPU ms/MiB is the CPU time of all of a run's threads per MiB of file: with ${THREADS} cores, the worker can reach`);
console.log(`50% of the single-threaded ceiling only while it spends at most ${THREADS * 2}× the ceiling's CPU per MiB.`);
