import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/application/auth/actor.ts';
import type { GetJob } from '../../../src/application/jobs/get-job.ts';
import type { GetJobOutput } from '../../../src/application/jobs/get-job-output.ts';
import type { ListJobs } from '../../../src/application/jobs/list-jobs.ts';
import type { RetryJob } from '../../../src/application/jobs/retry-job.ts';
import type { WatchJob } from '../../../src/application/jobs/watch-job.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { ValidationError } from '../../../src/domain/errors.ts';
import { aJob, anUpload, aResult } from '../../support/builders.ts';
import { createTestCore, type TestCore } from '../../support/test-core.ts';

describe('who sees which job', () => {
  let core: TestCore;
  let owner: Actor;
  let stranger: Actor;
  let viewer: Actor;
  let admin: Actor;
  let jobId: string;

  beforeEach(async () => {
    core = createTestCore();
    owner = (await core.addUser('user')).actor;
    stranger = (await core.addUser('user')).actor;
    viewer = (await core.addUser('viewer')).actor;
    admin = (await core.addUser('admin')).actor;
    const job = aJob({ ownerId: owner.userId, status: 'COMPLETED' });
    await core.ports.jobs.create(job, anUpload(job));
    await core.ports.jobs.update(job.id, (j) => j, aResult(job.id));
    jobId = job.id;
    const other = aJob({ ownerId: stranger.userId, status: 'FAILED' });
    await core.ports.jobs.create(other, anUpload(other));
  });

  it('shows a job to its owner, viewers and admins; to anyone else it does not exist', async () => {
    const getJob = core.get<GetJob>(TOKENS.GetJob);
    for (const actor of [owner, viewer, admin]) expect((await getJob.execute(actor, jobId)).job.id).toBe(jobId);
    await expect(getJob.execute(stranger, jobId)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('lists only their own jobs to users, and all jobs to viewers and admins', async () => {
    const listJobs = core.get<ListJobs>(TOKENS.ListJobs);
    expect((await listJobs.execute(owner, {})).records.map((r) => r.job.id)).toEqual([jobId]);
    expect((await listJobs.execute(viewer, {})).total).toBe(2);
    expect((await listJobs.execute(admin, { status: 'FAILED' })).total).toBe(1);
  });

  it('checks paging bounds', async () => {
    const listJobs = core.get<ListJobs>(TOKENS.ListJobs);
    for (const query of [{ limit: 0 }, { limit: 1001 }, { offset: -1 }, { limit: 1.5 }]) {
      await expect(listJobs.execute(admin, query)).rejects.toBeInstanceOf(ValidationError);
    }
    expect((await listJobs.execute(admin, { limit: 1, offset: 1 })).records).toHaveLength(1);
  });

  it('gives output URLs to the owner and admins only, once COMPLETED', async () => {
    const output = core.get<GetJobOutput>(TOKENS.GetJobOutput);
    expect((await output.execute(owner, jobId)).url).toContain(`processed/${jobId}.ndjson.gz`);
    await expect(output.execute(viewer, jobId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(output.execute(stranger, jobId)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('lets the owner and admins follow a job; to viewers and anyone else it does not exist', async () => {
    const watchJob = core.get<WatchJob>(TOKENS.WatchJob);
    for (const actor of [owner, admin]) {
      const watch = await watchJob.execute(actor, jobId, () => {});
      expect(watch.current.status).toBe('COMPLETED');
      expect((await watchJob.current(actor, jobId)).jobId).toBe(jobId);
      await watch.stop();
    }
    for (const actor of [viewer, stranger]) {
      await expect(watchJob.execute(actor, jobId, () => {})).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
      await expect(watchJob.current(actor, jobId)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    }
  });

  it('lets only admins retry, and only FAILED jobs', async () => {
    const retry = core.get<RetryJob>(TOKENS.RetryJob);
    const failed = (await core.ports.jobs.list({ status: 'FAILED', limit: 1, offset: 0 })).records[0]!.job.id;
    await expect(retry.execute(stranger, failed)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(retry.execute(admin, jobId)).rejects.toMatchObject({ code: 'INVALID_JOB_STATE' });
    expect((await retry.execute(admin, failed)).job).toMatchObject({ status: 'QUEUED', retryCount: 0 });
    expect((await core.ports.queue.stats()).waiting).toBe(1);
  });
});
