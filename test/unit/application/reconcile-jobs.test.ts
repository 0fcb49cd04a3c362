import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryJobQueue } from '../../../src/adapters/memory/in-memory-job-queue.ts';
import { DependencyUnavailableError } from '../../../src/application/errors.ts';
import type { CompleteUpload } from '../../../src/application/ingest/complete-upload.ts';
import type { ReconcileJobs } from '../../../src/application/jobs/reconcile-jobs.ts';
import type { Delivery } from '../../../src/application/ports/job-queue.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { queueJob, reportProgress, startProcessing } from '../../../src/domain/job/job.ts';
import { aJob, anUpload, bytesOf } from '../../support/builders.ts';
import { createTestCore, type TestCore } from '../../support/test-core.ts';

/** A queue that refuses every call while `down`, as Redis does when it is unreachable. */
class SwitchableQueue extends InMemoryJobQueue {
  down = false;
  override async enqueue(jobId: string, options?: { delayMs?: number }) {
    if (this.down) throw new DependencyUnavailableError('queue');
    return super.enqueue(jobId, options);
  }
  override async holding(jobIds: readonly string[]) {
    if (this.down) throw new DependencyUnavailableError('queue');
    return super.holding(jobIds);
  }
}

const LEASE_S = 60;
const INTERVAL_S = 10;

describe('ReconcileJobs', () => {
  let core: TestCore;
  let queue: SwitchableQueue;
  let reconcile: ReconcileJobs;
  const received = async (): Promise<string[]> => {
    const ids: string[] = [];
    for (let d: Delivery | null; (d = await queue.receive('c', 10)); ) ids.push(d.jobId);
    return ids.sort();
  };

  beforeEach(() => {
    queue = new SwitchableQueue();
    core = createTestCore({ queue, env: { JOB_LEASE_SECONDS: String(LEASE_S), RECONCILE_INTERVAL_SECONDS: String(INTERVAL_S), JOB_MAX_RETRIES: '2' } });
    reconcile = core.get(TOKENS.ReconcileJobs);
  });

  it('completes an upload while the queue is down (the job is durable), and hands it over once the queue is back', async () => {
    const { actor } = await core.addUser('user');
    const job = queueJob(aJob({ ownerId: actor.userId }), core.clock.now());
    const created = { ...job, status: 'CREATED' as const, queuedAt: null };
    await core.ports.jobs.create(created, anUpload(created, { fileSize: 3 }));
    await core.ports.storage.write(`uploads/${job.id}/logs.txt`, bytesOf('hi\n'));

    queue.down = true;
    expect((await core.get<CompleteUpload>(TOKENS.CompleteUpload).execute(actor, job.id)).status).toBe('QUEUED');
    await expect(reconcile.execute()).rejects.toThrow('Queue unavailable');

    queue.down = false;
    expect(await reconcile.execute()).toEqual({ released: 0, handedOver: 0 }); // within the grace period
    core.clock.advance((INTERVAL_S + 1) * 1000);
    expect(await reconcile.execute()).toEqual({ released: 0, handedOver: 1 });
    expect(await received()).toEqual([job.id]);
  });

  it('hands over every QUEUED job a queue has lost, and never duplicates one it holds', async () => {
    const held = queueJob(aJob(), core.clock.now());
    const lost = queueJob(aJob(), core.clock.now());
    for (const job of [held, lost]) await core.ports.jobs.create(job, anUpload(job));
    await queue.enqueue(held.id);
    core.clock.advance((INTERVAL_S + 1) * 1000);

    expect(await reconcile.execute()).toEqual({ released: 0, handedOver: 1 });
    expect(await reconcile.execute()).toEqual({ released: 0, handedOver: 0 });
    expect(await received()).toEqual([held.id, lost.id].sort());
  });

  it('releases a PROCESSING job whose lease ran out, and leaves one whose worker keeps renewing it', async () => {
    const start = core.clock.now();
    const abandoned = startProcessing(queueJob(aJob(), start), start);
    const alive = startProcessing(queueJob(aJob(), start), start);
    const exhausted = { ...startProcessing(queueJob(aJob(), start), start), retryCount: 2 };
    for (const job of [abandoned, alive, exhausted]) await core.ports.jobs.create(job, anUpload(job));

    core.clock.advance((LEASE_S - 5) * 1000);
    await core.ports.jobs.update(alive.id, (job) => reportProgress(job, core.clock.now(), 50));
    core.clock.advance(10_000);

    expect(await reconcile.execute()).toEqual({ released: 2, handedOver: 0 });
    expect((await core.ports.jobs.get(abandoned.id))?.job).toMatchObject({ status: 'QUEUED', retryCount: 1, errorMessage: expect.stringMatching(/lease/) });
    expect((await core.ports.jobs.get(exhausted.id))?.job).toMatchObject({ status: 'FAILED' });
    expect((await core.ports.jobs.get(alive.id))?.job).toMatchObject({ status: 'PROCESSING', progress: 50 });
    expect(await received()).toEqual([abandoned.id]);
    expect((await core.ports.jobs.history(abandoned.id)).map((c) => c.to)).toEqual(['PROCESSING', 'QUEUED']);
  });
});

describe('ReconcileJobs at the start of the in-process queue (no grace, no lease)', () => {
  it('hands over every QUEUED job and releases every PROCESSING one whose worker died with the process', async () => {
    const core = createTestCore({ env: { JOB_MAX_RETRIES: '3' } });
    const now = core.clock.now();
    const waiting = queueJob(aJob(), now);
    const orphaned = startProcessing(queueJob(aJob(), now), now);
    const exhausted = { ...startProcessing(queueJob(aJob(), now), now), retryCount: 3 };
    const untouched = aJob();
    for (const job of [waiting, orphaned, exhausted, untouched]) await core.ports.jobs.create(job, anUpload(job));
    core.clock.advance(1);

    expect(await core.get<ReconcileJobs>(TOKENS.ReconcileAtStart).execute()).toEqual({ released: 2, handedOver: 1 });
    expect((await core.ports.jobs.get(orphaned.id))?.job).toMatchObject({ status: 'QUEUED', retryCount: 1, errorMessage: expect.stringMatching(/stopped/) });
    expect((await core.ports.jobs.get(exhausted.id))?.job.status).toBe('FAILED');
    expect((await core.ports.jobs.get(untouched.id))?.job.status).toBe('CREATED');
    const delivered = [await core.ports.queue.receive('c', 50), await core.ports.queue.receive('c', 50)].map((d) => d?.jobId).sort();
    expect(delivered).toEqual([waiting.id, orphaned.id].sort());
  });
});
