import { isDomainError } from '../../domain/errors.ts';
import { failAttempt } from '../../domain/job/job.ts';
import type { JobStatus } from '../../domain/job/job-status.ts';
import type { Ports } from '../ports/ports.ts';

const PAGE = 500;

/** The ports RecoverQueuedJobs uses. */
export type RecoverQueuedJobsPorts = Pick<Ports, 'jobs' | 'queue' | 'clock'>;

/**
 * Hands every QUEUED job to the queue again, at start, for the in-process queue, which
 * forgets everything when the process ends. A job still PROCESSING then lost its worker
 * with the previous process: it is released (a lost attempt, counted as a retry, which
 * also fences the dead claim) and queued too. Duplicates in the queue are harmless:
 * workers skip a job that is no longer QUEUED.
 */
export class RecoverQueuedJobs {
  readonly #ports: RecoverQueuedJobsPorts;
  readonly #maxRetries: number;

  constructor(ports: RecoverQueuedJobsPorts, maxRetries: number) {
    this.#ports = ports;
    this.#maxRetries = maxRetries;
  }

  /** How many jobs were re-enqueued. */
  async execute(): Promise<number> {
    const now = this.#ports.clock.now();
    for (const id of await this.#idsIn('PROCESSING')) {
      try {
        await this.#ports.jobs.update(id, (job) => failAttempt(job, now, 'The worker processing this job stopped with its process', this.#maxRetries));
      } catch (error) {
        if (!isDomainError(error, 'INVALID_JOB_STATE')) throw error;
      }
    }
    const queued = await this.#idsIn('QUEUED');
    for (const id of queued) await this.#ports.queue.enqueue(id);
    return queued.length;
  }

  async #idsIn(status: JobStatus): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const { records } = await this.#ports.jobs.list({ status, limit: PAGE, offset });
      ids.push(...records.map((r) => r.job.id));
      if (records.length < PAGE) return ids;
    }
  }
}
