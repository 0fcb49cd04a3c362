// npm run bench — the service's performance next to ceilings measured in the same run on the
// same machine: API reads vs a bare Hono route, API writes vs pgbench on the same SQL,
// end-to-end small-file jobs per second, and the worker (bench:worker). Prints, asserts nothing.
//   BENCH_SECTIONS=reads,writes,e2e,worker   BENCH_SECONDS=10   BENCH_E2E_JOBS=1000   BENCH_E2E_WARMUP_JOBS=300
//   BENCH_WORKER_CONCURRENCY=32
//   BENCH_DATABASE_URL (default: the machine's Postgres, else an embedded one)
//   BENCH_NODE_ARGS (Node flags of the processes it starts, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof')
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Agent, request } from 'undici';
import { freePort } from '../src/adapters/system/free-port.ts';
import { benchDatabase } from './support/database.ts';
import { backgroundLoad } from './support/idle.ts';
import { LOAD, load, type LoadResult } from './support/load.ts';
import { answers200, startNode, type Child } from './support/processes.ts';
import { adminAccessToken, startBenchService } from './support/service.ts';

const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'reads,writes,e2e,worker').split(','));
const E2E_JOBS = Number(process.env.BENCH_E2E_JOBS ?? 1000);
/** Jobs run through the flow before the measured ones, not counted. */
const E2E_WARMUP_JOBS = Number(process.env.BENCH_E2E_WARMUP_JOBS ?? 300);
const E2E_CLIENTS = 32;
/** Jobs the service's worker runs at once: small jobs wait mostly on round trips, so many overlap well. */
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 32);
const DATA = join(process.env.DATA_DIR ?? '.data', 'bench-run');
const POOL_SIZE = 10; // the service's Postgres pool (Database's default)
/**
 * The service's objects: a run's own, like its database, deleted after the run (with any an
 * interrupted run left), never before it. They live in memory (/dev/shm) where there is one,
 * so that the end-to-end figure is the service's, not the file system's (ext4 without a journal
 * slows file creation for minutes after many deletions). The run on the disk is printed too.
 */
const IN_MEMORY = existsSync('/dev/shm') ? '/dev/shm' : null;
const SERVICE_DATA = join(IN_MEMORY ?? DATA, `ingest-bench-service-${process.pid}`);
const DISK_SERVICE_DATA = join(DATA, `ingest-bench-service-${process.pid}`);

/** One init's inserts as one statement, for pgbench (see pgbench below); $owner is filled in. */
const ONE_INIT = `
WITH job AS (
  INSERT INTO jobs (id, job_type, source, owner_id, status, progress, retry_count, attempt, error_message,
                    created_at, queued_at, started_at, finished_at, updated_at, idempotency_key, idempotency_fingerprint)
  VALUES (gen_random_uuid(), 'FILE_UPLOAD', 'api', $owner, 'CREATED', 0, 0, 0, NULL, now(), NULL, NULL, NULL, now(), NULL, NULL)
  ON CONFLICT (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id, status, attempt, updated_at
), upload AS (
  INSERT INTO file_uploads (job_id, storage_type, bucket, object_key, local_path, file_size, log_format, filename, checksum_sha256, created_at)
  SELECT id, 'local', NULL, 'uploads/pgbench/app.log', '/tmp/pgbench/app.log', 4096, 'json', 'app.log', NULL, now() FROM job
), history AS (
  INSERT INTO job_status_changes (job_id, from_status, to_status, attempt, at)
  SELECT id, NULL, status, attempt, updated_at FROM job
)
SELECT count(*) AS created FROM job`;

interface Row {
  readonly figure: string;
  readonly value: string;
  readonly ceiling: string;
  readonly ratio: string;
  readonly goal: string;
}
const rows: Row[] = [];
const fixed = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

mkdirSync(DATA, { recursive: true });
console.log(`\nIngest Service benchmark — Node ${process.version}, ${cpus()[0]?.model.trim()}, ${availableParallelism()} cores`);
console.log(`load: autocannon, ${LOAD.connections} connections, ${LOAD.durationSeconds} s after a 2 s warm-up; everything on 127.0.0.1`);
console.log('reads and init alternate with their ceilings, twice each, and each side shows its better run');
const busy = await backgroundLoad();
console.log(`before the run, other processes kept the machine ${fixed(busy * 100)} % busy${busy > 0.02 ? ' (figures measured beside it are lower)' : ''}`);
console.log();

