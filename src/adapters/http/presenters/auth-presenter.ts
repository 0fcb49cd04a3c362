import type { TokenPair } from '../../../application/auth/session-tokens.ts';
import type { VerifiedToken } from '../../../application/ports/token-issuer.ts';
import type { User } from '../../../domain/user/user.ts';
import type { TokenPairResponse, UserResponse } from '../openapi/responses.ts';

export const presentTokenPair = (pair: TokenPair): TokenPairResponse => ({
  access_token: pair.accessToken,
  refresh_token: pair.refreshToken,
  token_type: 'bearer',
  expires_in: pair.expiresInSeconds,
});

/** A user as the API shows it: never the password hash. */
export const presentUser = (user: User): UserResponse => ({
  user_id: user.id,
  username: user.username,
  email: user.email,
  full_name: user.fullName,
  role: user.role,
  is_active: user.isActive,
});

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** Verified claims with JWT's registered names. */
export function presentClaims(claims: VerifiedToken) {
  const times = { iat: seconds(claims.issuedAt), exp: seconds(claims.expiresAt) };
  return claims.type === 'access'
    ? { typ: 'access', sub: claims.userId, username: claims.username, role: claims.role, ...times }
    : { typ: 'refresh', sub: claims.userId, sid: claims.familyId, jti: claims.tokenId, ...times };
}
