import { mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../src/adapters/local-storage/local-object-store.ts';
import { UrlSigner } from '../../../src/adapters/signed-urls/url-signer.ts';
import type { CollectExpiredFiles } from '../../../src/application/jobs/collect-expired-files.ts';
import type { ExpireAbandonedUploads } from '../../../src/application/jobs/expire-abandoned-uploads.ts';
import type { RetryJob } from '../../../src/application/jobs/retry-job.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { completeJob, createJob, failJob, queueJob, startProcessing, type Job } from '../../../src/domain/job/job.ts';
import { processedObjectKey } from '../../../src/domain/upload/filename.ts';
import { anUpload, bytesOf } from '../../support/builders.ts';
import { createTestCore, type TestCore } from '../../support/test-core.ts';

const HOUR = 3600 * 1000;

describe('CollectExpiredFiles (the storage janitor)', () => {
  let core: TestCore;
  let collect: CollectExpiredFiles;

  beforeEach(() => {
    core = createTestCore({ env: { FAILED_JOB_FILES_RETENTION_HOURS: '24' } });
    collect = core.get(TOKENS.CollectExpiredFiles);
  });

  /** A job in `status` (FAILED or COMPLETED), with its upload and an output in storage. */
  async function jobWithFiles(end: (job: Job, now: Date) => Job): Promise<Job> {
    const now = core.clock.now();
    const running = startProcessing(queueJob(createJob({ id: core.ports.ids.newId(), ownerId: 'owner', source: 'api' }, now), now), now);
    const job = end(running, now);
    const upload = anUpload(job);
    await core.ports.jobs.create(job, upload);
    await core.ports.storage.write(upload.objectKey, bytesOf('uploaded\n'));
    await core.ports.storage.write(processedObjectKey(job.id), bytesOf('output'));
    return job;
  }
  const filesOf = async (job: Job) =>
    Promise.all([core.ports.storage.stat(`uploads/${job.id}/logs.txt`), core.ports.storage.stat(processedObjectKey(job.id))]);

  it("deletes a FAILED job's upload and output once the retention is over, keeping the job as a record", async () => {
    const failed = await jobWithFiles((job, now) => failJob(job, now, 'broken'));
    core.clock.advance(23 * HOUR);
    const recent = await jobWithFiles((job, now) => failJob(job, now, 'broken too'));

    expect(await collect.execute()).toBe(0);
    core.clock.advance(2 * HOUR);
    expect(await collect.execute()).toBe(1);

    expect(await filesOf(failed)).toEqual([null, null]);
    expect((await core.ports.jobs.get(failed.id))?.job).toMatchObject({ status: 'FAILED', errorMessage: 'broken', uploadDeletedAt: core.clock.now() });
    expect(await filesOf(recent)).toEqual([{ size: 9 }, { size: 6 }]);
    expect(await collect.execute()).toBe(0);
  });

  it("deletes a COMPLETED job's upload once its upload URL expired (whatever was put there after complete), keeping the output", async () => {
    const completed = await jobWithFiles((job, now) => completeJob(job, now));
    core.clock.advance(30 * 60 * 1000); // the URL (1800 s) still works: a client may replace the upload
    await core.ports.storage.write(`uploads/${completed.id}/logs.txt`, bytesOf('x'.repeat(5_000_000)));
    expect(await collect.execute()).toBe(0);
    core.clock.advance(6 * 60 * 1000); // past its lifetime and the grace
    expect(await collect.execute()).toBe(1);
    expect(await filesOf(completed)).toEqual([null, { size: 6 }]);
    expect((await core.ports.jobs.get(completed.id))?.job).toMatchObject({ status: 'COMPLETED', uploadDeletedAt: core.clock.now() });
  });

  it('collects the upload of a job that was never completed (refused, or abandoned) once it expired and its retention ended', async () => {
    const now = core.clock.now();
    const job = createJob({ id: core.ports.ids.newId(), ownerId: 'owner', source: 'api' }, now);
    const upload = anUpload(job, { fileSize: 100 });
    await core.ports.jobs.create(job, upload);
    await core.ports.storage.write(upload.objectKey, bytesOf('not the declared size\n')); // complete refused it
    core.clock.advance(2 * HOUR);
    expect(await core.get<ExpireAbandonedUploads>(TOKENS.ExpireAbandonedUploads).execute()).toBe(1);
    core.clock.advance(25 * HOUR);
    expect(await collect.execute()).toBe(1);
    expect(await core.ports.storage.stat(upload.objectKey)).toBeNull();
  });

  it('refuses to retry a job whose files were deleted, saying why', async () => {
    const failed = await jobWithFiles((job, now) => failJob(job, now, 'broken'));
    core.clock.advance(25 * HOUR);
    await collect.execute();
    const { actor } = await core.addUser('admin');
    await expect(core.get<RetryJob>(TOKENS.RetryJob).execute(actor, failed.id)).rejects.toMatchObject({
      code: 'INVALID_JOB_STATE',
      message: expect.stringMatching(/cannot be retried: its uploaded file was deleted after the retention period/),
    });
  });

  it('removes the partial files of writes killed mid-way, once they made no progress for hours', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ingest-janitor-'));
    core = createTestCore({ storage: (clock) => new LocalObjectStore(root, new UrlSigner('k', 'http://x', clock)) });
    collect = core.get(TOKENS.CollectExpiredFiles);
    // A worker writing an output, stalled for good (as if killed): its partial file stays behind.
    let kill!: (error: Error) => void;
    const killed = new Promise<never>((_, reject) => (kill = reject));
    killed.catch(() => {}); // the writer may not be waiting on it yet when it is killed
    const writing = core.ports.storage.write(processedObjectKey('a-job'), (async function* () {
      yield new Uint8Array(1024 * 1024);
      await killed;
    })()).catch(() => 'killed');
    for (let i = 0; i < 50 && readdirSync(join(root, '.partial')).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(join(root, '.partial'))).toHaveLength(1);

    expect(await collect.execute()).toBe(0); // written to just now: maybe still alive
    const [partial] = readdirSync(join(root, '.partial'));
    const sevenHoursAgo = new Date(core.clock.now().getTime() - 7 * HOUR);
    utimesSync(join(root, '.partial', partial!), sevenHoursAgo, sevenHoursAgo);
    expect(await collect.execute()).toBe(1);
    expect(readdirSync(join(root, '.partial'))).toEqual([]);
    kill(new Error('killed'));
    expect(await writing).toBe('killed');
  });
});
