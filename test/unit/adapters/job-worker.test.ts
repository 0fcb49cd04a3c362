import type { JobQueue } from '../../../src/application/ports/job-queue.ts';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryJobQueue } from '../../../src/adapters/memory/in-memory-job-queue.ts';
import { InMemoryObjectStore } from '../../../src/adapters/memory/in-memory-object-store.ts';
import { UrlSigner } from '../../../src/adapters/signed-urls/url-signer.ts';
import { JobWorker } from '../../../src/adapters/worker/job-worker.ts';
import type { ProcessJob } from '../../../src/application/jobs/process-job.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { queueJob, startProcessing } from '../../../src/domain/job/job.ts';
import { aJob, anUpload, bytesOf } from '../../support/builders.ts';
import { createTestCore, type TestCore } from '../../support/test-core.ts';

describe('JobWorker', () => {
  let core: TestCore;
  let worker: JobWorker | undefined;
  const silent = pino({ level: 'silent' });
  let others: JobWorker[] = [];
  const startWorker = (queue: JobQueue, maxDeliveries = 5, name = 't') => {
    const started = new JobWorker(queue, core.get<ProcessJob>(TOKENS.ProcessJob), silent, { concurrency: 2, name, receiveWaitMs: 50, maxDeliveries, claimRenewalMs: 100 });
    started.start();
    if (worker) others.push(started);
    else worker = started;
  };
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  };
  afterEach(async () => {
    await Promise.all([worker?.stop(), ...others.map((other) => other.stop())]);
    worker = undefined;
    others = [];
  });

  it('processes queued jobs and acknowledges them', async () => {
    core = createTestCore();
    const queue = core.ports.queue;
    const job = queueJob(aJob(), core.clock.now());
    await core.ports.jobs.create(job, anUpload(job, { fileSize: 3 }));
    await core.ports.storage.write(`uploads/${job.id}/logs.txt`, bytesOf('hi\n'));
    await queue.enqueue(job.id);
    startWorker(queue);
    await until(async () => (await core.ports.jobs.get(job.id))?.job.status === 'COMPLETED');
    expect((await core.ports.jobs.get(job.id))?.job.status).toBe('COMPLETED');
    await until(async () => (await queue.stats()).pending === 0);
    expect(await queue.stats()).toEqual({ waiting: 0, pending: 0, deadLettered: 0 });
  });

  it("takes over the job of a worker that died mid-job, once its delivery comes back", async () => {
    core = createTestCore();
    const queue = new InMemoryJobQueue({ visibilityTimeoutMs: 50 });
    const job = queueJob(aJob(), core.clock.now());
    await core.ports.jobs.create(job, anUpload(job, { fileSize: 3 }));
    await core.ports.storage.write(`uploads/${job.id}/logs.txt`, bytesOf('hi\n'));
    await queue.enqueue(job.id);
    // The first worker claims the job, then dies: no outcome, no acknowledgement.
    await queue.receive('dead-worker', 100);
    await core.ports.jobs.update(job.id, (j) => startProcessing(j, core.clock.now()));

    startWorker(queue);
    await until(async () => (await core.ports.jobs.get(job.id))?.job.status === 'COMPLETED');
    expect((await core.ports.jobs.get(job.id))?.job).toMatchObject({ status: 'COMPLETED', attempt: 2, retryCount: 1 });
  });

  it('dead-letters a message delivered too often and fails its job, instead of looping', async () => {
    core = createTestCore();
    const queue = new InMemoryJobQueue({ visibilityTimeoutMs: 20 });
    // A job whose workers keep dying mid-way: claimed, delivered three times, never acknowledged.
    const job = startProcessing(queueJob(aJob(), core.clock.now()), core.clock.now());
    await core.ports.jobs.create(job, anUpload(job));
    await queue.enqueue(job.id);
    for (let i = 0; i < 3; i++) await queue.receive('dying-worker', 200);

    startWorker(queue, 3);
    await until(async () => (await queue.stats()).deadLettered === 1);
    expect(await queue.stats()).toEqual({ waiting: 0, pending: 0, deadLettered: 1 });
    expect((await core.ports.jobs.get(job.id))?.job).toMatchObject({ status: 'FAILED', errorMessage: expect.stringMatching(/Gave up after 3 deliveries/) });
  });

  it('keeps a long job that makes progress from being taken over at the visibility timeout', async () => {
    // Each chunk of the upload takes 100 ms to arrive and moves the job's clock on by a second (a progress write).
    class SlowStore extends InMemoryObjectStore {
      override async read(key: string) {
        const source = await super.read(key);
        if (!source) return null;
        return (async function* () {
          for await (const chunk of source) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            core.clock.advance(1_000);
            yield chunk;
          }
        })();
      }
    }
    const queue = new InMemoryJobQueue({ visibilityTimeoutMs: 300 });
    core = createTestCore({ env: { JOB_MAX_RETRIES: '0' }, queue, storage: (clock) => new SlowStore(new UrlSigner('k', 'http://x', clock)) });
    const content = `${'x'.repeat(1023)}\n`.repeat(64 * 15); // 15 chunks: 1.5 s, five visibility timeouts
    const job = queueJob(aJob(), core.clock.now());
    await core.ports.jobs.create(job, anUpload(job, { fileSize: content.length }));
    await core.ports.storage.write(`uploads/${job.id}/logs.txt`, bytesOf(content));
    await queue.enqueue(job.id);
    startWorker(queue, 5, 'first');
    await until(async () => (await core.ports.jobs.get(job.id))?.job.status === 'PROCESSING');
    startWorker(queue, 5, 'second'); // idle, ready to take over a delivery that times out

    await until(async () => ['COMPLETED', 'FAILED'].includes((await core.ports.jobs.get(job.id))!.job.status));
    expect((await core.ports.jobs.get(job.id))?.job).toMatchObject({ status: 'COMPLETED', attempt: 1, retryCount: 0 });
    expect((await core.ports.jobs.history(job.id)).map((change) => change.to)).toEqual(['QUEUED', 'PROCESSING', 'COMPLETED']);
  });
});
