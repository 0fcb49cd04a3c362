import type { JobQueue } from '../ports/job-queue.ts';
import type { JobRepository } from '../ports/job-repository.ts';

const PAGE = 500;

/**
 * Hands every QUEUED job to the queue again. The queue may then hold duplicates; workers
 * skip a job that is no longer QUEUED, so that is harmless. Used at start by the
 * in-process queue, which forgets everything when the process ends.
 */
export class RecoverQueuedJobs {
  readonly #jobs: JobRepository;
  readonly #queue: JobQueue;

  constructor(jobs: JobRepository, queue: JobQueue) {
    this.#jobs = jobs;
    this.#queue = queue;
  }

  /** How many jobs were re-enqueued. */
  async execute(): Promise<number> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const { records } = await this.#jobs.list({ status: 'QUEUED', limit: PAGE, offset });
      ids.push(...records.map((r) => r.job.id));
      if (records.length < PAGE) break;
    }
    // Collected first: enqueueing while paging would not change the list, but keep it obvious.
    for (const id of ids) await this.#queue.enqueue(id);
    return ids.length;
  }
}
