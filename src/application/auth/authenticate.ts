import { DomainError } from '../../domain/errors.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { UserRepository } from '../ports/user-repository.ts';
import type { Actor } from './actor.ts';

/**
 * Turns an access token into the actor behind it. The account is looked up on every call,
 * so a deactivated user or a changed role takes effect at once, not when the token expires.
 */
export class Authenticate {
  readonly #tokens: TokenIssuer;
  readonly #users: UserRepository;

  constructor(tokens: TokenIssuer, users: UserRepository) {
    this.#tokens = tokens;
    this.#users = users;
  }

  async execute(accessToken: string): Promise<Actor> {
    const verification = await this.#tokens.verify(accessToken);
    if (!verification.valid) {
      throw new DomainError('INVALID_TOKEN', verification.reason === 'expired' ? 'Token expired' : 'Invalid token');
    }
    if (verification.claims.type !== 'access') throw new DomainError('INVALID_TOKEN', 'Not an access token');
    const user = await this.#users.findById(verification.claims.userId);
    if (!user?.isActive) throw new DomainError('INVALID_TOKEN', 'Account is not active');
    return { userId: user.id, username: user.username, role: user.role };
  }
}
