import type { JobRecord } from '../../application/ports/job-repository.ts';
import type { Job, JobType } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import type { JobStatus } from '../../domain/job/job-status.ts';
import type { FileUpload, StorageType } from '../../domain/upload/file-upload.ts';
import type { UploadCustomFormat } from '../../domain/log/custom/custom-format.ts';
import type { TextDialect } from '../../domain/log/text-dialect.ts';
import type { LogFormat, RequestedLogFormat } from '../../domain/upload/log-format.ts';

/** The columns `JOB_SELECT` returns: a job joined with its upload (u_) and result (r_). */
export interface JobRow {
  id: string;
  job_type: string;
  source: string;
  owner_id: string;
  status: string;
  progress: number;
  retry_count: number;
  attempt: number;
  error_message: string | null;
  created_at: Date;
  queued_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
  upload_deleted_at: Date | null;
  /** Bumped by every update (optimistic concurrency). */
  version: string;
  u_storage_type: string | null;
  u_bucket: string | null;
  u_object_key: string | null;
  u_local_path: string | null;
  u_file_size: string | null;
  u_log_format: string | null;
  u_filename: string | null;
  u_checksum_sha256: string | null;
  u_time_zone: string | null;
  u_year: number | null;
  u_created_at: Date | null;
  u_custom_format: UploadCustomFormat | null;
  r_lines_total: string | null;
  r_events_parsed: string | null;
  r_lines_rejected: string | null;
  r_bytes_processed: string | null;
  r_level_counts: Record<string, number> | null;
  r_first_event_at: Date | null;
  r_last_event_at: Date | null;
  r_output_key: string | null;
  r_sample_errors: { line: number; reason: string }[] | null;
  r_detected_format: string | null;
  r_dialect: TextDialect | null;
}

export const JOB_SELECT = `
  SELECT j.id, j.job_type, j.source, j.owner_id, j.status, j.progress, j.retry_count, j.attempt,
         j.error_message, j.created_at, j.queued_at, j.started_at, j.finished_at, j.updated_at, j.upload_deleted_at, j.version,
         u.storage_type AS u_storage_type, u.bucket AS u_bucket, u.object_key AS u_object_key,
         u.local_path AS u_local_path, u.file_size AS u_file_size, u.log_format AS u_log_format,
         u.filename AS u_filename, u.checksum_sha256 AS u_checksum_sha256, u.time_zone AS u_time_zone, u.year AS u_year,
         u.created_at AS u_created_at, u.custom_format AS u_custom_format,
         r.lines_total AS r_lines_total, r.events_parsed AS r_events_parsed, r.lines_rejected AS r_lines_rejected,
         r.bytes_processed AS r_bytes_processed, r.level_counts AS r_level_counts,
         r.first_event_at AS r_first_event_at, r.last_event_at AS r_last_event_at,
         r.output_key AS r_output_key, r.sample_errors AS r_sample_errors,
         r.detected_format AS r_detected_format, r.dialect AS r_dialect
    FROM jobs j
    LEFT JOIN file_uploads u ON u.job_id = j.id
    LEFT JOIN job_results r ON r.job_id = j.id`;

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    jobType: row.job_type as JobType,
    source: row.source,
    ownerId: row.owner_id,
    status: row.status as JobStatus,
    progress: row.progress,
    retryCount: row.retry_count,
    attempt: row.attempt,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    uploadDeletedAt: row.upload_deleted_at,
  };
}

export function toRecord(row: JobRow): JobRecord {
  return { job: toJob(row), upload: toUpload(row), result: toResult(row) };
}

function toUpload(row: JobRow): FileUpload | null {
  if (row.u_object_key === null) return null;
  return {
    jobId: row.id,
    storageType: row.u_storage_type as StorageType,
    bucket: row.u_bucket,
    objectKey: row.u_object_key,
    localPath: row.u_local_path,
    fileSize: Number(row.u_file_size),
    logFormat: row.u_log_format as RequestedLogFormat,
    filename: row.u_filename ?? '',
    checksumSha256: row.u_checksum_sha256,
    timeZone: row.u_time_zone,
    year: row.u_year,
    createdAt: row.u_created_at ?? row.created_at,
    ...(row.u_custom_format === null ? {} : { customFormat: row.u_custom_format }),
  };
}

function toResult(row: JobRow): JobResult | null {
  if (row.r_lines_total === null) return null;
  return {
    jobId: row.id,
    linesTotal: Number(row.r_lines_total),
    eventsParsed: Number(row.r_events_parsed),
    linesRejected: Number(row.r_lines_rejected),
    bytesProcessed: Number(row.r_bytes_processed),
    levelCounts: row.r_level_counts ?? {},
    firstEventAt: row.r_first_event_at,
    lastEventAt: row.r_last_event_at,
    outputKey: row.r_output_key,
    sampleErrors: row.r_sample_errors ?? [],
    detectedFormat: row.r_detected_format as LogFormat | null,
    dialect: row.r_dialect,
  };
}
