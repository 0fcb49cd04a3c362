import { DomainError, RateLimitedError } from '../../domain/errors.ts';
import { OverloadedError } from '../errors.ts';
import { issueTokenPair, newSession, type TokenPair } from './session-tokens.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports Login uses. */
export type LoginPorts = Pick<Ports, 'users' | 'hasher' | 'tokens' | 'sessions' | 'ids' | 'clock' | 'rateLimits'>;

/** How many login attempts one client may make for one username in a window. */
export interface LoginLimit {
  readonly attempts: number;
  readonly windowSeconds: number;
}

/** Username and password in, a new session out. */
export class Login {
  readonly #ports: LoginPorts;
  readonly #refreshTtlSeconds: number;
  readonly #limit: LoginLimit;
  #dummyHash: Promise<string> | undefined;

  constructor(ports: LoginPorts, refreshTtlSeconds: number, limit: LoginLimit) {
    this.#ports = ports;
    this.#refreshTtlSeconds = refreshTtlSeconds;
    this.#limit = limit;
  }

  /** `client` identifies where the attempt comes from (an IP address), for the attempt limit. */
  async execute(username: string, password: string, client = 'unknown'): Promise<TokenPair> {
    // Refused before it is counted: a client told to retry must not use up its attempts meanwhile.
    if (!this.#ports.hasher.hasCapacity()) throw new OverloadedError('password hashing', 1);
    // Counted before the password is checked, so guessing costs attempts whether it succeeds or not.
    const attemptKey = `login:${username.toLowerCase()}:${client}`;
    const attempt = await this.#ports.rateLimits.hit(attemptKey, this.#limit.windowSeconds * 1000);
    if (attempt.count > this.#limit.attempts) {
      const wait = Math.max(1, Math.ceil((attempt.resetAt.getTime() - Date.now()) / 1000));
      throw new RateLimitedError('Too many login attempts; try again later', wait);
    }
    const user = await this.#ports.users.findByUsername(username);
    // An unknown user costs one hash check too, so timing does not tell who exists.
    const hash = user?.passwordHash ?? (await this.#dummy());
    const passwordMatches = await this.#ports.hasher.verify(password, hash);
    if (!user || !passwordMatches) {
      throw new DomainError('INVALID_CREDENTIALS', 'Incorrect username or password');
    }
    if (!user.isActive) throw new DomainError('USER_INACTIVE', 'This account is deactivated');
    await this.#ports.rateLimits.reset(attemptKey);

    const session = newSession(this.#ports.ids, this.#ports.clock, user, this.#ports.ids.newId(), this.#refreshTtlSeconds);
    await this.#ports.sessions.add(session);
    return issueTokenPair(this.#ports.tokens, user, session);
  }

  #dummy(): Promise<string> {
    if (!this.#dummyHash) {
      const hashing = this.#ports.hasher.hash('not-a-real-password-only-for-timing');
      // A refused or failed hash is not kept: the next unknown user tries again.
      hashing.catch(() => {
        if (this.#dummyHash === hashing) this.#dummyHash = undefined;
      });
      this.#dummyHash = hashing;
    }
    return this.#dummyHash;
  }
}
