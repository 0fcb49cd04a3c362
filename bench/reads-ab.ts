// npm run bench:reads-ab — GET /jobs/{id} on two services side by side, differing only in their
// environment, with load bursts in turns: the service's CPU per request (from /proc) and
// requests/s for each, and the medians of the paired ratios. The host's speed drifts too much
// for single runs to tell a few per cent apart; pairs taken in turns do. Prints, asserts nothing.
//   AB_A='LOG_LEVEL=warn' AB_B='' npm run bench:reads-ab [-- rounds seconds]   (default 6 rounds of 5 s)
//   AB_A_ROOT=../other-checkout runs A from another checkout of the code (a git worktree, say).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../src/adapters/system/free-port.ts';
import { benchDatabase } from './support/database.ts';
import { LOAD } from './support/load.ts';
import type { Child } from './support/processes.ts';
import { adminAccessToken, startBenchService } from './support/service.ts';

const [rounds = 6, seconds = 5] = process.argv.slice(2).map(Number);
const DATA = join(process.env.DATA_DIR ?? '.data', 'bench-run');
/** Linux's USER_HZ: the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_SECOND = 100;

/** `A=1 B=two` as an environment. */
const environment = (text = ''): Record<string, string> =>
  Object.fromEntries(text.split(/\s+/).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));

/** User and system CPU of a process so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

interface Subject {
  readonly child: Child;
  readonly dataDir: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

const database = await benchDatabase(join(DATA, 'postgres'));

/** The service as `npm run bench` starts it, plus `extra`, with one job to read. */
async function subject(extra: Record<string, string>, root?: string): Promise<Subject> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = join(DATA, `ingest-bench-service-ab-${port}`);
  const child = await startBenchService({ port, databaseUrl: database.url, dataDir, env: extra, ...(root ? { root } : {}) });
  const headers = { Authorization: `Bearer ${await adminAccessToken(base)}` };
  const init = await fetch(`${base}/ingest/files/init`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ filename: 'ab.log', size: 10, log_format: 'json' }) });
  const { job_id } = (await init.json()) as { job_id: string };
  return { child, dataDir, url: `${base}/jobs/${job_id}`, headers };
}

const subjects = { A: await subject(environment(process.env.AB_A), process.env.AB_A_ROOT), B: await subject(environment(process.env.AB_B), process.env.AB_B_ROOT) };
const runs: Record<'A' | 'B', { requestsPerSecond: number; cpuUsPerRequest: number }[]> = { A: [], B: [] };
try {
  for (const s of Object.values(subjects)) await autocannon({ url: s.url, headers: s.headers, connections: LOAD.connections, duration: 2 });
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const s = subjects[name];
      const before = cpuMs(s.child.process.pid!);
      const result = await autocannon({ url: s.url, headers: s.headers, connections: LOAD.connections, duration: seconds });
      if (result.non2xx + result.errors > 0) throw new Error(`${name}: ${result.non2xx} answers other than 2xx, ${result.errors} errors`);
      runs[name].push({ requestsPerSecond: result.requests.average, cpuUsPerRequest: ((cpuMs(s.child.process.pid!) - before) * 1000) / result.requests.total });
    }
  }
} finally {
  for (const s of Object.values(subjects)) {
    await s.child.stop();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
  await database.drop();
}

const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`\nGET /jobs/{id}, ${rounds} rounds of ${seconds} s, ${LOAD.connections} connections, A and B in turns`);
for (const name of ['A', 'B'] as const) {
  const r = runs[name];
  console.log(`${name} (${[process.env[`AB_${name}_ROOT`], process.env[`AB_${name}`] || 'as deployed'].filter(Boolean).join(', ')}): ${median(r.map((x) => x.requestsPerSecond)).toFixed(0)} requests/s, ${median(r.map((x) => x.cpuUsPerRequest)).toFixed(1)} µs of service CPU a request (medians)`);
}
const ratio = (key: 'requestsPerSecond' | 'cpuUsPerRequest') => median(runs.A.map((a, i) => a[key] / runs.B[i]![key])).toFixed(3);
console.log(`A/B, median of the pairs: CPU per request ${ratio('cpuUsPerRequest')}, requests/s ${ratio('requestsPerSecond')}`);