const database = await benchDatabase(join(DATA, 'postgres'));
console.log(`database: ${database.server}`);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const startService = (port: number, dataDir: string) =>
  startBenchService({ port, databaseUrl: database.url, dataDir, env: { WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) } });
const children: Child[] = [await startService(port, SERVICE_DATA)];

try {
  const accessToken = await adminAccessToken(base);
  const auth = { Authorization: `Bearer ${accessToken}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  const initBody = JSON.stringify({ filename: 'app.log', size: 4096, log_format: 'json' });

  if (SECTIONS.has('reads')) {
    const job = (await (await fetch(`${base}/ingest/files/init`, { method: 'POST', headers: json, body: initBody })).json()) as { job_id: string };
    const helloPort = await freePort();
    const hello = await startNode('bench/hello-server.ts', [String(helloPort)], {}, () => answers200(`http://127.0.0.1:${helloPort}/hello`));
    children.push(hello);
    const [readRuns, helloRuns] = await alternating(
      () => load({ url: `${base}/jobs/${job.job_id}`, headers: auth }),
      () => load({ url: `http://127.0.0.1:${helloPort}/hello` }),
    );
    await hello.stop();
    const reads = best(readRuns);
    const ceiling = best(helloRuns);
    const ratio = reads.requestsPerSecond / ceiling.requestsPerSecond;
    rows.push(row('GET /jobs/{id} requests/s', reads, ceiling, ratio, `≥ 35% and p99 < 20 ms: ${verdict(ratio >= 0.35 && reads.p99Ms < 20)}`, 'bare Hono hello'));
    rows.push({ figure: 'GET /jobs/{id} p99 latency', value: `${fixed(reads.p99Ms)} ms`, ceiling: `${fixed(ceiling.p99Ms)} ms`, ratio: '', goal: '' });
  }

  if (SECTIONS.has('writes')) {
    const [writeRuns, pgbenchRuns] = await alternating(
      () => load({ url: `${base}/ingest/files/init`, method: 'POST', headers: json, body: initBody }),
      async () => pgbench(database.url, accessToken),
    );
    const writes = best(writeRuns);
    const tps = pgbenchRuns.includes(null) ? null : Math.max(...(pgbenchRuns as number[]));
    const floorPort = await freePort();
    const floorServer = await startNode('bench/init-floor-server.ts', [String(floorPort), database.url, subjectOf(accessToken), String(POOL_SIZE)], {}, () => answers200(`http://127.0.0.1:${floorPort}/ready`));
    children.push(floorServer);
    const floor = await load({ url: `http://127.0.0.1:${floorPort}/init`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: initBody });
    await floorServer.stop();
    const ratio = tps === null ? null : writes.requestsPerSecond / tps;
    rows.push({
      figure: 'POST /ingest/files/init requests/s',
      value: fixed(writes.requestsPerSecond) + failuresNote(writes),
      ceiling: tps === null ? 'pgbench not installed' : `${fixed(tps)} tps (pgbench, ${POOL_SIZE} clients, one init's inserts a transaction)`,
      ratio: ratio === null ? '-' : `${fixed(ratio * 100)}%`,
      goal: ratio === null ? '-' : `≥ 40%: ${verdict(ratio >= 0.4)}`,
    });
    rows.push({
      figure: '  reference: bare Hono route storing the job through the repository',
      value: fixed(floor.requestsPerSecond) + failuresNote(floor),
      ceiling: tps === null ? '-' : `${fixed(tps)} tps (pgbench)`,
      ratio: tps === null ? '-' : `${fixed((floor.requestsPerSecond / tps) * 100)}%`,
      goal: `init reaches ${fixed((writes.requestsPerSecond / floor.requestsPerSecond) * 100)}% of it`,
    });
  }

  if (SECTIONS.has('e2e')) {
    const outcome = await endToEnd(base, json, database.url, 'small.log');
    rows.push({
      figure: `end to end: ${E2E_JOBS} jobs of 4 KiB (after ${E2E_WARMUP_JOBS} not counted), init → PUT → complete → COMPLETED, objects in ${IN_MEMORY ?? DATA}`,
      value: `${fixed(outcome.jobsPerSecond, 1)} jobs/s`,
      ceiling: `${outcome.completedOnce}/${E2E_JOBS} completed exactly once`,
      ratio: '',
      goal: `≥ 500 jobs/s, none lost or duplicated: ${verdict(outcome.jobsPerSecond >= 500 && outcome.completedOnce === E2E_JOBS)}`,
    });
    if (IN_MEMORY !== null) {
      const diskPort = await freePort();
      const onDisk = await startService(diskPort, DISK_SERVICE_DATA);
      children.push(onDisk);
      const disk = await endToEnd(`http://127.0.0.1:${diskPort}`, json, database.url, 'small-on-disk.log');
      await onDisk.stop();
      rows.push({
        figure: `  reference: the same with objects on the disk, in ${DATA}`,
        value: `${fixed(disk.jobsPerSecond, 1)} jobs/s`,
        ceiling: `${disk.completedOnce}/${E2E_JOBS} completed exactly once`,
        ratio: '',
        goal: 'depends on the files deleted in the last minutes (docs/BENCHMARKS.md)',
      });
    }
  }
} finally {
  for (const child of children) await child.stop();
  await database.drop();
  // This run's objects, and any an interrupted run left ('service-*' from earlier versions of the bench).
  const ours = (dir: string, pattern: RegExp) => readdirSync(dir).filter((entry) => pattern.test(entry)).map((entry) => join(dir, entry));
  const leftovers = [...ours(DATA, /^(ingest-bench-)?service-/), ...(IN_MEMORY === null ? [] : ours(IN_MEMORY, /^ingest-bench-service-/))];
  for (const dir of leftovers) rmSync(dir, { recursive: true, force: true });
}

