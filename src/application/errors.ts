export type Dependency = 'database' | 'queue' | 'storage';

const DEPENDENCY_NAMES: Record<Dependency, string> = { database: 'Database', queue: 'Queue', storage: 'Storage' };

/**
 * A driven adapter could not reach its server. Transient by nature: use cases retry or
 * report it; transports answer "unavailable" without leaking the driver's message.
 */
export class DependencyUnavailableError extends Error {
  override readonly name = 'DependencyUnavailableError';
  readonly dependency: Dependency;

  constructor(dependency: Dependency, options?: { cause?: unknown }) {
    super(`${DEPENDENCY_NAMES[dependency]} unavailable`, options);
    this.dependency = dependency;
  }
}

export const isDependencyUnavailable = (error: unknown): error is DependencyUnavailableError =>
  error instanceof DependencyUnavailableError;

/**
 * A bounded resource of this instance is full (the password hasher's queue, say): the work is
 * refused at once rather than queued without end. Transports answer "busy, retry after".
 */
export class OverloadedError extends Error {
  override readonly name = 'OverloadedError';
  readonly retryAfterSeconds: number;

  constructor(resource: string, retryAfterSeconds: number) {
    super(`Too busy with ${resource}; try again shortly`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A failure retrying cannot fix (missing object, unreadable file): the job fails at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}
