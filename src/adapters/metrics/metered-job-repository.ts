import { DelegatingJobRepository } from '../../application/ports/delegating-job-repository.ts';
import type { CreateOutcome, IdempotencyClaim, JobRepository } from '../../application/ports/job-repository.ts';
import type { Job } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';
import type { ServiceMetrics } from './service-metrics.ts';

/** Counts every stored job state change (job_transitions_total); delegates everything else. */
export class MeteredJobRepository extends DelegatingJobRepository {
  readonly #metrics: ServiceMetrics;

  constructor(jobs: JobRepository, metrics: ServiceMetrics) {
    super(jobs);
    this.#metrics = metrics;
  }

  override async create(job: Job, upload: FileUpload, idempotency?: IdempotencyClaim): Promise<CreateOutcome> {
    const outcome = await this.jobs.create(job, upload, idempotency);
    if (outcome.created) this.#metrics.jobTransitions.inc({ from: 'none', to: job.status });
    return outcome;
  }

  override async update(jobId: string, change: (job: Job) => Job, result?: JobResult): Promise<Job> {
    let from: string | undefined;
    const stored = await this.jobs.update(
      jobId,
      (job) => {
        from = job.status;
        return change(job);
      },
      result,
    );
    if (from !== undefined && from !== stored.status) this.#metrics.jobTransitions.inc({ from, to: stored.status });
    return stored;
  }
}
