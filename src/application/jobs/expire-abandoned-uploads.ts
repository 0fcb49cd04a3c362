import { isDomainError } from '../../domain/errors.ts';
import { expireUpload } from '../../domain/job/job.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports ExpireAbandonedUploads uses. */
export type ExpireAbandonedUploadsPorts = Pick<Ports, 'jobs' | 'clock'>;

const BATCH = 200;

/**
 * The upload janitor: a CREATED job whose upload URL expired more than `graceSeconds` ago
 * without a complete becomes FAILED ("upload not completed"). Safe to run in several
 * processes at once: a job completed or expired meanwhile is left as it is.
 */
export class ExpireAbandonedUploads {
  readonly #ports: ExpireAbandonedUploadsPorts;
  readonly #urlLifetimeSeconds: number;
  readonly #graceSeconds: number;

  constructor(ports: ExpireAbandonedUploadsPorts, urlLifetimeSeconds: number, graceSeconds: number) {
    this.#ports = ports;
    this.#urlLifetimeSeconds = urlLifetimeSeconds;
    this.#graceSeconds = graceSeconds;
  }

  /** How many jobs were expired. */
  async execute(): Promise<number> {
    const now = this.#ports.clock.now();
    const createdBefore = new Date(now.getTime() - (this.#urlLifetimeSeconds + this.#graceSeconds) * 1000);
    let expired = 0;
    for (;;) {
      // Always the first page: expired jobs leave the CREATED set, so the next batch moves up.
      const { records } = await this.#ports.jobs.list({ status: 'CREATED', createdBefore, limit: BATCH, offset: 0 });
      for (const { job } of records) {
        try {
          await this.#ports.jobs.update(job.id, (current) => expireUpload(current, now));
          expired += 1;
        } catch (error) {
          if (!isDomainError(error, 'INVALID_JOB_STATE')) throw error;
        }
      }
      if (records.length < BATCH) return expired;
    }
  }
}
