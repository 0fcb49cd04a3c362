import { beforeEach, describe, expect, it } from 'vitest';
import type { JobRepository } from '../../src/application/ports/job-repository.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { completeJob, failAttempt, failJob, queueJob, recordUploadDeleted, reportProgress, startProcessing } from '../../src/domain/job/job.ts';
import { aJob, anUpload, aResult, T0 } from '../support/builders.ts';

/** The semantics every JobRepository promises (see its doc comments). */
export function jobRepositoryContract(name: string, setup: () => Promise<JobRepository>): void {
  describe(`JobRepository contract: ${name}`, () => {
    let repo: JobRepository;
    beforeEach(async () => {
      repo = await setup();
    });

    it('returns null for an unknown job', async () => {
      expect(await repo.get('20000000-0000-4000-8000-000000000000')).toBeNull();
    });

    it('stores a job with its upload and no result', async () => {
      const job = aJob();
      const upload = anUpload(job, { checksumSha256: 'ab'.repeat(32), fileSize: 1024 });
      expect(await repo.create(job, upload)).toEqual({ created: true });
      expect(await repo.get(job.id)).toEqual({ job, upload, result: null });
    });

    it("stores the upload's timezone and year, and lists them", async () => {
      const job = aJob();
      const upload = anUpload(job, { timeZone: 'America/Argentina/Buenos_Aires', year: 2019 });
      await repo.create(job, upload);
      expect((await repo.get(job.id))?.upload).toEqual(upload);
      const listed = await repo.list({ limit: 100, offset: 0 });
      expect(listed.records.find((record) => record.job.id === job.id)?.upload).toEqual(upload);
    });

    it("keeps a custom upload's format as it was given, escapes and all", async () => {
      const job = aJob();
      const customFormat = { name: 'app', pattern: String.raw`^(?P<ts>[^|]+)\|"(?P<message>.*)"$`, timeFormat: '%d/%b/%Y:%H:%M:%S %z', unmatchedLines: 'continue' } as const;
      const upload = anUpload(job, { logFormat: 'custom', customFormat });
      await repo.create(job, upload);
      expect((await repo.get(job.id))?.upload).toEqual(upload);
    });

    it('applies an update atomically and returns the stored job', async () => {
      const job = aJob();
      await repo.create(job, anUpload(job));
      const later = new Date(T0.getTime() + 5_000);
      const queued = await repo.update(job.id, (j) => queueJob(j, later));
      expect(queued).toMatchObject({ status: 'QUEUED', queuedAt: later, updatedAt: later });
      expect((await repo.get(job.id))?.job).toEqual(queued);
    });

    it('stores nothing when the change throws, and lets the error through', async () => {
      const job = aJob();
      await repo.create(job, anUpload(job));
      const error = await repo.update(job.id, (j) => startProcessing(j, T0)).catch((e: unknown) => e);
      expect(isDomainError(error, 'INVALID_JOB_STATE')).toBe(true);
      expect((await repo.get(job.id))?.job).toEqual(job);
    });

    it('throws JOB_NOT_FOUND when updating an unknown job', async () => {
      const error = await repo.update('20000000-0000-4000-8000-000000000001', (j) => j).catch((e: unknown) => e);
      expect(isDomainError(error, 'JOB_NOT_FOUND')).toBe(true);
    });

    it('stores a result with an update and replaces it on the next one', async () => {
      const job = aJob();
      await repo.create(job, anUpload(job));
      await repo.update(job.id, (j) => j, aResult(job.id, { linesTotal: 5 }));
      const second = aResult(job.id, { linesTotal: 7, sampleErrors: [], levelCounts: { warn: 7 } });
      await repo.update(job.id, (j) => j, second);
      expect((await repo.get(job.id))?.result).toEqual(second);
    });

    it('stores what auto detected and the text dialect with a result, and an upload asked as auto', async () => {
      const job = aJob();
      await repo.create(job, anUpload(job, { logFormat: 'auto' }));
      const result = aResult(job.id, { detectedFormat: 'text', dialect: { time: { layout: 'rfc3164', column: 1 }, level: 'in-line' } });
      await repo.update(job.id, (j) => j, result);
      const stored = await repo.get(job.id);
      expect([stored?.upload?.logFormat, stored?.result]).toEqual(['auto', result]);
    });

    it('keeps the result when an update carries none', async () => {
      const job = aJob();
      await repo.create(job, anUpload(job));
      const result = aResult(job.id);
      await repo.update(job.id, (j) => j, result);
      await repo.update(job.id, (j) => queueJob(j, T0));
      expect((await repo.get(job.id))?.result).toEqual(result);
    });

    it('never interleaves concurrent updates of one job', async () => {
      const job = startProcessing(queueJob(aJob(), T0), T0);
      await repo.create(job, anUpload(job));
      await Promise.all(
        Array.from({ length: 20 }, () => repo.update(job.id, (j) => reportProgress(j, T0, j.progress + 1))),
      );
      expect((await repo.get(job.id))?.job.progress).toBe(20);
    });

    it('lets exactly one of concurrent claims of a QUEUED job win; the others see the new state', async () => {
      const job = queueJob(aJob(), T0);
      await repo.create(job, anUpload(job));
      const claims = await Promise.allSettled(Array.from({ length: 8 }, () => repo.update(job.id, (j) => startProcessing(j, T0))));
      expect(claims.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
      for (const lost of claims.filter((c) => c.status === 'rejected')) {
        expect(isDomainError(lost.reason, 'INVALID_JOB_STATE')).toBe(true);
      }
      expect((await repo.get(job.id))?.job).toMatchObject({ status: 'PROCESSING', attempt: 1 });
    });

    it('lists newest first, filters, pages, and counts all matches', async () => {
      const owner = '30000000-0000-4000-8000-000000000001';
      const jobs = [0, 1, 2, 3].map((minute) =>
        aJob({ ownerId: owner, createdAt: new Date(T0.getTime() + minute * 60_000), updatedAt: T0 }),
      );
      for (const job of jobs) await repo.create(job, anUpload(job));
      const other = aJob();
      await repo.create(other, anUpload(other));
      await repo.update(jobs[1]!.id, (j) => queueJob(j, T0));

      const all = await repo.list({ ownerId: owner, limit: 10, offset: 0 });
      expect(all.total).toBe(4);
      expect(all.records.map((r) => r.job.id)).toEqual([...jobs].reverse().map((j) => j.id));

      const page = await repo.list({ ownerId: owner, limit: 2, offset: 1 });
      expect(page.total).toBe(4);
      expect(page.records.map((r) => r.job.id)).toEqual([jobs[2]!.id, jobs[1]!.id]);

      const queued = await repo.list({ ownerId: owner, status: 'QUEUED', limit: 10, offset: 0 });
      expect(queued.records.map((r) => r.job.id)).toEqual([jobs[1]!.id]);
      expect(queued.records[0]?.upload?.filename).toBe('logs.txt');
      expect((await repo.list({ jobType: 'FILE_UPLOAD', limit: 100, offset: 0 })).total).toBeGreaterThanOrEqual(5);

      const older = await repo.list({ ownerId: owner, createdBefore: jobs[2]!.createdAt, limit: 10, offset: 0 });
      expect(older.records.map((r) => r.job.id)).toEqual([jobs[1]!.id, jobs[0]!.id]);
    });

    it('creates one job per owner and idempotency key, and reports the holder', async () => {
      const first = aJob();
      const claim = { key: 'key-1', fingerprint: 'body-a' };
      await repo.create(first, anUpload(first), claim);
      const second = aJob({ ownerId: first.ownerId });
      const outcome = await repo.create(second, anUpload(second), { key: 'key-1', fingerprint: 'body-b' });
      expect(outcome).toEqual({ created: false, existingJobId: first.id, fingerprint: 'body-a' });
      expect(await repo.get(second.id)).toBeNull();

      const foreign = aJob();
      expect(await repo.create(foreign, anUpload(foreign), claim)).toEqual({ created: true });
    });

    it('lets exactly one of concurrent creates with the same key win', async () => {
      const ownerId = '30000000-0000-4000-8000-000000000002';
      const racers = Array.from({ length: 8 }, () => aJob({ ownerId }));
      const outcomes = await Promise.all(
        racers.map((job) => repo.create(job, anUpload(job), { key: 'race', fingerprint: 'same' })),
      );
      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
      const winner = racers[outcomes.findIndex((o) => o.created)]!;
      expect(outcomes.filter((o) => !o.created).every((o) => !o.created && o.existingJobId === winner.id)).toBe(true);
      expect((await repo.list({ ownerId, limit: 10, offset: 0 })).total).toBe(1);
    });

    it('stores every one of many jobs created at once, each with its own upload and first history entry', async () => {
      const jobs = Array.from({ length: 60 }, (_, i) => aJob({ createdAt: new Date(T0.getTime() + i), updatedAt: new Date(T0.getTime() + i) }));
      const outcomes = await Promise.all(jobs.map((job, i) => repo.create(job, anUpload(job, { filename: `file-${i}.log`, fileSize: 100 + i }))));
      expect(outcomes).toEqual(jobs.map(() => ({ created: true })));
      for (const [i, job] of jobs.entries()) {
        const record = await repo.get(job.id);
        expect(record?.job).toEqual(job);
        expect(record?.upload).toEqual(anUpload(job, { filename: `file-${i}.log`, fileSize: 100 + i }));
        expect(await repo.history(job.id)).toEqual([{ from: null, to: 'CREATED', attempt: 0, at: job.updatedAt }]);
      }
    });

    it('records every status change with its attempt, in order, and not progress alone', async () => {
      const job = aJob({ createdAt: T0, updatedAt: T0 });
      await repo.create(job, anUpload(job));
      const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
      await repo.update(job.id, (j) => queueJob(j, at(1)));
      await repo.update(job.id, (j) => startProcessing(j, at(2)));
      await repo.update(job.id, (j) => reportProgress(j, at(3), 40));
      await repo.update(job.id, (j) => failAttempt(j, at(4), 'storage down', 3));
      await repo.update(job.id, (j) => startProcessing(j, at(5)));
      await repo.update(job.id, (j) => completeJob(j, at(6)));
      await repo.update(job.id, (j) => completeJob(j, at(7))).catch(() => {});
      expect(await repo.history(job.id)).toEqual([
        { from: null, to: 'CREATED', attempt: 0, at: T0 },
        { from: 'CREATED', to: 'QUEUED', attempt: 0, at: at(1) },
        { from: 'QUEUED', to: 'PROCESSING', attempt: 1, at: at(2) },
        { from: 'PROCESSING', to: 'QUEUED', attempt: 1, at: at(4) },
        { from: 'QUEUED', to: 'PROCESSING', attempt: 2, at: at(5) },
        { from: 'PROCESSING', to: 'COMPLETED', attempt: 2, at: at(6) },
      ]);
      expect(await repo.history('20000000-0000-4000-8000-000000000009')).toEqual([]);
    });

    it('lists the jobs of a status untouched since a given time', async () => {
      const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
      const stale = queueJob(aJob(), at(1));
      const fresh = queueJob(aJob(), at(9));
      for (const job of [stale, fresh]) await repo.create(job, anUpload(job));
      const found = await repo.list({ status: 'QUEUED', updatedBefore: at(5), limit: 100, offset: 0 });
      const ids = found.records.map((r) => r.job.id);
      expect(ids).toContain(stale.id);
      expect(ids).not.toContain(fresh.id);
    });

    it('lists FAILED jobs finished before a given time whose files are kept, and stores when their files were deleted', async () => {
      const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
      const failedAt = (seconds: number) => failJob(startProcessing(queueJob(aJob(), at(0)), at(0)), at(seconds), 'broken');
      const [old, older, recent] = [failedAt(5), failedAt(3), failedAt(9)];
      for (const job of [old, older, recent]) await repo.create(job, anUpload(job));
      const kept = async () =>
        (await repo.list({ status: 'FAILED', finishedBefore: at(6), uploadKept: true, limit: 100, offset: 0 })).records.map((r) => r.job.id);
      expect(await kept()).toEqual(expect.arrayContaining([old.id, older.id]));
      expect(await kept()).not.toContain(recent.id);

      const deleted = await repo.update(old.id, (job) => recordUploadDeleted(job, at(7)));
      expect(deleted.uploadDeletedAt).toEqual(at(7));
      expect((await repo.get(old.id))?.job.uploadDeletedAt).toEqual(at(7));
      expect(await kept()).not.toContain(old.id);
      expect(await kept()).toContain(older.id);
    });

    it('answers a ping', async () => {
      await expect(repo.ping()).resolves.toBeUndefined();
    });
  });
}
