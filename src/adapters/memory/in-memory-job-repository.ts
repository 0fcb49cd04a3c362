import type { JobRepository, JobFilter, JobRecord, CreateOutcome, IdempotencyClaim, JobStatusChange } from '../../application/ports/job-repository.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Job } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';

interface StoredIdempotency {
  readonly jobId: string;
  readonly fingerprint: string;
}

/**
 * Jobs in process memory. Every read and write copies, so callers can never change stored
 * state behind the repository's back, just as with a database. Operations run without an
 * await between read and write, which makes each one atomic on Node's single thread.
 */
export class InMemoryJobRepository implements JobRepository {
  readonly #records = new Map<string, JobRecord>();
  readonly #idempotency = new Map<string, StoredIdempotency>();
  readonly #history = new Map<string, JobStatusChange[]>();

  async create(job: Job, upload: FileUpload, idempotency?: IdempotencyClaim): Promise<CreateOutcome> {
    if (this.#records.has(job.id)) throw new Error(`Job ${job.id} already exists`);
    if (idempotency) {
      const slot = `${job.ownerId}\u0000${idempotency.key}`;
      const taken = this.#idempotency.get(slot);
      if (taken) return { created: false, existingJobId: taken.jobId, fingerprint: taken.fingerprint };
      this.#idempotency.set(slot, { jobId: job.id, fingerprint: idempotency.fingerprint });
    }
    this.#records.set(job.id, structuredClone({ job, upload, result: null }));
    this.#history.set(job.id, [{ from: null, to: job.status, attempt: job.attempt, at: new Date(job.updatedAt) }]);
    return { created: true };
  }

  async get(jobId: string): Promise<JobRecord | null> {
    const record = this.#records.get(jobId);
    return record ? structuredClone(record) : null;
  }

  async update(jobId: string, change: (job: Job) => Job, result?: JobResult): Promise<Job> {
    const record = this.#records.get(jobId);
    if (!record) throw new DomainError('JOB_NOT_FOUND', `Job ${jobId} not found`);
    const job = change(structuredClone(record.job));
    this.#records.set(jobId, structuredClone({ ...record, job, result: result ?? record.result }));
    if (job.status !== record.job.status) {
      this.#history.get(jobId)?.push({ from: record.job.status, to: job.status, attempt: job.attempt, at: new Date(job.updatedAt) });
    }
    return structuredClone(job);
  }

  async history(jobId: string): Promise<JobStatusChange[]> {
    return structuredClone(this.#history.get(jobId) ?? []);
  }

  async list(filter: JobFilter): Promise<{ records: JobRecord[]; total: number }> {
    const matches = [...this.#records.values()]
      .filter(({ job }) => (filter.ownerId === undefined || job.ownerId === filter.ownerId)
        && (filter.status === undefined || job.status === filter.status)
        && (filter.jobType === undefined || job.jobType === filter.jobType)
        && (filter.createdBefore === undefined || job.createdAt < filter.createdBefore)
        && (filter.updatedBefore === undefined || job.updatedAt < filter.updatedBefore)
        && (filter.finishedBefore === undefined || (job.finishedAt !== null && job.finishedAt < filter.finishedBefore))
        && (!filter.uploadKept || job.uploadDeletedAt === null))
      .sort((a, b) => b.job.createdAt.getTime() - a.job.createdAt.getTime() || b.job.id.localeCompare(a.job.id));
    const page = matches.slice(filter.offset, filter.offset + filter.limit);
    return { records: structuredClone(page), total: matches.length };
  }

  async ping(): Promise<void> {}
}
