import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
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

// Far more than the sessions one instance serves at once.
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * HS256 JWTs with the algorithm pinned and issuer, audience, expiry and type checked.
 * A token found valid is remembered until it expires: everything that makes a JWT valid
 * (signature, issuer, audience, type) is fixed once it is signed, and nothing revokes an
 * access token itself (the account behind it, and its session version, are checked on every
 * request instead).
 */
export class JoseTokenIssuer implements TokenIssuer {
  // Imported once as a WebCrypto key: jose would otherwise import a raw or KeyObject key on every call.
  readonly #key: Promise<webcrypto.CryptoKey>;
  readonly #settings: JoseTokenSettings;
  readonly #clock: Clock;
  readonly #verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS_KEPT });

  constructor(settings: JoseTokenSettings, clock: Clock) {
    this.#key = webcrypto.subtle.importKey('raw', Buffer.from(settings.secret, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    this.#settings = settings;
    this.#clock = clock;
  }

  issueAccessToken(claims: AccessTokenClaims): Promise<IssuedToken> {
    const payload = { username: claims.username, role: claims.role, sv: claims.sessionVersion };
    return this.#sign(ACCESS_TYP, payload, claims.userId, this.#settings.accessTtlSeconds);
  }

  issueRefreshToken(claims: RefreshTokenClaims): Promise<IssuedToken> {
    return this.#sign(REFRESH_TYP, { sid: claims.familyId, jti: claims.tokenId }, claims.userId, this.#settings.refreshTtlSeconds);
  }

  async verify(token: string): Promise<TokenVerification> {
    const known = this.#verified.get(token);
    if (known) {
      // Same rule as jose: valid while the current second is before `exp`.
      if (Math.floor(this.#clock.now().getTime() / 1000) < known.expiresAt.getTime() / 1000) return { valid: true, claims: known };
      this.#verified.delete(token);
      return { valid: false, reason: 'expired' };
    }
    const verification = await this.#verifySignedToken(token);
    if (verification.valid) this.#verified.set(token, verification.claims);
    return verification;
  }

  async #verifySignedToken(token: string): Promise<TokenVerification> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, await this.#key, {
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
      .sign(await this.#key);
    return { token, expiresAt: new Date(expiresAt * 1000), expiresInSeconds: ttlSeconds };
  }
}

/** The verified claims, or null when the payload does not have the shape its type promises. */
function toClaims(typ: string | undefined, payload: JWTPayload): VerifiedToken | null {
  const times = { issuedAt: new Date((payload.iat ?? 0) * 1000), expiresAt: new Date((payload.exp ?? 0) * 1000) };
  const userId = payload.sub;
  if (typeof userId !== 'string') return null;
  if (typ === ACCESS_TYP) {
    // Tokens signed before session versions existed carry none: they were issued under version 0.
    const { username, role, sv = 0 } = payload;
    if (typeof username !== 'string' || !isRole(role) || !Number.isSafeInteger(sv)) return null;
    return { type: 'access', userId, username, role, sessionVersion: sv as number, ...times };
  }
  if (typ === REFRESH_TYP) {
    const { sid, jti } = payload;
    if (typeof sid !== 'string' || typeof jti !== 'string') return null;
    return { type: 'refresh', userId, familyId: sid, tokenId: jti, ...times };
  }
  return null;
}

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
