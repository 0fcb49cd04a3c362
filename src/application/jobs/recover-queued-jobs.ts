import type { Ports } from '../ports/ports.ts';

const PAGE = 500;

/** The ports RecoverQueuedJobs uses. */
export type RecoverQueuedJobsPorts = Pick<Ports, 'jobs' | 'queue'>;

/**
 * Hands every QUEUED job to the queue again. The queue may then hold duplicates; workers
 * skip a job that is no longer QUEUED, so that is harmless. Used at start by the
 * in-process queue, which forgets everything when the process ends.
 */
export class RecoverQueuedJobs {
  readonly #ports: RecoverQueuedJobsPorts;

  constructor(ports: RecoverQueuedJobsPorts) {
    this.#ports = ports;
  }

  /** How many jobs were re-enqueued. */
  async execute(): Promise<number> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const { records } = await this.#ports.jobs.list({ status: 'QUEUED', limit: PAGE, offset });
      ids.push(...records.map((r) => r.job.id));
      if (records.length < PAGE) break;
    }
    // Collected first: enqueueing while paging would not change the list, but keep it obvious.
    for (const id of ids) await this.#ports.queue.enqueue(id);
    return ids.length;
  }
}
