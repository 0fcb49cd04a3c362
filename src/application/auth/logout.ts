import type { SessionRepository } from '../ports/session-repository.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { Actor } from './actor.ts';

/**
 * Ends the session a refresh token belongs to. Like OAuth token revocation (RFC 7009),
 * an invalid or foreign token is not an error: there is simply nothing of the actor's to end.
 */
export class Logout {
  readonly #tokens: TokenIssuer;
  readonly #sessions: SessionRepository;

  constructor(tokens: TokenIssuer, sessions: SessionRepository) {
    this.#tokens = tokens;
    this.#sessions = sessions;
  }

  async execute(actor: Actor, refreshToken: string): Promise<void> {
    const verification = await this.#tokens.verify(refreshToken);
    if (!verification.valid || verification.claims.type !== 'refresh') return;
    if (verification.claims.userId !== actor.userId) return;
    await this.#sessions.revokeFamily(verification.claims.familyId);
  }
}
