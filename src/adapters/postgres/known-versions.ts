import type { Job } from '../../domain/job/job.ts';

/**
 * The last state and row version this instance saw of recently used jobs, at most `capacity`
 * of them (the least recently used are forgotten first). What it holds may be stale: it is
 * only ever written over with a version check (see PgJobRepository.update).
 */
export class KnownVersions {
  readonly #capacity: number;
  readonly #entries = new Map<string, { job: Job; version: string }>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(jobId: string): { job: Job; version: string } | undefined {
    return this.#entries.get(jobId);
  }

  /** Returns the job, for the caller's convenience. */
  remember(job: Job, version: string): Job {
    this.#entries.delete(job.id); // re-inserted last: the map's order is the order of use
    this.#entries.set(job.id, { job, version });
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return job;
  }

  forget(jobId: string): void {
    this.#entries.delete(jobId);
  }
}
