import { randomBytes } from 'node:crypto';
import type { Clock } from '../../application/ports/clock.ts';
import type {
  AccessTokenClaims,
  IssuedToken,
  RefreshTokenClaims,
  TokenIssuer,
  TokenVerification,
  VerifiedToken,
} from '../../application/ports/token-issuer.ts';

export interface TokenLifetimes {
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
}

/**
 * Opaque reference tokens kept in process memory: random strings that mean something only
 * to this instance. Useful where no signing key should exist (tests, single-process tools).
 */
export class InMemoryTokenIssuer implements TokenIssuer {
  readonly #issued = new Map<string, VerifiedToken>();
  readonly #clock: Clock;
  readonly #lifetimes: TokenLifetimes;

  constructor(clock: Clock, lifetimes: TokenLifetimes) {
    this.#clock = clock;
    this.#lifetimes = lifetimes;
  }

  async issueAccessToken(claims: AccessTokenClaims): Promise<IssuedToken> {
    return this.#issue({ type: 'access', ...claims }, this.#lifetimes.accessTtlSeconds);
  }

  async issueRefreshToken(claims: RefreshTokenClaims): Promise<IssuedToken> {
    return this.#issue({ type: 'refresh', ...claims }, this.#lifetimes.refreshTtlSeconds);
  }

  async verify(token: string): Promise<TokenVerification> {
    const claims = this.#issued.get(token);
    if (!claims) return { valid: false, reason: 'invalid' };
    if (claims.expiresAt <= this.#clock.now()) return { valid: false, reason: 'expired' };
    return { valid: true, claims };
  }

  #issue(claims: { type: 'access' } & AccessTokenClaims | { type: 'refresh' } & RefreshTokenClaims, ttlSeconds: number): IssuedToken {
    const issuedAt = this.#clock.now();
    const expiresAt = new Date(issuedAt.getTime() + ttlSeconds * 1000);
    const token = randomBytes(32).toString('base64url');
    this.#issued.set(token, { ...claims, issuedAt, expiresAt });
    return { token, expiresAt, expiresInSeconds: ttlSeconds };
  }
}
