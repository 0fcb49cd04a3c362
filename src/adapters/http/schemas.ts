import { z } from 'zod';
import { JOB_TYPES } from '../../domain/job/job.ts';
import { JOB_STATUSES } from '../../domain/job/job-status.ts';
import { MAX_FILENAME_LENGTH } from '../../domain/upload/filename.ts';
import { MAX_PATTERN_LENGTH, MAX_TIME_FORMAT_LENGTH, UNMATCHED_LINES } from '../../domain/log/custom/custom-format.ts';
import { FORMAT_NAME, FORMAT_NAME_RULE } from '../../domain/log/custom/saved-log-format.ts';
import { REQUESTED_LOG_FORMATS } from '../../domain/upload/log-format.ts';
import { isKnownTimeZone, MAX_YEAR, MIN_YEAR, TIME_ZONE_RULE, YEAR_RULE } from '../../domain/upload/time-hints.ts';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from '../../domain/user/password-rules.ts';
import { ROLES } from '../../domain/user/user.ts';

// Request bodies are strict: an unknown field is a 422, never silently ignored.

/** Names and addresses: valid Unicode without control characters (Postgres text cannot even hold NUL). */
const plainText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^\P{Cc}*$/u, 'must not contain control characters')
    .refine((text) => text.isWellFormed(), 'must be valid Unicode');
/** Any characters but NUL, which some bcrypt implementations would cut the password at. */
const password = () => z.string().min(1).max(1024).refine((text) => !text.includes('\u0000'), 'must not contain NUL characters');
/**
 * A password being set: the core refuses one under 8 characters or over 72 bytes of UTF-8
 * (all bcrypt reads). Passwords presented to log in stay up to 1024 characters: ones set
 * before this rule still work, bcrypt having always read only their first 72 bytes.
 */
const newPassword = () =>
  password()
    .max(MAX_PASSWORD_BYTES)
    .describe(`${MIN_PASSWORD_LENGTH} characters to ${MAX_PASSWORD_BYTES} bytes of UTF-8 (all bcrypt reads); longer is refused with 422, never cut`);

export const loginBody = z.strictObject({
  username: plainText(1, 150),
  password: password(),
  refresh_token_cookie: z
    .boolean()
    .optional()
    .describe('true (browsers): the refresh token comes as an httpOnly SameSite=Strict cookie for /auth, not in the body'),
});

/** Refresh and logout: the body's token, or when absent the refresh cookie a cookie login set. */
export const sessionTokenBody = z.strictObject({
  refresh_token: z.string().min(1).max(4096).optional().describe('Required unless the refresh cookie is sent'),
});

export const verifyTokenBody = z.strictObject({ token: z.string().min(1).max(8192) });

// The core checks what needs the engine (does the pattern compile, is the layout valid); the edge checks the shape.
const customFormatFields = {
  pattern: z
    .string()
    .min(1)
    .max(MAX_PATTERN_LENGTH)
    .describe('RE2 syntax (no backreferences or lookarounds: matching is linear-time); named groups `(?P<name>…)` or `(?<name>…)`; `ts`, `level` and `message` become the event\'s, every other group goes into attrs; searched in the line (anchor with ^ and $ to match it whole); at least one named group; without `message` the message is the whole line'),
  time_format: z
    .string()
    .min(1)
    .max(MAX_TIME_FORMAT_LENGTH)
    .nullish()
    .describe('strptime layout of the `ts` group (%Y %y %m %b %B %d %e %H %k %I %p %M %S %L/%f fraction %z %Z %s %a %A %T %F %D %R %%), e.g. `%d/%b/%Y:%H:%M:%S %z`; without a zone UTC, without a year the year before the upload; absent: `ts` is read in any spelling the text format knows'),
  unmatched_lines: z.enum(UNMATCHED_LINES).optional().describe('A line the pattern does not match: `reject` (default) counts it rejected, `continue` appends it to the event before (stack traces)'),
};

export const customFormatBody = z.strictObject(customFormatFields);

export const formatName = z.string().regex(FORMAT_NAME, `must be ${FORMAT_NAME_RULE}`);

export const createFormatBody = z.strictObject({ name: formatName, ...customFormatFields });

export const formatNameParam = z.object({ name: formatName });

export const initUploadBody = z.strictObject({
  filename: z.string().min(1).max(MAX_FILENAME_LENGTH),
  size: z.number().int().min(1),
  log_format: z.enum(REQUESTED_LOG_FORMATS),
  checksum_sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters').nullish(),
  timezone: z
    .string()
    .refine(isKnownTimeZone, TIME_ZONE_RULE)
    .nullish()
    .describe('The IANA zone (Europe/Paris) of times the file writes without an offset or zone name; without it they are UTC'),
  year: z
    .number()
    .int(YEAR_RULE)
    .min(MIN_YEAR, YEAR_RULE)
    .max(MAX_YEAR, YEAR_RULE)
    .nullish()
    .describe('The year of dates the file writes without one (RFC 3164 syslog, logcat, glog); without it, the year that puts them nearest before the upload'),
  custom_format: z
    .union([customFormatBody, formatName.describe('The name of a saved format (GET /formats)')])
    .nullish()
    .describe('With log_format `custom` (and only then): the format, or the name of a saved one. The job keeps a copy: a later edit of the saved format does not change it'),
});

export const completeUploadBody = z.strictObject({ job_id: z.uuid() });

export const jobIdParam = z.object({ job_id: z.uuid() });

export const listJobsQuery = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  job_type: z.enum(JOB_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const idempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII').optional(),
});

export const userIdParam = z.object({ user_id: z.uuid() });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const createUserBody = z.strictObject({
  username: plainText(1, 150),
  email: plainText(3, 254),
  password: newPassword(),
  full_name: plainText(0, 200).nullish(),
  role: z.enum(ROLES),
});

// Every field a PATCH may carry; which of them the caller may set is the core's decision.
export const updateUserBody = z.strictObject({
  email: plainText(3, 254).optional(),
  full_name: plainText(0, 200).nullable().optional(),
  role: z.enum(ROLES).optional(),
  is_active: z.boolean().optional(),
  password: newPassword().optional(),
  current_password: password().optional(),
});
