import { DomainError } from '../../domain/errors.ts';
import { issueTokenPair, newSession, type TokenPair } from './session-tokens.ts';
import type { Ports } from '../ports/ports.ts';

/** The ports Login uses. */
export type LoginPorts = Pick<Ports, 'users' | 'hasher' | 'tokens' | 'sessions' | 'ids' | 'clock'>;

/** Username and password in, a new session out. */
export class Login {
  readonly #ports: LoginPorts;
  readonly #refreshTtlSeconds: number;
  #dummyHash: Promise<string> | undefined;

  constructor(ports: LoginPorts, refreshTtlSeconds: number) {
    this.#ports = ports;
    this.#refreshTtlSeconds = refreshTtlSeconds;
  }

  async execute(username: string, password: string): Promise<TokenPair> {
    const user = await this.#ports.users.findByUsername(username);
    // An unknown user costs one hash check too, so timing does not tell who exists.
    const hash = user?.passwordHash ?? (await this.#dummy());
    const passwordMatches = await this.#ports.hasher.verify(password, hash);
    if (!user || !passwordMatches) {
      throw new DomainError('INVALID_CREDENTIALS', 'Incorrect username or password');
    }
    if (!user.isActive) throw new DomainError('USER_INACTIVE', 'This account is deactivated');

    const session = newSession(this.#ports.ids, this.#ports.clock, user, this.#ports.ids.newId(), this.#refreshTtlSeconds);
    await this.#ports.sessions.add(session);
    return issueTokenPair(this.#ports.tokens, user, session);
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= this.#ports.hasher.hash('not-a-real-password-only-for-timing');
    return this.#dummyHash;
  }
}
