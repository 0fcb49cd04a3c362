import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isDependencyUnavailable, OverloadedError } from '../../application/errors.ts';
import { DomainError, RateLimitedError, ValidationError, type ErrorCode, type ValidationIssue } from '../../domain/errors.ts';
import type { AppEnv } from './app-env.ts';

/** HTTP status of every error code of the core (PRODUCT.md §7). */
const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION_ERROR: 422,
  INVALID_JOB_STATE: 400,
  JOB_CLAIM_LOST: 409,
  JOB_NOT_FOUND: 404,
  UPLOAD_NOT_FOUND: 400,
  UPLOAD_SIZE_MISMATCH: 400,
  CHECKSUM_MISMATCH: 400,
  JOB_BUDGET_EXCEEDED: 400,
  IDEMPOTENCY_CONFLICT: 409,
  INVALID_CREDENTIALS: 401,
  USER_INACTIVE: 403,
  INVALID_TOKEN: 401,
  FORBIDDEN: 403,
  USER_NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  EMAIL_TAKEN: 409,
  SELF_LOCKOUT: 409,
  RATE_LIMITED: 429,
  FORMAT_NOT_FOUND: 404,
  FORMAT_NAME_TAKEN: 409,
};

/** Codes for failures born at the HTTP edge rather than in the core. */
const HTTP_CODE_OF: Partial<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'NOT_AUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  504: 'REQUEST_TIMEOUT',
};

export interface ErrorBody {
  detail: string;
  error_code: string;
  request_id: string;
  timestamp: string;
  errors?: { path: string; message: string }[];
  errors_omitted?: number;
}

/** A 422 lists this many problems, then counts the rest: its size must not grow with the input. */
export const MAX_LISTED_ISSUES = 20;

/** The one error body of the API. */
export function errorResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  issues?: readonly ValidationIssue[],
): Response {
  const body: ErrorBody = { detail, error_code: code, request_id: c.get('requestId') ?? '', timestamp: new Date().toISOString() };
  if (issues) {
    body.errors = issues.slice(0, MAX_LISTED_ISSUES).map((i) => ({ path: toWireName(i.path), message: i.message }));
    if (issues.length > MAX_LISTED_ISSUES) body.errors_omitted = issues.length - MAX_LISTED_ISSUES;
  }
  if (status === 401) c.header('WWW-Authenticate', 'Bearer');
  return c.json(body, status);
}

/**
 * Maps anything thrown by a handler to the standard body. Unknown errors become a bare 500:
 * their message may carry driver or stack details and is only logged, never sent.
 */
export function handleError(error: Error, c: Context<AppEnv>, log: (error: Error) => void = () => {}): Response {
  if (error instanceof ValidationError) return errorResponse(c, 422, error.code, 'Request validation failed', error.issues);
  if (error instanceof RateLimitedError) c.header('Retry-After', String(error.retryAfterSeconds));
  if (error instanceof DomainError) return errorResponse(c, STATUS_OF[error.code], error.code, error.message);
  if (error instanceof OverloadedError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
    return errorResponse(c, 503, 'SERVICE_BUSY', error.message);
  }
  if (isDependencyUnavailable(error)) {
    log(error);
    return errorResponse(c, 503, `${error.dependency.toUpperCase()}_UNAVAILABLE`, error.message);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return errorResponse(c, status, HTTP_CODE_OF[status] ?? 'HTTP_ERROR', error.message || 'Request failed');
  }
  log(error);
  return errorResponse(c, 500, 'INTERNAL_ERROR', 'Internal server error');
}

/** The core names fields in camelCase; the wire uses snake_case. */
const toWireName = (path: string): string => path.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
