import { DomainError, isDomainError } from '../../domain/errors.ts';
import { queueJob, type Job } from '../../domain/job/job.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';
import type { Actor } from '../auth/actor.ts';
import { handOver } from '../jobs/hand-over.ts';
import { findActionableJob } from '../jobs/job-access.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports CompleteUpload uses. */
export type CompleteUploadPorts = Pick<Ports, 'jobs' | 'storage' | 'queue' | 'clock'>;

/**
 * The client says its upload is done: verify the object against what was declared, move
 * the job to QUEUED and hand it to the workers. Repeating it on a job that is already on
 * its way is harmless and answers the current state.
 */
export class CompleteUpload {
  readonly #ports: CompleteUploadPorts;

  constructor(ports: CompleteUploadPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, jobId: string): Promise<Job> {
    const { job, upload } = await findActionableJob(this.#ports.jobs, actor, jobId);
    if (job.status !== 'CREATED') return this.#alreadyCompleted(job);
    if (!upload) throw new DomainError('UPLOAD_NOT_FOUND', `Job ${jobId} has no upload`);

    await this.#verifyObject(upload);
    let queued: Job;
    try {
      queued = await this.#ports.jobs.update(jobId, (current) => queueJob(current, this.#ports.clock.now()));
    } catch (error) {
      // A concurrent complete won the race; answer what it did.
      if (!isDomainError(error, 'INVALID_JOB_STATE')) throw error;
      const current = await this.#ports.jobs.get(jobId);
      if (!current) throw error;
      return this.#alreadyCompleted(current.job);
    }
    // Durable from here on: a queue that is down only delays the hand-over (see handOver).
    await handOver(this.#ports.queue, jobId);
    return queued;
  }

  #alreadyCompleted(job: Job): Job {
    if (job.status === 'FAILED') {
      throw new DomainError('INVALID_JOB_STATE', `Job ${job.id} is in state FAILED and cannot be completed`);
    }
    return job;
  }

  async #verifyObject(upload: FileUpload): Promise<void> {
    const info = await this.#ports.storage.stat(upload.objectKey);
    if (!info) {
      throw new DomainError('UPLOAD_NOT_FOUND', 'The file has not been uploaded yet; upload it, then call complete again');
    }
    if (info.size !== upload.fileSize) {
      throw new DomainError(
        'UPLOAD_SIZE_MISMATCH',
        `Uploaded file has ${info.size} bytes but ${upload.fileSize} were declared`,
      );
    }
    if (upload.checksumSha256 !== null) {
      const actual = await this.#ports.storage.sha256(upload.objectKey);
      if (actual !== upload.checksumSha256) {
        throw new DomainError('CHECKSUM_MISMATCH', 'Uploaded file does not match the declared SHA-256 checksum');
      }
    }
  }
}
