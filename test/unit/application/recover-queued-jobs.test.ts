import { describe, expect, it } from 'vitest';
import type { RecoverQueuedJobs } from '../../../src/application/jobs/recover-queued-jobs.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { queueJob, startProcessing } from '../../../src/domain/job/job.ts';
import { aJob, anUpload } from '../../support/builders.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('RecoverQueuedJobs (start of the in-process queue)', () => {
  it('re-enqueues QUEUED jobs and releases PROCESSING ones whose worker died with the process', async () => {
    const core = createTestCore({ env: { JOB_MAX_RETRIES: '3' } });
    const now = core.clock.now();
    const waiting = queueJob(aJob(), now);
    const orphaned = startProcessing(queueJob(aJob(), now), now);
    const exhausted = { ...startProcessing(queueJob(aJob(), now), now), retryCount: 3 };
    const untouched = aJob();
    for (const job of [waiting, orphaned, exhausted, untouched]) await core.ports.jobs.create(job, anUpload(job));

    expect(await core.get<RecoverQueuedJobs>(TOKENS.RecoverQueuedJobs).execute()).toBe(2);
    expect((await core.ports.jobs.get(orphaned.id))?.job).toMatchObject({ status: 'QUEUED', retryCount: 1, errorMessage: expect.stringMatching(/stopped/) });
    expect((await core.ports.jobs.get(exhausted.id))?.job.status).toBe('FAILED');
    expect((await core.ports.jobs.get(untouched.id))?.job.status).toBe('CREATED');
    const delivered = [await core.ports.queue.receive('c', 50), await core.ports.queue.receive('c', 50)].map((d) => d?.jobId).sort();
    expect(delivered).toEqual([waiting.id, orphaned.id].sort());
  });
});
