import { DomainError } from '../../domain/errors.ts';
import type { Job } from '../../domain/job/job.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { JobRecord, JobRepository } from '../ports/job-repository.ts';

export const canSeeJob = (actor: Actor, job: Job): boolean =>
  job.ownerId === actor.userId || hasPermission(actor.role, 'jobs:read-all');

/** A job's event stream is for its owner and admins (PRODUCT.md §4), not for viewers. */
export const canFollowJob = (actor: Actor, job: Job): boolean =>
  job.ownerId === actor.userId || hasPermission(actor.role, 'jobs:follow-all');

/** Owners who may still upload, and admins, act on a job; viewers only look. */
export const canActOnJob = (actor: Actor, job: Job): boolean =>
  hasPermission(actor.role, 'jobs:create') && (job.ownerId === actor.userId || actor.role === 'admin');

/**
 * The job, if the actor may see it. A job that exists but belongs to someone else is
 * reported exactly like a missing one, so ids cannot be probed.
 */
export async function findVisibleJob(jobs: JobRepository, actor: Actor, jobId: string): Promise<JobRecord> {
  return findJobIf(jobs, jobId, (job) => canSeeJob(actor, job));
}

/** Like findVisibleJob, for following the job: the owner and admins only, anyone else finds nothing. */
export async function findFollowableJob(jobs: JobRepository, actor: Actor, jobId: string): Promise<JobRecord> {
  return findJobIf(jobs, jobId, (job) => canFollowJob(actor, job));
}

async function findJobIf(jobs: JobRepository, jobId: string, allowed: (job: Job) => boolean): Promise<JobRecord> {
  const record = await jobs.get(jobId);
  if (!record || !allowed(record.job)) throw new DomainError('JOB_NOT_FOUND', `Job ${jobId} not found`);
  return record;
}

/** Like findVisibleJob, and the actor must be allowed to change the job. */
export async function findActionableJob(jobs: JobRepository, actor: Actor, jobId: string): Promise<JobRecord> {
  const record = await findVisibleJob(jobs, actor, jobId);
  if (!canActOnJob(actor, record.job)) {
    throw new DomainError('FORBIDDEN', 'Your role may not change jobs');
  }
  return record;
}
