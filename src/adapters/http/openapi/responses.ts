import { z } from 'zod';
import { LOG_LEVELS } from '../../../domain/job/job-result.ts';
import { JOB_TYPES } from '../../../domain/job/job.ts';
import { JOB_STATUSES } from '../../../domain/job/job-status.ts';
import { UNMATCHED_LINES } from '../../../domain/log/custom/custom-format.ts';
import { LEVEL_PLACES, TIME_LAYOUTS } from '../../../domain/log/text-dialect.ts';
import { LOG_FORMATS, REQUESTED_LOG_FORMATS } from '../../../domain/upload/log-format.ts';
import { ROLES } from '../../../domain/user/user.ts';
import { MAX_LISTED_ISSUES } from '../error-response.ts';

// The shapes the API answers with. Presenters are typed against them, so the documented
// responses and the real ones cannot drift apart.

const isoTime = z.iso.datetime();

export const errorResponse = z.object({
  detail: z.string(),
  error_code: z.string(),
  request_id: z.string(),
  timestamp: isoTime,
  errors: z.array(z.object({ path: z.string(), message: z.string() })).max(MAX_LISTED_ISSUES).optional().describe(`422: the first ${MAX_LISTED_ISSUES} problems`),
  errors_omitted: z.number().int().min(1).optional().describe('422: how many more problems there were beyond `errors`'),
});

export const tokenPairResponse = z.object({
  access_token: z.string(),
  refresh_token: z.string().optional().describe('Absent when it was set as the refresh cookie'),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
});

export const userResponse = z.object({
  user_id: z.uuid(),
  username: z.string(),
  email: z.string(),
  full_name: z.string().nullable(),
  role: z.enum(ROLES),
  is_active: z.boolean(),
});

export const verifyResponse = z.union([
  z.object({ valid: z.literal(true), claims: z.record(z.string(), z.unknown()) }),
  z.object({ valid: z.literal(false), reason: z.enum(['expired', 'invalid']) }),
]);

export const jobResultResponse = z.object({
  lines_total: z.number().int(),
  events_parsed: z.number().int(),
  lines_rejected: z.number().int(),
  bytes_processed: z.number().int(),
  level_counts: z.partialRecord(z.enum(LOG_LEVELS), z.number().int()),
  first_event_at: isoTime.nullable(),
  last_event_at: isoTime.nullable(),
  sample_errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  detected_format: z.enum(LOG_FORMATS).nullable().describe('The format `auto` picked; null when the upload named its format'),
  dialect: z
    .object({
      time_layout: z.enum(TIME_LAYOUTS),
      time_column: z.number().int().min(0),
      level: z.enum(LEVEL_PLACES),
      description: z.string(),
    })
    .nullable()
    .describe('For a file read as text: how its events start, learned from its first lines (a line without that time continues the event before it)'),
});

const customFormatShape = {
  pattern: z.string(),
  time_format: z.string().nullable(),
  unmatched_lines: z.enum(UNMATCHED_LINES),
};

export const logFormatResponse = z.object({
  name: z.string(),
  ...customFormatShape,
  saved_at: isoTime,
  saved_by: z.uuid().describe('The admin who saved this version'),
});

export const jobResponse = z.object({
  job_id: z.uuid(),
  job_type: z.enum(JOB_TYPES),
  source: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.number().int().min(0).max(100),
  retry_count: z.number().int(),
  created_at: isoTime.nullable(),
  queued_at: isoTime.nullable(),
  started_at: isoTime.nullable(),
  finished_at: isoTime.nullable(),
  updated_at: isoTime.nullable(),
  error_message: z.string().nullable(),
  file: z
    .object({
      filename: z.string(),
      size: z.number().int(),
      log_format: z.enum(REQUESTED_LOG_FORMATS),
      storage_type: z.enum(['s3', 'local', 'memory']),
      timezone: z.string().nullable().describe('The IANA zone of times written without an offset, as given at init; null: UTC'),
      year: z.number().int().nullable().describe('The year of dates written without one, as given at init'),
      custom_format: z
        .object({ name: z.string().nullable().describe('The saved format it was copied from; null when given inline'), ...customFormatShape })
        .optional()
        .describe('With log_format `custom`: the format the file is read with, as it was when the job was created'),
    })
    .nullable(),
  result: jobResultResponse.nullable(),
});

export const initUploadResponse = z.object({
  job_id: z.uuid(),
  presigned_url: z.url(),
  expires_in: z.number().int(),
  upload_method: z.literal('PUT'),
  upload_headers: z.record(z.string(), z.string()),
});

export const completeUploadResponse = z.object({ message: z.string(), job_id: z.uuid(), status: z.enum(JOB_STATUSES) });

export const jobStatusChangeResponse = z.object({
  from_status: z.enum(JOB_STATUSES).nullable().describe('Null for the job\'s creation'),
  to_status: z.enum(JOB_STATUSES),
  attempt: z.number().int().describe('The job\'s attempt number after the change'),
  at: z.iso.datetime(),
});

export const jobOutputResponse = z.object({ download_url: z.url(), expires_in: z.number().int() });

export const healthResponse = z.object({ status: z.literal('healthy'), service: z.string(), version: z.string() });

export const readinessResponse = z.object({
  status: z.enum(['ready', 'not_ready']),
  components: z.record(z.string(), z.enum(['healthy', 'unhealthy', 'embedded'])),
});

export type JobResponse = z.infer<typeof jobResponse>;
export type JobStatusChangeResponse = z.infer<typeof jobStatusChangeResponse>;
export type LogFormatResponse = z.infer<typeof logFormatResponse>;
export type UserResponse = z.infer<typeof userResponse>;
export type TokenPairResponse = z.infer<typeof tokenPairResponse>;
