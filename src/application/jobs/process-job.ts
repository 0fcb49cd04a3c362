import { isDomainError } from '../../domain/errors.ts';
import {
  assertClaimHeld,
  completeJob,
  failAttempt,
  failJob,
  reportProgress,
  startProcessing,
  releaseSilentClaim,
  type Job,
} from '../../domain/job/job.ts';
import type { JobBudgets } from '../../domain/job/job-budgets.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import { retryDelayMs } from '../../domain/job/retry-policy.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';
import { processedObjectKey } from '../../domain/upload/filename.ts';
import { isDependencyUnavailable, PermanentJobError } from '../errors.ts';
import type { NormalizedOutput } from '../ports/log-normalizer.ts';
import type { Ports } from '../ports/ports.ts';
import { wholeRead, type WholeRead } from './whole-read.ts';

export interface ProcessingSettings {
  readonly maxRetries: number;
  /** Longer lines are rejected; an event with its continuation lines is capped likewise. */
  readonly maxLineBytes: number;
  /** What one job may consume; past any of them it fails at once. */
  readonly budgets: JobBudgets;
  /** Progress is written at most this often per job. */
  readonly progressIntervalMs: number;
  /** First retry delay; doubles with every retry. */
  readonly retryBaseDelayMs: number;
}

/** `skipped`: the job was not this worker's to process (already done, or taken over). */
export type ProcessOutcome = 'completed' | 'failed' | 'requeued' | 'skipped';

export interface ProcessReport {
  readonly outcome: ProcessOutcome;
  /** Bytes of the uploaded file read, when the job completed. */
  readonly bytesProcessed?: number;
  /** What went wrong, for the caller's logs; absent on success. */
  readonly error?: unknown;
}

export interface ExecuteOptions {
  /**
   * The queue gave this job out before and nobody acknowledged it, so a PROCESSING job's
   * worker is presumed dead and this one takes the job over.
   */
  readonly redelivered?: boolean;
  /** Called after each progress write (about once per progress interval), while the job moves on. */
  readonly onProgress?: () => void;
}

interface ProgressReporter {
  count(bytes: number): void;
  bytesRead(): number;
  maybeReport(): Promise<void>;
}

/** The ports ProcessJob uses. */
export type ProcessJobPorts = Pick<Ports, 'jobs' | 'storage' | 'queue' | 'clock' | 'normalizer'>;

/**
 * A worker's whole handling of one delivered job id: claim it, read its file, normalize it,
 * write the output, and complete the job with its result. Every write after the
 * claim is fenced by the claim's attempt number, so a worker that lost its claim changes
 * nothing. Safe to run again for the same id (duplicate deliveries are skipped).
 */
export class ProcessJob {
  readonly #ports: ProcessJobPorts;
  readonly #settings: ProcessingSettings;

  constructor(ports: ProcessJobPorts, settings: ProcessingSettings) {
    this.#ports = ports;
    this.#settings = settings;
  }

