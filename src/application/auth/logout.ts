import type { Actor } from './actor.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports Logout uses. */
export type LogoutPorts = Pick<Ports, 'tokens' | 'sessions'>;

/**
 * Ends the session a refresh token belongs to. Like OAuth token revocation (RFC 7009),
 * an invalid or foreign token is not an error: there is simply nothing of the actor's to end.
 */
export class Logout {
  readonly #ports: LogoutPorts;

  constructor(ports: LogoutPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, refreshToken: string): Promise<void> {
    const verification = await this.#ports.tokens.verify(refreshToken);
    if (!verification.valid || verification.claims.type !== 'refresh') return;
    if (verification.claims.userId !== actor.userId) return;
    await this.#ports.sessions.revokeFamily(verification.claims.familyId);
  }
}
