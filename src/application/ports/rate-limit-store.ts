export interface RateLimitHit {
  /** Hits on the key in the current window, this one included. */
  readonly count: number;
  /** When the current window ends and the count starts again from zero. */
  readonly resetAt: Date;
}

/**
 * Counts requests per key in fixed windows, shared by every instance that uses the same
 * store. A window starts with the first hit on a key and lasts `windowMs`.
 */
export interface RateLimitStore {
  /** Counts one hit; atomic, so concurrent hits get distinct counts. */
  hit(key: string, windowMs: number): Promise<RateLimitHit>;
  /** Forgets the key's count (e.g. after a successful login). */
  reset(key: string): Promise<void>;
}
