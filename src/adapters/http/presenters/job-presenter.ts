import type { JobRecord, JobStatusChange } from '../../../application/ports/job-repository.ts';
import type { JobResult } from '../../../domain/job/job-result.ts';
import { describeDialect } from '../../../domain/log/dialect-learning.ts';
import type { FileUpload } from '../../../domain/upload/file-upload.ts';
import type { JobResponse, JobStatusChangeResponse } from '../openapi/responses.ts';
import { presentCustomFormat } from './log-format-presenter.ts';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** A job as API.md shows it. */
export function presentJob({ job, upload, result }: JobRecord): JobResponse {
  return {
    job_id: job.id,
    job_type: job.jobType,
    source: job.source,
    status: job.status,
    progress: job.progress,
    retry_count: job.retryCount,
    created_at: iso(job.createdAt),
    queued_at: iso(job.queuedAt),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    updated_at: iso(job.updatedAt),
    error_message: job.errorMessage,
    file: upload ? presentFile(upload) : null,
    result: result ? presentResult(result) : null,
  };
}

function presentFile(upload: FileUpload): NonNullable<JobResponse['file']> {
  const file = {
    filename: upload.filename,
    size: upload.fileSize,
    log_format: upload.logFormat,
    storage_type: upload.storageType,
    timezone: upload.timeZone,
    year: upload.year,
  };
  const custom = upload.customFormat;
  return custom ? { ...file, custom_format: { name: custom.name, ...presentCustomFormat(custom) } } : file;
}

function presentResult(result: JobResult): NonNullable<JobResponse['result']> {
  return {
    lines_total: result.linesTotal,
    events_parsed: result.eventsParsed,
    lines_rejected: result.linesRejected,
    bytes_processed: result.bytesProcessed,
    level_counts: result.levelCounts,
    first_event_at: iso(result.firstEventAt),
    last_event_at: iso(result.lastEventAt),
    sample_errors: [...result.sampleErrors],
    detected_format: result.detectedFormat,
    dialect: result.dialect && {
      time_layout: result.dialect.time.layout,
      time_column: result.dialect.time.column,
      level: result.dialect.level,
      description: describeDialect(result.dialect),
    },
  };
}

/** One entry of a job's status history, as GET /jobs/{id}/history shows it. */
export function presentStatusChange(change: JobStatusChange): JobStatusChangeResponse {
  return { from_status: change.from, to_status: change.to, attempt: change.attempt, at: change.at.toISOString() };
}
