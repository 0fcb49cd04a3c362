/** One issued refresh token, the server-side half of a session. */
export interface RefreshSession {
  readonly tokenId: string;
  readonly userId: string;
  readonly familyId: string;
  readonly expiresAt: Date;
}

/**
 * - `rotated`: the token was current; it is now spent and `next` is current.
 * - `reused`: the token had already been rotated: a replay, so the whole family is revoked.
 * - `revoked`: the token is unknown, expired or its family was revoked.
 */
export type RotationOutcome = 'rotated' | 'reused' | 'revoked';

/** Server-side record of refresh tokens, for rotation, reuse detection and logout. */
export interface SessionRepository {
  add(session: RefreshSession): Promise<void>;
  /** True while the token could be rotated: known, not yet rotated, not expired, its family not revoked. */
  isCurrent(tokenId: string, now: Date): Promise<boolean>;
  /** Atomic: of two concurrent rotations of one token, exactly one gets `rotated`. */
  rotate(tokenId: string, next: RefreshSession, now: Date): Promise<RotationOutcome>;
  /** Idempotent; unknown families are ignored. */
  revokeFamily(familyId: string): Promise<void>;
  /** Idempotent: every session of the user stops working. */
  revokeAllForUser(userId: string): Promise<void>;
}
