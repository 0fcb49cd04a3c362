import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../src/domain/errors.ts';
import {
  completeJob,
  expireUpload,
  failAttempt,
  failJob,
  queueJob,
  reportProgress,
  expireLease,
  retryFailedJob,
  startProcessing,
  assertClaimHeld,
  releaseSilentClaim,
  type Job,
} from '../../../src/domain/job/job.ts';
import { canTransition, JOB_STATUSES, type JobStatus } from '../../../src/domain/job/job-status.ts';
import { retryDelayMs } from '../../../src/domain/job/retry-policy.ts';
import { aJob, T0 } from '../../support/builders.ts';

const NOW = new Date(T0.getTime() + 60_000);
const MAX_RETRIES = 3;

/** Each named transition of PRODUCT.md §3: the status it starts from and the one it ends in. */
const TRANSITIONS: [string, JobStatus, JobStatus, (job: Job) => Job][] = [
  ['queue', 'CREATED', 'QUEUED', (j) => queueJob(j, NOW)],
  ['expireUpload', 'CREATED', 'FAILED', (j) => expireUpload(j, NOW)],
  ['start', 'QUEUED', 'PROCESSING', (j) => startProcessing(j, NOW)],
  ['complete', 'PROCESSING', 'COMPLETED', (j) => completeJob(j, NOW)],
  ['requeue (retries left)', 'PROCESSING', 'QUEUED', (j) => failAttempt(j, NOW, 'storage down', MAX_RETRIES)],
  ['fail', 'PROCESSING', 'FAILED', (j) => failJob(j, NOW, 'bad file')],
  ['adminRetry', 'FAILED', 'QUEUED', (j) => retryFailedJob(j, NOW)],
];

const inStatus = (status: JobStatus): Job => aJob({ status });

