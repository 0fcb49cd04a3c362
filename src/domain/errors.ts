/**
 * Stable codes for failures the core can explain. Transports map them to their own
 * vocabulary (HTTP status, CLI exit code); the codes themselves never change meaning.
 */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'INVALID_JOB_STATE'
  | 'JOB_CLAIM_LOST'
  | 'JOB_NOT_FOUND'
  | 'UPLOAD_NOT_FOUND'
  | 'UPLOAD_SIZE_MISMATCH'
  | 'CHECKSUM_MISMATCH'
  | 'JOB_BUDGET_EXCEEDED'
  | 'IDEMPOTENCY_CONFLICT'
  | 'INVALID_CREDENTIALS'
  | 'USER_INACTIVE'
  | 'INVALID_TOKEN'
  | 'FORBIDDEN'
  | 'USER_NOT_FOUND'
  | 'USERNAME_TAKEN'
  | 'EMAIL_TAKEN'
  | 'SELF_LOCKOUT'
  | 'RATE_LIMITED'
  | 'FORMAT_NOT_FOUND'
  | 'FORMAT_NAME_TAKEN';

/** An expected failure of a business rule; `message` is safe to show to a client. */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export const isDomainError = (error: unknown, code?: ErrorCode): error is DomainError =>
  error instanceof DomainError && (code === undefined || error.code === code);

export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/** Input that breaks a rule; `issues` says which field and why. */
export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super('VALIDATION_ERROR', describeIssues(issues));
    this.issues = issues;
  }
}

/** The first few issues as one line, and how many more: a message must not grow with the input. */
function describeIssues(issues: readonly ValidationIssue[]): string {
  const listed = issues.slice(0, 10).map((i) => `${i.path}: ${i.message}`).join('; ');
  return issues.length > 10 ? `${listed}; and ${issues.length - 10} more` : listed;
}

/** Too many attempts; the caller may try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  override readonly name = 'RateLimitedError';
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