console.log('\nfigure | measured | ceiling (same run) | ratio | goal (issue 8)');
console.log('-------|----------|--------------------|-------|---------------');
for (const r of rows) console.log(`${r.figure} | ${r.value} | ${r.ceiling} | ${r.ratio} | ${r.goal}`);

if (SECTIONS.has('worker')) {
  console.log('\nWorker (bench:worker, json; BENCH_LARGE_MB sets the large file, 1024 by default):');
  execFileSync(process.execPath, ['bench/worker-bench.ts'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_FORMATS: process.env.BENCH_FORMATS ?? 'json' },
  });
}

function row(figure: string, measured: LoadResult, ceiling: LoadResult, ratio: number, goal: string, ceilingName: string): Row {
  return {
    figure,
    value: fixed(measured.requestsPerSecond) + failuresNote(measured),
    ceiling: `${fixed(ceiling.requestsPerSecond)} (${ceilingName})`,
    ratio: `${fixed(ratio * 100)}%`,
    goal,
  };
}

/**
 * A figure and its ceiling measured in turns, twice each; the caller keeps each side's better
 * run. The host's speed drifts within a run: taking turns gives both sides the same chance of
 * a fast or a slow minute.
 */
async function alternating<A, B>(measured: () => Promise<A>, ceiling: () => Promise<B>): Promise<[A[], B[]]> {
  const measuredRuns: A[] = [];
  const ceilingRuns: B[] = [];
  for (let round = 0; round < 2; round++) {
    measuredRuns.push(await measured());
    ceilingRuns.push(await ceiling());
  }
  return [measuredRuns, ceilingRuns];
}

/** The run with the most requests per second; failures of every run count. */
function best(runs: LoadResult[]): LoadResult {
  const fastest = runs.reduce((a, b) => (a.requestsPerSecond >= b.requestsPerSecond ? a : b));
  return { ...fastest, failures: runs.reduce((sum, run) => sum + run.failures, 0) };
}

/** The user id an access token was issued to. */
function subjectOf(accessToken: string): string {
  return JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()).sub as string;
}

function failuresNote(result: LoadResult): string {
  return result.failures > 0 ? ` (${result.failures} failed!)` : '';
}

