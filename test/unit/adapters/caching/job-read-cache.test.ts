import { describe, expect, it } from 'vitest';
import { JobReadCache } from '../../../../src/adapters/caching/job-read-cache.ts';
import { InMemoryJobChangeFeed } from '../../../../src/adapters/memory/in-memory-job-change-feed.ts';
import { InMemoryJobRepository } from '../../../../src/adapters/memory/in-memory-job-repository.ts';
import { ManualClock } from '../../../../src/adapters/memory/manual-clock.ts';
import { changeOf } from '../../../../src/application/jobs/announcing-job-repository.ts';
import { DelegatingJobRepository } from '../../../../src/application/ports/delegating-job-repository.ts';
import type { JobRecord } from '../../../../src/application/ports/job-repository.ts';
import { queueJob, startProcessing } from '../../../../src/domain/job/job.ts';
import { aJob, anUpload } from '../../../support/builders.ts';

/** Counts the reads that reach the store, and can hold them back. */
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

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup() {
  const store = new InMemoryJobRepository();
  const counting = new CountingRepository(store);
  const feed = new InMemoryJobChangeFeed();
  const clock = new ManualClock();
  const cache = new JobReadCache(counting, feed, clock, { ttlMs: 1_000, maxEntries: 100 });
  const job = queueJob(aJob(), clock.now());
  await store.create(job, anUpload(job));
  await cache.get(job.id); // subscribes to the feed
  await nextTurn();
  /** Holds the store's reads until the returned function is called. */
  const holdReads = () => {
    let release!: () => void;
    counting.hold = new Promise((resolve) => (release = resolve));
    return () => {
      counting.hold = null;
      release();
    };
  };
  return { store, counting, feed, clock, cache, job, holdReads };
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

  it('answers a read that raced an announced change, but does not keep it', async () => {
    const { store, feed, clock, cache, job, holdReads } = await setup();
    clock.advance(5_000); // nothing cached any more
    const release = holdReads();
    const racing = cache.get(job.id);
    await nextTurn();
    await feed.publish(changeOf(await store.update(job.id, (j) => startProcessing(j, clock.now()))));
    release();
    expect((await racing)?.job.status).toBe('QUEUED'); // read before the change: fine to answer
    expect((await cache.get(job.id))?.job.status).toBe('PROCESSING');
  });

  it('does not keep a read that raced a change made through it', async () => {
    const { clock, cache, job, holdReads } = await setup();
    clock.advance(5_000);
    const release = holdReads();
    const racing = cache.get(job.id);
    await nextTurn();
    await cache.update(job.id, (j) => startProcessing(j, clock.now()));
    release();
    await racing;
    expect((await cache.get(job.id))?.job.status).toBe('PROCESSING');
  });

  it('sends reads of one job made at the same time to the store once', async () => {
    const { counting, clock, cache, job, holdReads } = await setup();
    clock.advance(5_000);
    const reads = counting.reads;
    const release = holdReads();
    const together = Array.from({ length: 5 }, () => cache.get(job.id));
    await nextTurn();
    release();
    expect((await Promise.all(together)).map((record) => record?.job.id)).toEqual(Array(5).fill(job.id));
    expect(counting.reads).toBe(reads + 1);
  });

  it('keeps nothing for an unknown job', async () => {
    const { store, cache } = await setup();
    const job = aJob();
    expect(await cache.get(job.id)).toBeNull();
    await store.create(job, anUpload(job)); // created elsewhere, with no announcement
    expect((await cache.get(job.id))?.job.id).toBe(job.id);
  });
});
