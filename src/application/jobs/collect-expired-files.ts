import { isDomainError } from '../../domain/errors.ts';
import { recordFilesDeleted } from '../../domain/job/job.ts';
import { PROCESSED_PREFIX, processedObjectKey, UPLOADS_PREFIX } from '../../domain/upload/filename.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports CollectExpiredFiles uses. */
export type CollectExpiredFilesPorts = Pick<Ports, 'jobs' | 'storage' | 'clock'>;

export interface RetentionSettings {
  /** A FAILED job's upload and output are kept this long after it failed (an admin may retry it meanwhile). */
  readonly failedJobFilesMs: number;
  /** A write that made no progress for this long was abandoned (its writer was killed). */
  readonly abandonedWriteMs: number;
}

const BATCH = 100;

/**
 * The storage janitor: deletes the upload and output of every job FAILED longer ago than the
 * retention (refused, expired and abandoned uploads end FAILED too), and what writers killed
 * mid-way left behind. The job stays as a record. Safe to run in several processes at once.
 */
export class CollectExpiredFiles {
  readonly #ports: CollectExpiredFilesPorts;
  readonly #retention: RetentionSettings;

  constructor(ports: CollectExpiredFilesPorts, retention: RetentionSettings) {
    this.#ports = ports;
    this.#retention = retention;
  }

  /** How many jobs' files and abandoned writes were removed. */
  async execute(): Promise<number> {
    const now = this.#ports.clock.now();
    const { storage, jobs } = this.#ports;
    const abandonedBefore = new Date(now.getTime() - this.#retention.abandonedWriteMs);
    let removed = 0;
    for (const prefix of [UPLOADS_PREFIX, PROCESSED_PREFIX]) removed += await storage.removeAbandonedWrites(prefix, abandonedBefore);

    const finishedBefore = new Date(now.getTime() - this.#retention.failedJobFilesMs);
    for (;;) {
      // Always the first page: a job whose files are deleted leaves the set.
      const { records } = await jobs.list({ status: 'FAILED', finishedBefore, filesKept: true, limit: BATCH, offset: 0 });
      for (const { job, upload } of records) {
        if (upload) await storage.delete(upload.objectKey);
        await storage.delete(processedObjectKey(job.id));
        try {
          await jobs.update(job.id, (current) => recordFilesDeleted(current, now));
          removed += 1;
        } catch (error) {
          // Retried by an admin meanwhile: it is QUEUED again and its upload is gone; its next attempt fails saying so.
          if (!isDomainError(error, 'INVALID_JOB_STATE')) throw error;
        }
      }
      if (records.length < BATCH) return removed;
    }
  }
}
