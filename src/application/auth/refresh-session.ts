import { DomainError } from '../../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { SessionRepository } from '../ports/session-repository.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { UserRepository } from '../ports/user-repository.ts';
import { issueTokenPair, newSession, type TokenPair } from './session-tokens.ts';

/**
 * Trades a refresh token for a new pair. The old refresh token is spent; presenting a
 * spent one again means it was stolen or replayed, and the whole session is revoked.
 */
export class RefreshSession {
  readonly #users: UserRepository;
  readonly #tokens: TokenIssuer;
  readonly #sessions: SessionRepository;
  readonly #ids: IdGenerator;
  readonly #clock: Clock;
  readonly #refreshTtlSeconds: number;

  constructor(
    users: UserRepository,
    tokens: TokenIssuer,
    sessions: SessionRepository,
    ids: IdGenerator,
    clock: Clock,
    refreshTtlSeconds: number,
  ) {
    this.#users = users;
    this.#tokens = tokens;
    this.#sessions = sessions;
    this.#ids = ids;
    this.#clock = clock;
    this.#refreshTtlSeconds = refreshTtlSeconds;
  }

  async execute(refreshToken: string): Promise<TokenPair> {
    const verification = await this.#tokens.verify(refreshToken);
    if (!verification.valid || verification.claims.type !== 'refresh') {
      throw new DomainError('INVALID_TOKEN', 'Invalid or expired refresh token');
    }
    const { userId, familyId, tokenId } = verification.claims;
    const user = await this.#users.findById(userId);
    if (!user?.isActive) throw new DomainError('INVALID_TOKEN', 'Invalid or expired refresh token');

    const next = newSession(this.#ids, this.#clock, user, familyId, this.#refreshTtlSeconds);
    const outcome = await this.#sessions.rotate(tokenId, next, this.#clock.now());
    if (outcome === 'reused') {
      throw new DomainError('INVALID_TOKEN', 'Refresh token was already used; the session has been revoked');
    }
    if (outcome === 'revoked') throw new DomainError('INVALID_TOKEN', 'Invalid or expired refresh token');
    return issueTokenPair(this.#tokens, user, next);
  }
}
