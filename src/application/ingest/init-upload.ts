import { DomainError, ValidationError } from '../../domain/errors.ts';
import { createJob, type Job } from '../../domain/job/job.ts';
import type { UploadCustomFormat } from '../../domain/log/custom/custom-format.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';
import { uploadObjectKey } from '../../domain/upload/filename.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
import { readCustomFormat, type CustomFormatInput } from '../formats/custom-format-input.ts';
import type { PresignedRequest } from '../ports/object-store.ts';
import { parseUploadRequest, type UploadRequestInput } from './upload-request.ts';
import type { Ports } from '../ports/ports.ts';

export interface UploadSettings {
  readonly maxUploadBytes: number;
  readonly uploadUrlExpiresSeconds: number;
}

export interface InitUploadInput extends UploadRequestInput {
  /** Which client asks: `api`, `cli`, … */
  readonly source: string;
  /** Same key from the same user → same job. */
  readonly idempotencyKey?: string | null | undefined;
}

export interface InitUploadOutput {
  readonly job: Job;
  readonly upload: FileUpload;
  readonly uploadRequest: PresignedRequest;
  /** True when an earlier request with the same idempotency key created the job. */
  readonly replayed: boolean;
}

/** The ports InitUpload uses. */
export type InitUploadPorts = Pick<Ports, 'jobs' | 'storage' | 'ids' | 'clock' | 'formats' | 'linePatterns'>;

/** Creates a job and the URL its file is uploaded to. */
export class InitUpload {
  readonly #ports: InitUploadPorts;
  readonly #settings: UploadSettings;

  constructor(ports: InitUploadPorts, settings: UploadSettings) {
    this.#ports = ports;
    this.#settings = settings;
  }

  async execute(actor: Actor, input: InitUploadInput): Promise<InitUploadOutput> {
    if (!hasPermission(actor.role, 'jobs:create')) {
      throw new DomainError('FORBIDDEN', 'Your role may not upload files');
    }
    const request = parseUploadRequest(input, this.#settings.maxUploadBytes);
    const customFormat = await this.#customFormatOf(input.customFormat ?? null);
    const now = this.#ports.clock.now();
    const job = createJob({ id: this.#ports.ids.newId(), ownerId: actor.userId, source: input.source }, now);
    const objectKey = uploadObjectKey(job.id, request.filename);
    const upload: FileUpload = {
      jobId: job.id,
      storageType: this.#ports.storage.storageType,
      bucket: this.#ports.storage.bucket,
      objectKey,
      localPath: this.#ports.storage.localPathOf(objectKey),
      fileSize: request.size,
      logFormat: request.logFormat,
      filename: request.filename,
      checksumSha256: request.checksumSha256,
      timeZone: request.timeZone,
      year: request.year,
      createdAt: now,
      customFormat,
    };
    // Presign before storing, so a storage outage leaves no orphaned job behind.
    const uploadRequest = await this.#presign(upload);
    // A saved format is named by its name: an edit of it between a request and its replay is no conflict.
    const fingerprint = JSON.stringify(customFormat === null ? request : { ...request, customFormat: input.customFormat });
    const claim = input.idempotencyKey ? { key: input.idempotencyKey, fingerprint } : undefined;
    const outcome = await this.#ports.jobs.create(job, upload, claim);
    if (outcome.created) return { job, upload, uploadRequest, replayed: false };

    if (outcome.fingerprint !== claim?.fingerprint) {
      throw new DomainError('IDEMPOTENCY_CONFLICT', 'Idempotency-Key was already used with a different request');
    }
    const existing = await this.#ports.jobs.get(outcome.existingJobId);
    if (!existing?.upload) throw new DomainError('JOB_NOT_FOUND', `Job ${outcome.existingJobId} not found`);
    return { job: existing.job, upload: existing.upload, uploadRequest: await this.#presign(existing.upload), replayed: true };
  }

  /** The custom format the job will read with, copied now: a later edit of a saved one does not change the job. */
  async #customFormatOf(input: CustomFormatInput | string | null): Promise<UploadCustomFormat | null> {
    if (input === null) return null;
    if (typeof input === 'string') {
      const saved = await this.#ports.formats.get(input);
      if (!saved) throw new ValidationError([{ path: 'customFormat', message: `names no saved format: ${input} (see GET /formats)` }]);
      return { name: saved.name, pattern: saved.pattern, timeFormat: saved.timeFormat, unmatchedLines: saved.unmatchedLines };
    }
    const { format, issues } = readCustomFormat(input, this.#ports.linePatterns, 'customFormat');
    if (issues.length > 0) throw new ValidationError(issues);
    return { name: null, ...format };
  }

  #presign(upload: FileUpload): Promise<PresignedRequest> {
    return this.#ports.storage.presignUpload(upload.objectKey, {
      expiresInSeconds: this.#settings.uploadUrlExpiresSeconds,
      maxBytes: upload.fileSize,
    });
  }
}
