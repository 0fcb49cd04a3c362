import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Clock } from '../../application/ports/clock.ts';
import type {
  AccessTokenClaims,
  IssuedToken,
  RefreshTokenClaims,
  TokenIssuer,
  TokenVerification,
  VerifiedToken,
} from '../../application/ports/token-issuer.ts';
import { ROLES, type Role } from '../../domain/user/user.ts';

export interface JoseTokenSettings {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
}

const ALGORITHM = 'HS256';
// RFC 9068 names the access-token type; refresh tokens get their own, so neither passes as the other.
const ACCESS_TYP = 'at+jwt';
const REFRESH_TYP = 'rt+jwt';

/** HS256 JWTs with the algorithm pinned and issuer, audience, expiry and type checked. */
export class JoseTokenIssuer implements TokenIssuer {
  // Importing the key once as a KeyObject avoids re-deriving it on every sign and verify.
  readonly #key: KeyObject;
  readonly #settings: JoseTokenSettings;
  readonly #clock: Clock;

  constructor(settings: JoseTokenSettings, clock: Clock) {
    this.#key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
    this.#settings = settings;
    this.#clock = clock;
  }

  issueAccessToken(claims: AccessTokenClaims): Promise<IssuedToken> {
    return this.#sign(ACCESS_TYP, { username: claims.username, role: claims.role }, claims.userId, this.#settings.accessTtlSeconds);
  }

  issueRefreshToken(claims: RefreshTokenClaims): Promise<IssuedToken> {
    return this.#sign(REFRESH_TYP, { sid: claims.familyId, jti: claims.tokenId }, claims.userId, this.#settings.refreshTtlSeconds);
  }

  async verify(token: string): Promise<TokenVerification> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.#key, {
        algorithms: [ALGORITHM],
        issuer: this.#settings.issuer,
        audience: this.#settings.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: this.#clock.now(),
      });
      const claims = toClaims(protectedHeader.typ, payload);
      return claims ? { valid: true, claims } : { valid: false, reason: 'invalid' };
    } catch (error) {
      return { valid: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }

  async #sign(typ: string, claims: JWTPayload, subject: string, ttlSeconds: number): Promise<IssuedToken> {
    const issuedAt = Math.floor(this.#clock.now().getTime() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, typ })
      .setSubject(subject)
      .setIssuer(this.#settings.issuer)
      .setAudience(this.#settings.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.#key);
    return { token, expiresAt: new Date(expiresAt * 1000), expiresInSeconds: ttlSeconds };
  }
}

/** The verified claims, or null when the payload does not have the shape its type promises. */
function toClaims(typ: string | undefined, payload: JWTPayload): VerifiedToken | null {
  const times = { issuedAt: new Date((payload.iat ?? 0) * 1000), expiresAt: new Date((payload.exp ?? 0) * 1000) };
  const userId = payload.sub;
  if (typeof userId !== 'string') return null;
  if (typ === ACCESS_TYP) {
    const { username, role } = payload;
    if (typeof username !== 'string' || !isRole(role)) return null;
    return { type: 'access', userId, username, role, ...times };
  }
  if (typ === REFRESH_TYP) {
    const { sid, jti } = payload;
    if (typeof sid !== 'string' || typeof jti !== 'string') return null;
    return { type: 'refresh', userId, familyId: sid, tokenId: jti, ...times };
  }
  return null;
}

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
