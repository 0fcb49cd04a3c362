import type { Role } from '../../domain/user/user.ts';

export interface AccessTokenClaims {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** The user's session version when the token was issued (see User.sessionVersion). */
  readonly sessionVersion: number;
}

export interface RefreshTokenClaims {
  readonly userId: string;
  /** The session family every rotation of this login shares. */
  readonly familyId: string;
  /** This token's own id. */
  readonly tokenId: string;
}

export type VerifiedToken =
  | ({ readonly type: 'access' } & AccessTokenClaims & TokenTimes)
  | ({ readonly type: 'refresh' } & RefreshTokenClaims & TokenTimes);

export interface TokenTimes {
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
  readonly expiresInSeconds: number;
}

export type TokenVerification =
  | { readonly valid: true; readonly claims: VerifiedToken }
  | { readonly valid: false; readonly reason: 'expired' | 'invalid' };

/** Issues and checks the bearer tokens of a session. */
export interface TokenIssuer {
  issueAccessToken(claims: AccessTokenClaims): Promise<IssuedToken>;
  issueRefreshToken(claims: RefreshTokenClaims): Promise<IssuedToken>;
  /**
   * Checks a token of either type: signature or reference, issuer, audience and expiry.
   * Never throws for a bad token; says why it is not valid. Callers check `claims.type`.
   */
  verify(token: string): Promise<TokenVerification>;
}
