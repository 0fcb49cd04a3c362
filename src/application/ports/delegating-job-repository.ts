import type { Job } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';
import type { CreateOutcome, IdempotencyClaim, JobFilter, JobRecord, JobRepository, JobStatusChange } from './job-repository.ts';

/** A JobRepository that passes everything to another; decorators override what they add to. */
export class DelegatingJobRepository implements JobRepository {
  protected readonly jobs: JobRepository;

  constructor(jobs: JobRepository) {
    this.jobs = jobs;
  }

  create(job: Job, upload: FileUpload, idempotency?: IdempotencyClaim): Promise<CreateOutcome> {
    return this.jobs.create(job, upload, idempotency);
  }

  get(jobId: string): Promise<JobRecord | null> {
    return this.jobs.get(jobId);
  }

  update(jobId: string, change: (job: Job) => Job, result?: JobResult): Promise<Job> {
    return this.jobs.update(jobId, change, result);
  }

  history(jobId: string): Promise<JobStatusChange[]> {
    return this.jobs.history(jobId);
  }

  list(filter: JobFilter): Promise<{ readonly records: JobRecord[]; readonly total: number }> {
    return this.jobs.list(filter);
  }

  ping(): Promise<void> {
    return this.jobs.ping();
  }
}
