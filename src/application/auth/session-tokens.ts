import type { User } from '../../domain/user/user.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { RefreshSession } from '../ports/session-repository.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresInSeconds: number;
}

/** Issues an access token and the refresh token recorded as `session`. */
export async function issueTokenPair(tokens: TokenIssuer, user: User, session: RefreshSession): Promise<TokenPair> {
  const [access, refresh] = await Promise.all([
    tokens.issueAccessToken({ userId: user.id, username: user.username, role: user.role, sessionVersion: user.sessionVersion }),
    tokens.issueRefreshToken({ userId: user.id, familyId: session.familyId, tokenId: session.tokenId }),
  ]);
  return { accessToken: access.token, refreshToken: refresh.token, expiresInSeconds: access.expiresInSeconds };
}

/** A new refresh-token record in `familyId`, expiring after the refresh lifetime. */
export function newSession(
  ids: IdGenerator,
  clock: Clock,
  user: User,
  familyId: string,
  refreshTtlSeconds: number,
): RefreshSession {
  return {
    tokenId: ids.newId(),
    userId: user.id,
    familyId,
    expiresAt: new Date(clock.now().getTime() + refreshTtlSeconds * 1000),
  };
}
