import { DomainError } from '../../domain/errors.ts';
import { createJob, type Job } from '../../domain/job/job.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';
import { uploadObjectKey } from '../../domain/upload/filename.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Actor } from '../auth/actor.ts';
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
export type InitUploadPorts = Pick<Ports, 'jobs' | 'storage' | 'ids' | 'clock'>;

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
    };
    // Presign before storing, so a storage outage leaves no orphaned job behind.
    const uploadRequest = await this.#presign(upload);
    const claim = input.idempotencyKey ? { key: input.idempotencyKey, fingerprint: JSON.stringify(request) } : undefined;
    const outcome = await this.#ports.jobs.create(job, upload, claim);
    if (outcome.created) return { job, upload, uploadRequest, replayed: false };

    if (outcome.fingerprint !== claim?.fingerprint) {
      throw new DomainError('IDEMPOTENCY_CONFLICT', 'Idempotency-Key was already used with a different request');
    }
    const existing = await this.#ports.jobs.get(outcome.existingJobId);
    if (!existing?.upload) throw new DomainError('JOB_NOT_FOUND', `Job ${outcome.existingJobId} not found`);
    return { job: existing.job, upload: existing.upload, uploadRequest: await this.#presign(existing.upload), replayed: true };
  }

  #presign(upload: FileUpload): Promise<PresignedRequest> {
    return this.#ports.storage.presignUpload(upload.objectKey, {
      expiresInSeconds: this.#settings.uploadUrlExpiresSeconds,
      maxBytes: upload.fileSize,
    });
  }
}
