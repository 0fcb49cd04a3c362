import { DomainError } from '../../domain/errors.ts';
import type { Actor } from './actor.ts';
import type { Ports } from '../ports/ports.ts';
import type { TokenVerification } from '../ports/token-issuer.ts';

/** The ports Authenticate uses. */
export type AuthenticatePorts = Pick<Ports, 'tokens' | 'users'>;

/**
 * Turns an access token into the actor behind it. The account is checked on every call, so a
 * deactivation, a new role or a new password applies before the token expires: at once when made
 * through this process, within a second when made by another (accounts may be remembered that long).
 */
export class Authenticate {
  readonly #ports: AuthenticatePorts;

  constructor(ports: AuthenticatePorts) {
    this.#ports = ports;
  }

  async execute(accessToken: string): Promise<Actor> {
    return this.actorFor(await this.#ports.tokens.verify(accessToken));
  }

  /**
   * The same for a token already verified (by VerifyToken, say), so that a transport which
   * needed the verification earlier, to rate-limit by user, does not verify the token twice.
   */
  async actorFor(verification: TokenVerification): Promise<Actor> {
    if (!verification.valid) {
      throw new DomainError('INVALID_TOKEN', verification.reason === 'expired' ? 'Token expired' : 'Invalid token');
    }
    if (verification.claims.type !== 'access') throw new DomainError('INVALID_TOKEN', 'Not an access token');
    const user = await this.#ports.users.findById(verification.claims.userId);
    if (!user?.isActive) throw new DomainError('INVALID_TOKEN', 'Account is not active');
    if (user.sessionVersion !== verification.claims.sessionVersion) {
      throw new DomainError('INVALID_TOKEN', 'Session ended: the password changed or the account was deactivated since');
    }
    return { userId: user.id, username: user.username, role: user.role };
  }
}
