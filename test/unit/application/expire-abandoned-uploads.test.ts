import { describe, expect, it } from 'vitest';
import type { ExpireAbandonedUploads } from '../../../src/application/jobs/expire-abandoned-uploads.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { queueJob } from '../../../src/domain/job/job.ts';
import { aJob, anUpload } from '../../support/builders.ts';
import { createTestCore } from '../../support/test-core.ts';

describe('ExpireAbandonedUploads (the upload janitor)', () => {
  it('fails CREATED jobs whose upload URL expired more than the grace period ago, and only those', async () => {
    const core = createTestCore({ env: { UPLOAD_URL_EXPIRE_SECONDS: '600' } });
    const at = (minutesAgo: number) => new Date(core.clock.now().getTime() - minutesAgo * 60_000);
    const abandoned = aJob({ createdAt: at(16) }); // 10 min URL + 5 min grace, plus a minute
    const recent = aJob({ createdAt: at(14) });
    const completed = queueJob(aJob({ createdAt: at(60) }), at(59));
    for (const job of [abandoned, recent, completed]) await core.ports.jobs.create(job, anUpload(job));

    const janitor = core.get<ExpireAbandonedUploads>(TOKENS.ExpireAbandonedUploads);
    expect(await janitor.execute()).toBe(1);
    expect((await core.ports.jobs.get(abandoned.id))?.job).toMatchObject({
      status: 'FAILED',
      finishedAt: core.clock.now(),
      errorMessage: 'Upload not completed before its URL expired',
    });
    expect((await core.ports.jobs.get(recent.id))?.job.status).toBe('CREATED');
    expect((await core.ports.jobs.get(completed.id))?.job.status).toBe('QUEUED');
    expect(await janitor.execute()).toBe(0);
  });

  it('works through more abandoned jobs than one batch', async () => {
    const core = createTestCore();
    const old = new Date(core.clock.now().getTime() - 24 * 3_600_000);
    for (let i = 0; i < 450; i++) {
      const job = aJob({ createdAt: old });
      await core.ports.jobs.create(job, anUpload(job));
    }
    expect(await core.get<ExpireAbandonedUploads>(TOKENS.ExpireAbandonedUploads).execute()).toBe(450);
  });
});
