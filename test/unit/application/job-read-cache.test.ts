import { describe, expect, it } from 'vitest';
import { InMemoryJobChangeFeed } from '../../../src/adapters/memory/in-memory-job-change-feed.ts';
import { InMemoryJobRepository } from '../../../src/adapters/memory/in-memory-job-repository.ts';
import { ManualClock } from '../../../src/adapters/memory/manual-clock.ts';
import { changeOf } from '../../../src/application/jobs/announcing-job-repository.ts';
import { DelegatingJobRepository } from '../../../src/application/jobs/delegating-job-repository.ts';
import { JobReadCache } from '../../../src/application/jobs/job-read-cache.ts';
import type { JobRecord } from '../../../src/application/ports/job-repository.ts';
import { queueJob, startProcessing } from '../../../src/domain/job/job.ts';
import { jobRepositoryContract } from '../../contracts/job-repository.contract.ts';
import { aJob, anUpload } from '../../support/builders.ts';

jobRepositoryContract('read cache over in-memory', async () => new JobReadCache(new InMemoryJobRepository(), new InMemoryJobChangeFeed(), new ManualClock(), 1_000));

/** Counts the reads that reach the store, and can hold one back. */
class CountingRepository extends DelegatingJobRepository {
  reads = 0;
  hold: Promise<void> | null = null;
  override async get(jobId: string): Promise<JobRecord | null> {
    this.reads += 1;
    const record = await this.jobs.get(jobId);
    await this.hold;
    return record;
  }
}

async function setup() {
  const store = new InMemoryJobRepository();
  const counting = new CountingRepository(store);
  const feed = new InMemoryJobChangeFeed();
  const clock = new ManualClock();
  const cache = new JobReadCache(counting, feed, clock, 1_000);
  const job = queueJob(aJob(), clock.now());
  await store.create(job, anUpload(job));
  await cache.get(job.id); // subscribes to the feed
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { store, counting, feed, clock, cache, job };
}

describe('JobReadCache', () => {
  it('answers repeated reads from memory until a change is announced, from anywhere', async () => {
    const { store, counting, feed, clock, cache, job } = await setup();
    await cache.get(job.id);
    const reads = counting.reads;
    for (let i = 0; i < 5; i++) expect((await cache.get(job.id))?.job.status).toBe('QUEUED');
    expect(counting.reads).toBe(reads);

    // Another process claims the job and announces it.
    const claimed = await store.update(job.id, (j) => startProcessing(j, clock.now()));
    await feed.publish(changeOf(claimed));
    expect((await cache.get(job.id))?.job.status).toBe('PROCESSING');
    expect(counting.reads).toBe(reads + 1);
  });

  it('forgets a job changed through it, and any entry after its time to live', async () => {
    const { counting, clock, cache, job } = await setup();
    await cache.get(job.id);
    await cache.update(job.id, (j) => startProcessing(j, clock.now()));
    expect((await cache.get(job.id))?.job.status).toBe('PROCESSING');
    const reads = counting.reads;
    await cache.get(job.id);
    clock.advance(1_001);
    await cache.get(job.id);
    expect(counting.reads).toBe(reads + 1);
  });

  it('does not keep a read that raced a change', async () => {
    const { store, counting, feed, clock, cache, job } = await setup();
    clock.advance(5_000); // nothing cached any more
    let release!: () => void;
    counting.hold = new Promise((resolve) => (release = resolve));
    const racing = cache.get(job.id);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await feed.publish(changeOf(await store.update(job.id, (j) => startProcessing(j, clock.now()))));
    release();
    expect((await racing)?.job.status).toBe('QUEUED'); // read before the change: fine to answer
    counting.hold = null;
    expect((await cache.get(job.id))?.job.status).toBe('PROCESSING'); // but it was not kept
  });

  it('hands out frozen records: no caller can change what the others read', async () => {
    const { cache, job } = await setup();
    const first = (await cache.get(job.id))!;
    expect(() => {
      (first.job as { status: string }).status = 'FAILED';
    }).toThrow(TypeError);
    expect((await cache.get(job.id))?.job.status).toBe('QUEUED');
  });
});
