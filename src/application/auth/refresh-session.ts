import { DomainError } from '../../domain/errors.ts';
import { issueTokenPair, newSession, type TokenPair } from './session-tokens.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports RefreshSession uses. */
export type RefreshSessionPorts = Pick<Ports, 'users' | 'tokens' | 'sessions' | 'ids' | 'clock'>;

/**
 * Trades a refresh token for a new pair. The old refresh token is spent; presenting a
 * spent one again means it was stolen or replayed, and the whole session is revoked.
 */
export class RefreshSession {
  readonly #ports: RefreshSessionPorts;
  readonly #refreshTtlSeconds: number;

  constructor(ports: RefreshSessionPorts, refreshTtlSeconds: number) {
    this.#ports = ports;
    this.#refreshTtlSeconds = refreshTtlSeconds;
  }

  async execute(refreshToken: string): Promise<TokenPair> {
    const verification = await this.#ports.tokens.verify(refreshToken);
    if (!verification.valid || verification.claims.type !== 'refresh') {
      throw new DomainError('INVALID_TOKEN', 'Invalid or expired refresh token');
    }
    const { userId, familyId, tokenId } = verification.claims;
    const user = await this.#ports.users.findById(userId);
    if (!user?.isActive) throw new DomainError('INVALID_TOKEN', 'Invalid or expired refresh token');

    const next = newSession(this.#ports.ids, this.#ports.clock, user, familyId, this.#refreshTtlSeconds);
    const outcome = await this.#ports.sessions.rotate(tokenId, next, this.#ports.clock.now());
    if (outcome === 'reused') {
      throw new DomainError('INVALID_TOKEN', 'Refresh token was already used; the session has been revoked');
    }
    if (outcome === 'revoked') throw new DomainError('INVALID_TOKEN', 'Invalid or expired refresh token');
    return issueTokenPair(this.#ports.tokens, user, next);
  }
}