/**
 * What Postgres can do for inits one at a time: pgbench running one init's inserts (the job,
 * its upload and its first history entry) per transaction, as one prepared statement, with
 * as many clients as the service's pool has. For one job this single-row form is faster than
 * the service's own statement (CREATE_JOBS, which takes arrays so that inits arriving together
 * share one), so it is the ceiling; transactions per second, or null without pgbench.
 */
function pgbench(url: string, accessToken: string): number | null {
  if (spawnSync('sh', ['-c', 'command -v pgbench']).status !== 0) return null;
  const script = join(tmpdir(), `ingest-init-${process.pid}.sql`);
  writeFileSync(script, `${ONE_INIT.replace('$owner', `'${subjectOf(accessToken)}'`).replace(/\s+/g, ' ').trim()};\n`);
  const out = execFileSync('pgbench', ['-n', '-M', 'prepared', '-c', String(POOL_SIZE), '-j', '2', '-T', String(LOAD.durationSeconds), '-f', script, url], { encoding: 'utf8' });
  const tps = /tps = ([\d.]+)/.exec(out)?.[1];
  return tps ? Number(tps) : null;
}

interface InitAnswer {
  readonly job_id: string;
  readonly presigned_url: string;
  readonly upload_headers: Record<string, string>;
}

/**
 * Small files through the whole flow by many clients at once, after a warm-up of the same; jobs
 * per second until the last measured one is COMPLETED. The clients use undici's request API, far
 * cheaper per request than fetch: on shared cores, what the clients spend the service loses.
 * `filename` tells this run's jobs from any other's in the database.
 */
async function endToEnd(base: string, headers: Record<string, string>, databaseUrl: string, filename: string) {
  const content = `${'{"level":30,"msg":"a small log line for the end-to-end benchmark","n":1}\n'.repeat(56)}`.slice(0, 4096 - 1) + '\n';
  const dispatcher = new Agent({ connections: E2E_CLIENTS });
  const call = async (url: string, options: { method: 'POST' | 'PUT'; headers: Record<string, string>; body: string }) => {
    const response = await request(url, { ...options, dispatcher });
    if (response.statusCode >= 300) throw new Error(`${options.method} ${url} answered ${response.statusCode}: ${await response.body.text()}`);
    return response.body.json();
  };
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const completedJobs = async () => Number((await db.query("SELECT count(*) FROM jobs WHERE status = 'COMPLETED'")).rows[0].count);
  /** `jobs` files through the flow, each named `name`; how many of them completed within five minutes. */
  const run = async (jobs: number, name: string): Promise<number> => {
    const before = await completedJobs();
    const uploadBody = JSON.stringify({ filename: name, size: Buffer.byteLength(content), log_format: 'json' });
    let next = 0;
    await Promise.all(
      Array.from({ length: E2E_CLIENTS }, async () => {
        while (next < jobs) {
          next += 1;
          const init = (await call(`${base}/ingest/files/init`, { method: 'POST', headers, body: uploadBody })) as InitAnswer;
          await call(init.presigned_url, { method: 'PUT', headers: init.upload_headers, body: content });
          await call(`${base}/ingest/files/complete`, { method: 'POST', headers, body: JSON.stringify({ job_id: init.job_id }) });
        }
      }),
    );
    const deadline = Date.now() + 300_000;
    let completed = 0;
    while (completed < jobs && Date.now() < deadline) {
      completed = (await completedJobs()) - before;
      if (completed < jobs) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return completed;
  };
  // A warm-up, as the load tests have: the first jobs run code V8 has not compiled yet.
  await run(E2E_WARMUP_JOBS, `warm-up-${filename}`);
  const started = performance.now();
  const completed = await run(E2E_JOBS, filename);
  const seconds = (performance.now() - started) / 1000;
  // Exactly once: one COMPLETED in each job's history, for every job of the run.
  const once = await db.query(
    `SELECT count(*) FROM (SELECT job_id FROM job_status_changes c JOIN file_uploads f USING (job_id)
      WHERE f.filename = $1 AND c.to_status = 'COMPLETED' GROUP BY job_id HAVING count(*) = 1) once`,
    [filename],
  );
  await db.end();
  await dispatcher.close();
  return { jobsPerSecond: completed / seconds, completedOnce: Number(once.rows[0].count) };
}
