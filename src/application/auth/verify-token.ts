import { isDomainError } from '../../domain/errors.ts';
import type { TokenVerification } from '../ports/token-issuer.ts';
import type { Ports } from '../ports/ports.ts';
import { Authenticate } from './authenticate.ts';

/** The ports VerifyToken uses. */
export type VerifyTokenPorts = Pick<Ports, 'tokens' | 'users' | 'sessions' | 'clock'>;

const INVALID: TokenVerification = { valid: false, reason: 'invalid' };

/** Says whether a token is valid, and what it claims; for clients and other services. */
export class VerifyToken {
  readonly #ports: VerifyTokenPorts;
  readonly #authenticate: Authenticate;

  constructor(ports: VerifyTokenPorts) {
    this.#ports = ports;
    this.#authenticate = new Authenticate(ports);
  }

  /**
   * Valid only if the token would be accepted now: an access token by Authenticate (active
   * account, session not ended), a refresh token by a refresh (session current, not logged out,
   * rotated or revoked, and the account active).
   */
  async execute(token: string): Promise<TokenVerification> {
    const verification = await this.#ports.tokens.verify(token);
    if (!verification.valid) return verification;
    const { claims } = verification;
    if (claims.type === 'access') {
      try {
        // The account as it is now: a demoted admin's token must not still claim `admin`.
        const { username, role } = await this.#authenticate.actorFor(verification);
        return { valid: true, claims: { ...claims, username, role } };
      } catch (error) {
        if (isDomainError(error, 'INVALID_TOKEN')) return INVALID;
        throw error;
      }
    }
    const [user, current] = await Promise.all([
      this.#ports.users.findById(claims.userId),
      this.#ports.sessions.isCurrent(claims.tokenId, this.#ports.clock.now()),
    ]);
    return user?.isActive && current ? verification : INVALID;
  }

  /**
   * Only what the token proves by itself (signature or reference, issuer, audience, expiry),
   * for callers that check the account afterwards (Authenticate) or need nothing more (rate
   * limiting by user): it costs no look-up.
   */
  verifySignature(token: string): Promise<TokenVerification> {
    return this.#ports.tokens.verify(token);
  }
}
