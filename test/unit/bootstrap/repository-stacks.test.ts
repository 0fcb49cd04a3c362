import { describe, expect, it } from 'vitest';
import { InMemoryJobChangeFeed } from '../../../src/adapters/memory/in-memory-job-change-feed.ts';
import { InMemoryJobRepository } from '../../../src/adapters/memory/in-memory-job-repository.ts';
import { InMemoryUserRepository } from '../../../src/adapters/memory/in-memory-user-repository.ts';
import { ManualClock } from '../../../src/adapters/memory/manual-clock.ts';
import { ServiceMetrics } from '../../../src/adapters/metrics/service-metrics.ts';
import { DelegatingJobRepository } from '../../../src/application/ports/delegating-job-repository.ts';
import type { JobChange } from '../../../src/application/ports/job-change-feed.ts';
import type { JobRecord } from '../../../src/application/ports/job-repository.ts';
import { jobRepositoryStack, userRepositoryStack } from '../../../src/bootstrap/repository-stacks.ts';
import { queueJob } from '../../../src/domain/job/job.ts';
import { jobRepositoryContract } from '../../contracts/job-repository.contract.ts';
import { userRepositoryContract } from '../../contracts/user-repository.contract.ts';
import { aJob, anUpload, T0 } from '../../support/builders.ts';
import { createTestCore } from '../../support/test-core.ts';

const metrics = new ServiceMetrics();
const parts = () => ({ feed: new InMemoryJobChangeFeed(), metrics, clock: new ManualClock() });

jobRepositoryContract('the stack the service runs, over in-memory', async () => jobRepositoryStack(new InMemoryJobRepository(), parts()));
userRepositoryContract('the stack the service runs, over in-memory', async () => userRepositoryStack(new InMemoryUserRepository(), new ManualClock()));

/** Counts the reads that reach the store. */
class CountingRepository extends DelegatingJobRepository {
  reads = 0;
  override get(jobId: string): Promise<JobRecord | null> {
    this.reads += 1;
    return this.jobs.get(jobId);
  }
}

describe('the job repository stack', () => {
  it('announces every change, counts state changes, and answers repeated reads from memory', async () => {
    const store = new CountingRepository(new InMemoryJobRepository());
    const feed = new InMemoryJobChangeFeed();
    const counted = new ServiceMetrics();
    const jobs = jobRepositoryStack(store, { feed, metrics: counted, clock: new ManualClock() });
    const announced: JobChange[] = [];
    await feed.subscribeAll((change) => announced.push(change));

    const job = aJob();
    await jobs.create(job, anUpload(job));
    await jobs.update(job.id, (j) => queueJob(j, T0));
    expect(announced.map((change) => [change.jobId, change.status])).toEqual([[job.id, 'QUEUED']]);
    expect((await counted.jobTransitions.get()).values.map((v) => [v.labels.from, v.labels.to, v.value])).toEqual([
      ['none', 'CREATED', 1],
      ['CREATED', 'QUEUED', 1],
    ]);

    await jobs.get(job.id); // subscribes to the feed
    await new Promise((resolve) => setTimeout(resolve, 0));
    const reads = store.reads;
    for (let i = 0; i < 3; i++) expect((await jobs.get(job.id))?.job.status).toBe('QUEUED');
    expect(store.reads).toBe(reads + 1);
    await jobs.close();
  });
});

describe('the composition root', () => {
  it('builds the same job stack over a store a test supplies: reads remembered until the job changes', async () => {
    const core = createTestCore();
    const job = aJob();
    await core.ports.jobs.create(job, anUpload(job));
    await core.ports.jobs.get(job.id); // subscribes to the feed
    await new Promise((resolve) => setTimeout(resolve, 0));
    await core.ports.jobs.get(job.id);
    await core.stores.jobs.update(job.id, (j) => queueJob(j, T0)); // behind the stack, announced to nobody
    expect((await core.ports.jobs.get(job.id))?.job.status).toBe('CREATED');
    core.clock.advance(1_001);
    expect((await core.ports.jobs.get(job.id))?.job.status).toBe('QUEUED');
  });
});
