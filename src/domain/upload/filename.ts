import { DomainError } from '../errors.ts';

export const MAX_FILENAME_LENGTH = 255;

// Control and format characters (incl. bidi overrides), lone surrogate halves, and
// characters no file system likes.
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Cs}<>:"|?*]/gu;

/**
 * The name a client gave its file, reduced to something safe to store and show: no path
 * components, no traversal, no control characters. Refuses names with nothing left.
 */
export function sanitizeFilename(raw: string): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(/\s+/gu, ' ')
    .replace(UNSAFE_CHARACTERS, '')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  if (cleaned.length === 0) {
    throw new DomainError('VALIDATION_ERROR', 'filename has no usable characters');
  }
  return [...cleaned].slice(0, MAX_FILENAME_LENGTH).join('');
}

/**
 * The object key of a job's upload. Built by the service from the job id and an ASCII
 * rendering of the sanitized name, never taken from the client.
 */
export function uploadObjectKey(jobId: string, filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
  return `${UPLOADS_PREFIX}${jobId}/${ascii}`;
}

/** Where the worker writes a job's normalized events. */
export const processedObjectKey = (jobId: string): string => `${PROCESSED_PREFIX}${jobId}.ndjson.gz`;

/** The key prefixes of uploads and of normalized outputs: every object the service stores is under one. */
export const UPLOADS_PREFIX = 'uploads/';
export const PROCESSED_PREFIX = 'processed/';
