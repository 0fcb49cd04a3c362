import { DomainError } from '../../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { SessionRepository } from '../ports/session-repository.ts';
import type { TokenIssuer } from '../ports/token-issuer.ts';
import type { UserRepository } from '../ports/user-repository.ts';
import { issueTokenPair, newSession, type TokenPair } from './session-tokens.ts';

/** Username and password in, a new session out. */
export class Login {
  readonly #users: UserRepository;
  readonly #hasher: PasswordHasher;
  readonly #tokens: TokenIssuer;
  readonly #sessions: SessionRepository;
  readonly #ids: IdGenerator;
  readonly #clock: Clock;
  readonly #refreshTtlSeconds: number;
  #dummyHash: Promise<string> | undefined;

  constructor(
    users: UserRepository,
    hasher: PasswordHasher,
    tokens: TokenIssuer,
    sessions: SessionRepository,
    ids: IdGenerator,
    clock: Clock,
    refreshTtlSeconds: number,
  ) {
    this.#users = users;
    this.#hasher = hasher;
    this.#tokens = tokens;
    this.#sessions = sessions;
    this.#ids = ids;
    this.#clock = clock;
    this.#refreshTtlSeconds = refreshTtlSeconds;
  }

  async execute(username: string, password: string): Promise<TokenPair> {
    const user = await this.#users.findByUsername(username);
    // An unknown user costs one hash check too, so timing does not tell who exists.
    const hash = user?.passwordHash ?? (await this.#dummy());
    const passwordMatches = await this.#hasher.verify(password, hash);
    if (!user || !passwordMatches) {
      throw new DomainError('INVALID_CREDENTIALS', 'Incorrect username or password');
    }
    if (!user.isActive) throw new DomainError('USER_INACTIVE', 'This account is deactivated');

    const session = newSession(this.#ids, this.#clock, user, this.#ids.newId(), this.#refreshTtlSeconds);
    await this.#sessions.add(session);
    return issueTokenPair(this.#tokens, user, session);
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= this.#hasher.hash('not-a-real-password-only-for-timing');
    return this.#dummyHash;
  }
}
