import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { connectRedis, whenReady } from '../../src/adapters/redis/redis-connection.ts';
import { RedisJobQueue } from '../../src/adapters/redis/redis-job-queue.ts';
import { JobWorker } from '../../src/adapters/worker/job-worker.ts';
import type { ProcessJob } from '../../src/application/jobs/process-job.ts';
import { TOKENS } from '../../src/bootstrap/tokens.ts';
import { queueJob, startProcessing } from '../../src/domain/job/job.ts';
import { aJob, anUpload, bytesOf } from '../support/builders.ts';
import { describeWith } from '../support/describe-with.ts';
import { createTestCore } from '../support/test-core.ts';

describeWith('workers competing on a Redis stream', { servers: ['redisUrl'] }, ({ redisUrl }) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('complete every job exactly once, taking over the job of a worker that died mid-way', async () => {
    const redis = connectRedis(redisUrl);
    await whenReady(redis, 5_000);
    const prefix = `it:${randomBytes(5).toString('hex')}`;
    const queue = () => new RedisJobQueue(redis, { keyPrefix: prefix, visibilityTimeoutMs: 500 });
    const [queueA, queueB, deadQueue] = [queue(), queue(), queue()];
    cleanups.push(() => redis.close(), () => queueA.close(), () => queueB.close(), () => deadQueue.close());

    const core = createTestCore({ env: { JOB_MAX_RETRIES: '3' } });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const job = queueJob(aJob({ createdAt: core.clock.now() }), core.clock.now());
      await core.ports.jobs.create(job, anUpload(job, { fileSize: 6 }));
      await core.ports.storage.write(`uploads/${job.id}/logs.txt`, bytesOf(`job ${i}\n`));
      await queueA.enqueue(job.id);
      ids.push(job.id);
    }
    // A worker takes the first job, claims it, and dies: no outcome, no acknowledgement.
    const lost = await deadQueue.receive('dying-worker', 1_000);
    await core.ports.jobs.update(lost!.jobId, (j) => startProcessing(j, core.clock.now()));

    const processJob = core.get<ProcessJob>(TOKENS.ProcessJob);
    const silent = pino({ level: 'silent' });
    const workers = [queueA, queueB].map(
      (q, i) => new JobWorker(q, processJob, silent, { concurrency: 2, name: `w${i}`, receiveWaitMs: 100, maxDeliveries: 5, claimRenewalMs: 100 }),
    );
    workers.forEach((w) => w.start());
    cleanups.push(() => Promise.all(workers.map((w) => w.stop())));

    const done = async () => (await Promise.all(ids.map((id) => core.ports.jobs.get(id)))).every((r) => r?.job.status === 'COMPLETED');
    for (let i = 0; i < 100 && !(await done()); i++) await new Promise((r) => setTimeout(r, 50));

    const records = await Promise.all(ids.map((id) => core.ports.jobs.get(id)));
    expect(records.map((r) => r?.job.status)).toEqual(ids.map(() => 'COMPLETED'));
    // Every job ran once, except the abandoned one: taken over once, as attempt 2.
    expect(records.map((r) => r?.job.attempt)).toEqual(ids.map((id) => (id === lost!.jobId ? 2 : 1)));
    expect(records.every((r) => r?.result?.eventsParsed === 1)).toBe(true);
    for (let i = 0; i < 50 && (await queueA.stats()).pending > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await queueA.stats()).toEqual({ waiting: 0, pending: 0, deadLettered: 0 });
  });
});