  async execute(jobId: string, options: ExecuteOptions = {}): Promise<ProcessReport> {
    const claimed = await this.#claim(jobId, options.redelivered ?? false);
    if (!claimed) return { outcome: 'skipped' };
    if (claimed.status === 'FAILED') return { outcome: 'failed' };
    try {
      const upload = await this.#uploadOf(jobId);
      const { file, bytesRead } = await this.#read(claimed, upload, options.onProgress);
      const output = this.#normalize(file.chunks, upload);
      const outputKey = await this.#write(claimed.id, output, file);
      const result = await this.#resultOf(claimed.id, upload, output, outputKey, bytesRead());
      await this.#complete(claimed, result);
      return { outcome: 'completed', bytesProcessed: result.bytesProcessed };
    } catch (error) {
      return { outcome: await this.#recordFailure(claimed, error), error };
    }
  }

  /**
   * Gives up on a job whose message keeps coming back unfinished (every delivery ended its
   * worker without an outcome): a PROCESSING job fails with `reason`; other states stay.
   */
  async abandon(jobId: string, reason: string): Promise<void> {
    try {
      await this.#ports.jobs.update(jobId, (job) => (job.status === 'PROCESSING' ? failJob(job, this.#ports.clock.now(), reason) : job));
    } catch (error) {
      if (!isDomainError(error, 'JOB_NOT_FOUND')) throw error;
    }
  }

  /**
   * QUEUED → PROCESSING under a new attempt. A redelivered job still PROCESSING is first
   * released from its silent worker (a step of its own, so its history shows it); a job
   * failed by that release comes back FAILED.
   */
  async #claim(jobId: string, redelivered: boolean): Promise<Job | null> {
    const now = this.#ports.clock.now();
    try {
      if (redelivered) {
        let releasedNow = false;
        const released = await this.#ports.jobs.update(jobId, (job) => {
          releasedNow = job.status === 'PROCESSING';
          return releasedNow ? releaseSilentClaim(job, now, this.#settings.maxRetries) : job;
        });
        if (releasedNow && released.status === 'FAILED') return released;
      }
      return await this.#ports.jobs.update(jobId, (job) => startProcessing(job, now));
    } catch (error) {
      if (isDomainError(error, 'INVALID_JOB_STATE') || isDomainError(error, 'JOB_NOT_FOUND')) return null;
      throw error;
    }
  }

  async #uploadOf(jobId: string): Promise<FileUpload> {
    const record = await this.#ports.jobs.get(jobId);
    if (!record?.upload) throw new PermanentJobError('Job has no uploaded file');
    return record.upload;
  }

  /** The uploaded file, read once whole, counting its bytes and writing progress as they are taken. */
  async #read(claimed: Job, upload: FileUpload, onProgress?: () => void): Promise<{ file: WholeRead; bytesRead: () => number }> {
    // Exactly the bytes complete verified: the store fails the read if the object changed since.
    const source = await this.#ports.storage.read(upload.objectKey, { size: upload.fileSize, sha256: upload.checksumSha256 });
    if (!source) throw new PermanentJobError(`Uploaded object ${upload.objectKey} is missing`);
    const progress = this.#progressReporter(claimed, upload.fileSize, onProgress);
    return { file: wholeRead(reportingProgress(source, progress)), bytesRead: progress.bytesRead };
  }

  #normalize(chunks: AsyncIterable<Uint8Array>, upload: FileUpload): NormalizedOutput {
    return this.#ports.normalizer.normalize(chunks, {
      parsing: {
        format: upload.logFormat,
        referenceTime: upload.createdAt,
        timeZone: upload.timeZone,
        year: upload.year,
        custom: upload.customFormat ?? null,
      },
      maxLineBytes: this.#settings.maxLineBytes,
      budgets: this.#settings.budgets,
    });
  }

  /** Writes the output, published only once the whole upload was read; returns its key. */
  async #write(jobId: string, output: NormalizedOutput, file: WholeRead): Promise<string> {
    const outputKey = processedObjectKey(jobId);
    try {
      await this.#ports.storage.write(outputKey, publishedOnceWhole(output.gzip, file));
    } finally {
      await file.close();
    }
    return outputKey;
  }

  /**
   * The job's result; a file in which no line parsed fails instead, its empty output deleted,
   * naming the format its first lines read as when that is another one.
   */
  async #resultOf(jobId: string, upload: FileUpload, output: NormalizedOutput, outputKey: string, bytesProcessed: number): Promise<JobResult> {
    const tally = output.tally();
    const { format, dialect, readsAs } = output.detection();
    if (tally.eventsParsed === 0) {
      await this.#ports.storage.delete(outputKey);
      const example = tally.sampleErrors[0] ? `; line ${tally.sampleErrors[0].line}: ${tally.sampleErrors[0].reason}` : '';
      const advice = readsAs !== null && readsAs !== format ? `; the file reads as ${readsAs}: upload it as ${readsAs} or auto` : '';
      throw new PermanentJobError(`No line could be parsed as ${format} (${tally.linesTotal} lines, ${tally.linesRejected} rejected${example})${advice}`);
    }
    return { jobId, outputKey, bytesProcessed, ...tally, detectedFormat: upload.logFormat === 'auto' ? format : null, dialect };
  }

  async #complete(claimed: Job, result: JobResult): Promise<void> {
    await this.#fenced(claimed, (job) => completeJob(job, this.#ports.clock.now()), result);
  }

  /** Counts bytes read and writes progress at most once per interval. */
  #progressReporter(claimed: Job, totalBytes: number, onProgress?: () => void): ProgressReporter {
    let bytes = 0;
    let lastReport = this.#ports.clock.now().getTime();
    return {
      count: (n: number): void => {
        bytes += n;
      },
      bytesRead: (): number => bytes,
      maybeReport: async (): Promise<void> => {
        const now = this.#ports.clock.now();
        if (now.getTime() - lastReport < this.#settings.progressIntervalMs) return;
        lastReport = now.getTime();
        await this.#fenced(claimed, (job) => reportProgress(job, now, (100 * bytes) / Math.max(1, totalBytes)));
        onProgress?.();
      },
    };
  }

  async #recordFailure(claimed: Job, error: unknown): Promise<ProcessOutcome> {
    if (isDomainError(error, 'JOB_CLAIM_LOST')) return 'skipped';
    const now = this.#ports.clock.now();
    // A broken rule (a budget, an upload that changed since complete) fails the same way every time.
    if (error instanceof PermanentJobError || isDomainError(error)) {
      await this.#fenced(claimed, (job) => failJob(job, now, error.message));
      return 'failed';
    }
    const reason = isDependencyUnavailable(error) ? error.message : 'Unexpected error while processing';
    const after = await this.#fenced(claimed, (job) => failAttempt(job, now, reason, this.#settings.maxRetries));
    if (after.status !== 'QUEUED') return 'failed';
    await this.#ports.queue.enqueue(claimed.id, { delayMs: retryDelayMs(after.retryCount, this.#settings.retryBaseDelayMs) });
    return 'requeued';
  }

  #fenced(claimed: Job, change: (job: Job) => Job, result?: JobResult): Promise<Job> {
    return this.#ports.jobs.update(
      claimed.id,
      (job) => {
        assertClaimHeld(job, claimed.attempt);
        return change(job);
      },
      result,
    );
  }
}

/** The output, ending only once the whole upload was read: a changed upload fails it before it is published. */
async function* publishedOnceWhole(output: AsyncIterable<Uint8Array>, upload: WholeRead): AsyncGenerator<Uint8Array> {
  yield* output;
  await upload.toTheEnd();
}

/** Passes the file's bytes through, counting them and writing progress as they are taken. */
async function* reportingProgress(source: AsyncIterable<Uint8Array>, progress: ProgressReporter): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    progress.count(chunk.length);
    yield chunk;
    await progress.maybeReport();
  }
}
