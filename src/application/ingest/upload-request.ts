import { ValidationError, type ValidationIssue } from '../../domain/errors.ts';
import { MAX_FILENAME_LENGTH, sanitizeFilename } from '../../domain/upload/filename.ts';
import { isRequestedLogFormat, REQUESTED_LOG_FORMATS, type RequestedLogFormat } from '../../domain/upload/log-format.ts';
import { isKnownTimeZone, isYearHint, TIME_ZONE_RULE, YEAR_RULE } from '../../domain/upload/time-hints.ts';
import type { CustomFormatInput } from '../formats/custom-format-input.ts';

export interface UploadRequestInput {
  readonly filename: string;
  readonly size: number;
  readonly logFormat: string;
  readonly checksumSha256?: string | null | undefined;
  /** The IANA zone of times the file writes without an offset. */
  readonly timeZone?: string | null | undefined;
  /** The year of dates the file writes without one. */
  readonly year?: number | null | undefined;
  /** With logFormat `custom`: the format itself, or the name of a saved one. */
  readonly customFormat?: CustomFormatInput | string | null | undefined;
}

export interface UploadRequest {
  readonly filename: string;
  readonly size: number;
  readonly logFormat: RequestedLogFormat;
  readonly checksumSha256: string | null;
  readonly timeZone: string | null;
  readonly year: number | null;
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** Checks what a client declares about a file it is about to upload; all problems at once. */
export function parseUploadRequest(input: UploadRequestInput, maxUploadBytes: number): UploadRequest {
  const issues: ValidationIssue[] = [];
  let filename = '';
  if ([...input.filename].length > MAX_FILENAME_LENGTH) {
    issues.push({ path: 'filename', message: `must be at most ${MAX_FILENAME_LENGTH} characters` });
  } else {
    try {
      filename = sanitizeFilename(input.filename);
    } catch {
      issues.push({ path: 'filename', message: 'must contain a usable file name' });
    }
  }
  if (!Number.isSafeInteger(input.size) || input.size < 1) {
    issues.push({ path: 'size', message: 'must be a whole number of bytes, at least 1' });
  } else if (input.size > maxUploadBytes) {
    issues.push({ path: 'size', message: `must be at most ${maxUploadBytes} bytes` });
  }
  if (!isRequestedLogFormat(input.logFormat)) {
    issues.push({ path: 'logFormat', message: `must be one of ${REQUESTED_LOG_FORMATS.join(', ')}` });
  }
  const custom = input.customFormat ?? null;
  if (input.logFormat === 'custom' && custom === null) {
    issues.push({ path: 'customFormat', message: 'is required with logFormat custom: a pattern, or the name of a saved format' });
  } else if (input.logFormat !== 'custom' && custom !== null) {
    issues.push({ path: 'customFormat', message: 'goes only with logFormat custom' });
  }
  const checksum = input.checksumSha256 ?? null;
  if (checksum !== null && !SHA256_HEX.test(checksum)) {
    issues.push({ path: 'checksumSha256', message: 'must be 64 hexadecimal characters' });
  }
  const timeZone = input.timeZone ?? null;
  // Named as the option is on every client (`timezone`), not as the camelCase field would map (`time_zone`).
  if (timeZone !== null && !isKnownTimeZone(timeZone)) issues.push({ path: 'timezone', message: TIME_ZONE_RULE });
  const year = input.year ?? null;
  if (year !== null && !isYearHint(year)) issues.push({ path: 'year', message: YEAR_RULE });
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    filename,
    size: input.size,
    logFormat: input.logFormat as RequestedLogFormat,
    checksumSha256: checksum?.toLowerCase() ?? null,
    timeZone,
    year,
  };
}
