import { ValidationError, type ValidationIssue } from '../../domain/errors.ts';
import type { JobType } from '../../domain/job/job.ts';
import type { JobStatus } from '../../domain/job/job-status.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import type { JobRecord } from '../ports/job-repository.ts';
import type { Ports } from '../ports/ports.ts';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface ListJobsQuery {
  readonly status?: JobStatus | undefined;
  readonly jobType?: JobType | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** The ports ListJobs uses. */
export type ListJobsPorts = Pick<Ports, 'jobs'>;

/** Jobs the actor may see, newest first: its own for `user`, everyone's for admin and viewer. */
export class ListJobs {
  readonly #ports: ListJobsPorts;

  constructor(ports: ListJobsPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, query: ListJobsQuery): Promise<{ records: JobRecord[]; total: number }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const issues: ValidationIssue[] = [];
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      issues.push({ path: 'limit', message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` });
    }
    if (!Number.isSafeInteger(offset) || offset < 0) {
      issues.push({ path: 'offset', message: 'must be a whole number, at least 0' });
    }
    if (issues.length > 0) throw new ValidationError(issues);

    const ownerId = hasPermission(actor.role, 'jobs:read-all') ? undefined : actor.userId;
    return this.#ports.jobs.list({ ownerId, status: query.status, jobType: query.jobType, limit, offset });
  }
}
