import { isDomainError } from '../../domain/errors.ts';
import { expireLease } from '../../domain/job/job.ts';
import type { JobStatus } from '../../domain/job/job-status.ts';
import type { Ports } from '../ports/ports.ts';
import { handOver } from './hand-over.ts';

export interface ReconcileSettings {
  /** A PROCESSING job whose worker has not renewed its lease for this long is released. */
  readonly leaseMs: number;
  /** A QUEUED job this old that the queue does not hold is handed over again. */
  readonly handOverGraceMs: number;
  readonly maxRetries: number;
}

export interface ReconcileReport {
  /** PROCESSING jobs whose lease had expired, released to the queue (or failed, out of retries). */
  readonly released: number;
  /** QUEUED jobs the queue had lost or never got, handed over again. */
  readonly handedOver: number;
}

/** The ports ReconcileJobs uses. */
export type ReconcileJobsPorts = Pick<Ports, 'jobs' | 'queue' | 'clock'>;

const PAGE = 200;

/**
 * Makes the queue agree with the repository, which is the source of truth: no job stays
 * QUEUED that no worker will ever see (its enqueue failed, or the queue lost its data), and
 * no job stays PROCESSING whose worker is gone (its lease ran out). Runs periodically in
 * every worker process; running in several at once only risks a duplicate message, which
 * workers skip (a claim needs the job QUEUED).
 */
export class ReconcileJobs {
  readonly #ports: ReconcileJobsPorts;
  readonly #settings: ReconcileSettings;

  constructor(ports: ReconcileJobsPorts, settings: ReconcileSettings) {
    this.#ports = ports;
    this.#settings = settings;
  }

  async execute(): Promise<ReconcileReport> {
    const released = await this.#releaseExpiredLeases();
    const handedOver = await this.#handOverLostJobs();
    return { released, handedOver };
  }

  async #releaseExpiredLeases(): Promise<number> {
    const now = this.#ports.clock.now();
    const cutoff = new Date(now.getTime() - this.#settings.leaseMs);
    let released = 0;
    // Released jobs leave the PROCESSING set, so the first page is always the next batch;
    // the bound stops a batch of jobs that keep renewing from being read forever.
    for (let rounds = 0; rounds < 1000; rounds++) {
      const ids = await this.#ids('PROCESSING', cutoff, 0);
      for (const id of ids) {
        try {
          const job = await this.#ports.jobs.update(id, (current) => expireLease(current, now, cutoff, this.#settings.maxRetries));
          released += 1;
          if (job.status === 'QUEUED') await handOver(this.#ports.queue, id);
        } catch (error) {
          if (!isDomainError(error, 'INVALID_JOB_STATE')) throw error;
        }
      }
      if (ids.length < PAGE) break;
    }
    return released;
  }

  async #handOverLostJobs(): Promise<number> {
    const queuedBefore = new Date(this.#ports.clock.now().getTime() - this.#settings.handOverGraceMs);
    let handedOver = 0;
    for (let offset = 0; ; offset += PAGE) {
      const ids = await this.#ids('QUEUED', queuedBefore, offset);
      const held = await this.#ports.queue.holding(ids);
      for (const id of ids) {
        if (held.has(id)) continue;
        await this.#ports.queue.enqueue(id);
        handedOver += 1;
      }
      if (ids.length < PAGE) return handedOver;
    }
  }

  async #ids(status: JobStatus, updatedBefore: Date, offset: number): Promise<string[]> {
    const { records } = await this.#ports.jobs.list({ status, updatedBefore, limit: PAGE, offset });
    return records.map((record) => record.job.id);
  }
}
