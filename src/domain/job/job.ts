import { DomainError } from '../errors.ts';
import { JOB_TRANSITIONS, type JobStatus, type JobTransition } from './job-status.ts';

export const JOB_TYPES = ['FILE_UPLOAD'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export interface Job {
  readonly id: string;
  readonly jobType: JobType;
  /** Which client created it: `api`, `cli`, … */
  readonly source: string;
  readonly ownerId: string;
  readonly status: JobStatus;
  /** 0–100. */
  readonly progress: number;
  readonly retryCount: number;
  /** Incremented by every claim; a worker writes only while its attempt is current (fencing). */
  readonly attempt: number;
  readonly errorMessage: string | null;
  readonly createdAt: Date;
  readonly queuedAt: Date | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly updatedAt: Date;
  /** When the finished job's upload was deleted from storage; null while it is kept. */
  readonly uploadDeletedAt: Date | null;
}

export interface NewJob {
  id: string;
  ownerId: string;
  source: string;
  jobType?: JobType;
}

export function createJob(spec: NewJob, now: Date): Job {
  return {
    id: spec.id,
    jobType: spec.jobType ?? 'FILE_UPLOAD',
    source: spec.source,
    ownerId: spec.ownerId,
    status: 'CREATED',
    progress: 0,
    retryCount: 0,
    attempt: 0,
    errorMessage: null,
    createdAt: now,
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
    uploadDeletedAt: null,
  };
}

function apply(job: Job, transition: JobTransition, now: Date, changes: Partial<Job> = {}): Job {
  const { from, to } = JOB_TRANSITIONS[transition];
  if (job.status !== from) {
    throw new DomainError('INVALID_JOB_STATE', `Job ${job.id} is in state ${job.status} and cannot move to ${to}`);
  }
  return { ...job, ...changes, status: to, updatedAt: now };
}

/** CREATED → QUEUED, once the uploaded object is verified. */
export const queueJob = (job: Job, now: Date): Job => apply(job, 'queue', now, { queuedAt: now });

/** QUEUED → PROCESSING: a worker claims the job and gets a new attempt number. */
export const startProcessing = (job: Job, now: Date): Job =>
  apply(job, 'start', now, { startedAt: now, progress: 0, attempt: job.attempt + 1 });

/** PROCESSING → COMPLETED. */
export const completeJob = (job: Job, now: Date): Job =>
  apply(job, 'complete', now, { finishedAt: now, progress: 100, errorMessage: null });

/** PROCESSING → FAILED for a permanent error. */
export const failJob = (job: Job, now: Date, reason: string): Job =>
  apply(job, 'fail', now, { finishedAt: now, errorMessage: reason });

/**
 * A transient failure: PROCESSING → QUEUED (retry_count + 1) while retries remain,
 * otherwise PROCESSING → FAILED. The reason is kept so a client sees why it is retried.
 */
export function failAttempt(job: Job, now: Date, reason: string, maxRetries: number): Job {
  if (job.retryCount < maxRetries) {
    return apply(job, 'requeue', now, { retryCount: job.retryCount + 1, queuedAt: now, progress: 0, errorMessage: reason });
  }
  return failJob(job, now, `${reason} (gave up after ${job.retryCount} retries)`);
}

/**
 * The worker of a PROCESSING job stopped responding (the job's delivery came back
 * unacknowledged): its attempt is lost and counts as a transient failure, PROCESSING →
 * QUEUED, or FAILED with no retries left. The claim that follows gets a new attempt
 * number, which fences the silent worker out.
 */
export const releaseSilentClaim = (job: Job, now: Date, maxRetries: number): Job =>
  failAttempt(job, now, 'The worker processing this job stopped responding', maxRetries);

/** CREATED → FAILED: the upload URL expired and no one completed the upload. */
export const expireUpload = (job: Job, now: Date): Job =>
  apply(job, 'expireUpload', now, { finishedAt: now, errorMessage: 'Upload not completed before its URL expired' });

/** FAILED → QUEUED by an admin: a fresh start with the retry budget reset, while its file is kept. */
export function retryFailedJob(job: Job, now: Date): Job {
  if (job.uploadDeletedAt !== null) {
    throw new DomainError('INVALID_JOB_STATE', `Job ${job.id} cannot be retried: its uploaded file was deleted after the retention period`);
  }
  return apply(job, 'adminRetry', now, {
    queuedAt: now,
    retryCount: 0,
    progress: 0,
    startedAt: null,
    finishedAt: null,
    errorMessage: null,
  });
}

/** A finished job's upload was deleted; the job stays, as the record of what happened. */
export function recordUploadDeleted(job: Job, now: Date): Job {
  if (job.status !== 'FAILED' && job.status !== 'COMPLETED') {
    throw new DomainError('INVALID_JOB_STATE', `Job ${job.id} is in state ${job.status}; only a finished job's upload is deleted`);
  }
  return { ...job, uploadDeletedAt: now, updatedAt: now };
}

/**
 * Records progress of the current attempt; only meaningful while PROCESSING. Every report
 * also renews the worker's lease on the job (updatedAt): see expireLease.
 */
export function reportProgress(job: Job, now: Date, progress: number): Job {
  if (job.status !== 'PROCESSING') {
    throw new DomainError('INVALID_JOB_STATE', `Job ${job.id} is in state ${job.status}, not PROCESSING`);
  }
  return { ...job, progress: Math.max(job.progress, Math.min(99, Math.floor(progress))), updatedAt: now };
}

/**
 * A PROCESSING job whose worker last renewed its lease before `cutoff` is presumed
 * abandoned (the worker died, or its queue message was lost): it is released like a lost
 * attempt, PROCESSING → QUEUED, or FAILED with no retries left. The next claim gets a new
 * attempt number, which fences the silent worker out should it come back.
 */
export function expireLease(job: Job, now: Date, cutoff: Date, maxRetries: number): Job {
  if (job.status === 'PROCESSING' && job.updatedAt.getTime() >= cutoff.getTime()) {
    throw new DomainError('INVALID_JOB_STATE', `Job ${job.id} renewed its lease; it is still being processed`);
  }
  return failAttempt(job, now, 'The worker processing this job stopped renewing its lease', maxRetries);
}

/** Guards a worker's write: the job must still be PROCESSING under the worker's own attempt. */
export function assertClaimHeld(job: Job, attempt: number): void {
  if (job.status !== 'PROCESSING' || job.attempt !== attempt) {
    throw new DomainError('JOB_CLAIM_LOST', `Job ${job.id} attempt ${attempt} is no longer current`);
  }
}