describe('job state machine', () => {
  describe.each(TRANSITIONS)('%s', (_, from, to, apply) => {
    it(`moves ${from} → ${to}`, () => {
      const moved = apply(inStatus(from));
      expect(moved.status).toBe(to);
      expect(moved.updatedAt).toEqual(NOW);
    });

    it.each(JOB_STATUSES.filter((s) => s !== from))(`refuses to start from %s`, (status) => {
      const job = inStatus(status);
      let error: unknown;
      try {
        apply(job);
      } catch (caught) {
        error = caught;
      }
      expect(isDomainError(error, 'INVALID_JOB_STATE')).toBe(true);
      expect((error as Error).message).toMatch(/state/);
    });
  });

  it('allows exactly the transitions of the specification and no others', () => {
    const allowed = JOB_STATUSES.flatMap((from) => JOB_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      ['CREATED→QUEUED', 'CREATED→FAILED', 'QUEUED→PROCESSING', 'PROCESSING→COMPLETED', 'PROCESSING→QUEUED', 'PROCESSING→FAILED', 'FAILED→QUEUED'].sort(),
    );
  });

  it('never changes the original job (transitions return new values)', () => {
    const job = aJob();
    queueJob(job, NOW);
    expect(job.status).toBe('CREATED');
  });

  describe('timestamps belong to the transition that owns them', () => {
    it('sets queued_at on QUEUED, started_at on PROCESSING, finished_at on a terminal state', () => {
      const created = aJob();
      expect(created).toMatchObject({ queuedAt: null, startedAt: null, finishedAt: null, createdAt: T0 });
      const queued = queueJob(created, new Date(1_000));
      expect(queued.queuedAt).toEqual(new Date(1_000));
      const started = startProcessing(queued, new Date(2_000));
      expect(started).toMatchObject({ startedAt: new Date(2_000), finishedAt: null });
      expect(completeJob(started, new Date(3_000))).toMatchObject({ finishedAt: new Date(3_000), progress: 100 });
      expect(failJob(started, new Date(4_000), 'x')).toMatchObject({ finishedAt: new Date(4_000), errorMessage: 'x' });
      expect(expireUpload(created, new Date(5_000))).toMatchObject({ finishedAt: new Date(5_000), errorMessage: expect.stringMatching(/upload/i) });
    });
  });

  describe('retries', () => {
    const processing = (retryCount: number): Job => aJob({ status: 'PROCESSING', retryCount, progress: 40 });

    it('requeues with retry_count + 1 while retries remain, keeping the reason', () => {
      const requeued = failAttempt(processing(1), NOW, 'Storage unavailable', MAX_RETRIES);
      expect(requeued).toMatchObject({ status: 'QUEUED', retryCount: 2, queuedAt: NOW, progress: 0, errorMessage: 'Storage unavailable' });
    });

    it('fails once retries are exhausted', () => {
      const failed = failAttempt(processing(MAX_RETRIES), NOW, 'Storage unavailable', MAX_RETRIES);
      expect(failed).toMatchObject({ status: 'FAILED', retryCount: MAX_RETRIES, finishedAt: NOW });
      expect(failed.errorMessage).toMatch(/Storage unavailable.*3 retries/);
    });

    it('fails at once with no retries configured', () => {
      expect(failAttempt(processing(0), NOW, 'x', 0).status).toBe('FAILED');
    });

    it('an admin retry resets the budget and clears the previous run', () => {
      const failed = aJob({ status: 'FAILED', retryCount: 3, errorMessage: 'boom', startedAt: T0, finishedAt: T0, progress: 50 });
      expect(retryFailedJob(failed, NOW)).toMatchObject({
        status: 'QUEUED', retryCount: 0, errorMessage: null, startedAt: null, finishedAt: null, progress: 0, queuedAt: NOW,
      });
    });

    it('backs off exponentially, capped', () => {
      expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, 60_000))).toEqual([1_000, 2_000, 4_000, 8_000]);
      expect(retryDelayMs(20, 1_000, 60_000)).toBe(60_000);
    });
  });

  describe('claims (fencing)', () => {
    it('gives every claim a new attempt number', () => {
      const first = startProcessing(aJob({ status: 'QUEUED' }), NOW);
      const second = startProcessing(failAttempt(first, NOW, 'x', 3), NOW);
      expect([first.attempt, second.attempt]).toEqual([1, 2]);
    });

    it('releases a silent worker\'s job: the lost attempt counts, the next claim fences the old one', () => {
      const abandoned = startProcessing(aJob({ status: 'QUEUED' }), NOW);
      const released = releaseSilentClaim(abandoned, NOW, 3);
      expect(released).toMatchObject({ status: 'QUEUED', retryCount: 1, errorMessage: expect.stringMatching(/stopped responding/) });
      const taken = startProcessing(released, NOW);
      expect(taken.attempt).toBe(abandoned.attempt + 1);
      expect(() => assertClaimHeld(taken, abandoned.attempt)).toThrow(expect.objectContaining({ code: 'JOB_CLAIM_LOST' }));
      expect(releaseSilentClaim({ ...abandoned, retryCount: 3 }, NOW, 3)).toMatchObject({ status: 'FAILED', errorMessage: expect.stringMatching(/stopped responding/) });
      expect(() => releaseSilentClaim(aJob({ status: 'QUEUED' }), NOW, 3)).toThrow(expect.objectContaining({ code: 'INVALID_JOB_STATE' }));
    });

    it('accepts writes only from the current attempt of a PROCESSING job', () => {
      const job = startProcessing(aJob({ status: 'QUEUED' }), NOW);
      expect(() => assertClaimHeld(job, job.attempt)).not.toThrow();
      expect(() => assertClaimHeld(job, job.attempt - 1)).toThrow(expect.objectContaining({ code: 'JOB_CLAIM_LOST' }));
      expect(() => assertClaimHeld(completeJob(job, NOW), job.attempt)).toThrow(expect.objectContaining({ code: 'JOB_CLAIM_LOST' }));
    });
  });

  describe('progress', () => {
    const job = aJob({ status: 'PROCESSING', progress: 10 });

    it('rises, never falls, and stays below 100 until completion', () => {
      expect(reportProgress(job, NOW, 55.7).progress).toBe(55);
      expect(reportProgress(job, NOW, 5).progress).toBe(10);
      expect(reportProgress(job, NOW, 250).progress).toBe(99);
    });

    it('is refused outside PROCESSING', () => {
      expect(() => reportProgress(aJob({ status: 'QUEUED' }), NOW, 50)).toThrow(expect.objectContaining({ code: 'INVALID_JOB_STATE' }));
    });

    it('renews the lease even when the progress stands still', () => {
      const later = new Date(NOW.getTime() + 5_000);
      expect(reportProgress(job, later, 5)).toMatchObject({ progress: 10, updatedAt: later });
    });
  });

  describe('lease expiry', () => {
    const claimed = startProcessing(aJob({ status: 'QUEUED', updatedAt: NOW }), NOW);
    const later = new Date(NOW.getTime() + 60_000);

    it('releases a PROCESSING job whose lease ended before the cutoff, as a lost attempt', () => {
      expect(expireLease(claimed, later, new Date(NOW.getTime() + 1), 3)).toMatchObject({
        status: 'QUEUED', retryCount: 1, attempt: claimed.attempt, progress: 0, errorMessage: expect.stringMatching(/lease/),
      });
      expect(expireLease({ ...claimed, retryCount: 3 }, later, later, 3)).toMatchObject({ status: 'FAILED', finishedAt: later });
    });

    it('leaves a job alone whose lease was renewed, or that is no longer PROCESSING', () => {
      expect(() => expireLease(claimed, later, NOW, 3)).toThrow(expect.objectContaining({ code: 'INVALID_JOB_STATE' }));
      expect(() => expireLease(completeJob(claimed, NOW), later, later, 3)).toThrow(expect.objectContaining({ code: 'INVALID_JOB_STATE' }));
    });
  });
});
