// One measured run, in a process of its own so peak RSS is this run's alone.
//   node bench/worker-run.ts <worker|ceiling> <format> <file>   (BENCH_TIMEZONE=Europe/Paris: the upload's `timezone`)
// Prints one JSON line: { seconds, bytes, events, maxRssMb, cpuSeconds } (CPU of every thread
// over the measured seconds).
import { createReadStream, rmSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { LocalObjectStore } from '../src/adapters/local-storage/local-object-store.ts';
import { InMemoryJobChangeFeed } from '../src/adapters/memory/in-memory-job-change-feed.ts';
import { InMemoryJobQueue } from '../src/adapters/memory/in-memory-job-queue.ts';
import { InMemoryJobRepository } from '../src/adapters/memory/in-memory-job-repository.ts';
import { createLogNormalizer } from '../src/adapters/normalizer/create-log-normalizer.ts';
import { UrlSigner } from '../src/adapters/signed-urls/url-signer.ts';
import { SystemClock } from '../src/adapters/system/system-clock.ts';
import { ProcessJob } from '../src/application/jobs/process-job.ts';
import { loadConfig } from '../src/bootstrap/config.ts';
import { createJob, queueJob } from '../src/domain/job/job.ts';
import type { LogFormat } from '../src/domain/upload/log-format.ts';

const [mode, format, file] = process.argv.slice(2) as ['worker' | 'ceiling', LogFormat, string];
const bytes = statSync(file).size;
const started = performance.now();
const cpuAtStart = process.cpuUsage();
let events = 0;

if (mode === 'ceiling') {
  // The floor of any line-based parser: split lines, and for json, JSON.parse each.
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (format === 'json') JSON.parse(line);
      events++;
    }
  }
} else {
  const clock = new SystemClock();
  const storage = new LocalObjectStore(dirname(file), new UrlSigner('bench', 'http://bench', clock));
  const jobs = new InMemoryJobRepository();
  const job = queueJob(createJob({ id: crypto.randomUUID(), ownerId: crypto.randomUUID(), source: 'bench' }, clock.now()), clock.now());
  await jobs.create(job, {
    jobId: job.id, storageType: 'local', bucket: null, objectKey: basename(file), localPath: file, fileSize: bytes,
    logFormat: format, filename: basename(file), checksumSha256: null, timeZone: process.env.BENCH_TIMEZONE || null, year: null, createdAt: clock.now(),
  });
  // As deployed: PARSE_THREADS and the job budgets from the environment, else their defaults.
  const { parseThreads, budgets } = loadConfig(process.env).worker;
  const normalizer = createLogNormalizer(parseThreads);
  const ports = { jobs, storage, clock, queue: new InMemoryJobQueue(), feed: new InMemoryJobChangeFeed(), normalizer };
  const processJob = new ProcessJob(ports, { maxRetries: 0, maxLineBytes: 1024 * 1024, budgets, progressIntervalMs: 1_000, retryBaseDelayMs: 1_000 });
  const report = await processJob.execute(job.id);
  if (report.outcome !== 'completed') throw new Error(`worker run ended ${report.outcome}: ${String(report.error)}`);
  const { eventsParsed, outputKey } = (await jobs.get(job.id))!.result!;
  events = eventsParsed;
  await normalizer.close();
  // Measured, the output goes, so that runs do not pile it up next to the input files.
  const output = outputKey === null ? null : storage.localPathOf(outputKey);
  if (output !== null) rmSync(output, { force: true });
}

const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
console.log(JSON.stringify({ seconds, bytes, events, maxRssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
