import { isDomainError } from '../../domain/errors.ts';
import { recordUploadDeleted } from '../../domain/job/job.ts';
import type { JobStatus } from '../../domain/job/job-status.ts';
import { PROCESSED_PREFIX, processedObjectKey, UPLOADS_PREFIX } from '../../domain/upload/filename.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports CollectExpiredFiles uses. */
export type CollectExpiredFilesPorts = Pick<Ports, 'jobs' | 'storage' | 'clock'>;

export interface RetentionSettings {
  /** A FAILED job's upload and output are kept this long after it failed (an admin may retry it meanwhile). */
  readonly failedJobFilesMs: number;
  /** How long after a job's creation its upload URL may still be used (its lifetime and grace). */
  readonly uploadUrlMs: number;
  /** A write that made no progress for this long was abandoned (its writer was killed). */
  readonly abandonedWriteMs: number;
}

const BATCH = 100;
/** Batches one run takes on at most, so a backlog never holds up a shutdown; the next run goes on. */
const BATCHES_PER_RUN = 10;

/**
 * The storage janitor. An upload is only input: a COMPLETED job's goes once its URL can no
 * longer replace it; a FAILED job's, with any output, once the retention for a retry is over.
 * Writes killed mid-way go too. Safe to run in several processes at once.
 */
export class CollectExpiredFiles {
  readonly #ports: CollectExpiredFilesPorts;
  readonly #retention: RetentionSettings;

  constructor(ports: CollectExpiredFilesPorts, retention: RetentionSettings) {
    this.#ports = ports;
    this.#retention = retention;
  }

  /** How many uploads and abandoned writes were removed. */
  async execute(): Promise<number> {
    const now = this.#ports.clock.now().getTime();
    const abandonedBefore = new Date(now - this.#retention.abandonedWriteMs);
    let removed = 0;
    for (const prefix of [UPLOADS_PREFIX, PROCESSED_PREFIX]) removed += await this.#ports.storage.removeAbandonedWrites(prefix, abandonedBefore);
    removed += await this.#collect('COMPLETED', new Date(now - this.#retention.uploadUrlMs));
    removed += await this.#collect('FAILED', new Date(now - this.#retention.failedJobFilesMs));
    return removed;
  }

  /** Deletes the uploads (and a FAILED job's output) of the jobs in `status` finished before the cutoff. */
  async #collect(status: JobStatus, finishedBefore: Date): Promise<number> {
    const { jobs, storage, clock } = this.#ports;
    let collected = 0;
    for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
      // Always the first page: a job whose upload is deleted leaves the set.
      const { records } = await jobs.list({ status, finishedBefore, uploadKept: true, limit: BATCH, offset: 0 });
      for (const { job, upload } of records) {
        if (upload) await storage.delete(upload.objectKey);
        if (status === 'FAILED') await storage.delete(processedObjectKey(job.id));
        try {
          await jobs.update(job.id, (current) => recordUploadDeleted(current, clock.now()));
          collected += 1;
        } catch (error) {
          // Retried by an admin meanwhile: QUEUED again with its upload gone, its next attempt fails saying so.
          if (!isDomainError(error, 'INVALID_JOB_STATE')) throw error;
        }
      }
      if (records.length < BATCH) break;
    }
    return collected;
  }
}
