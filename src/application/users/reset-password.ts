import { DomainError, ValidationError } from '../../domain/errors.ts';
import { withSessionsEnded } from '../../domain/user/user.ts';
import type { Ports } from '../ports/ports.ts';
import { userFieldIssues } from './user-input.ts';

/** The ports ResetPassword uses. */
export type ResetPasswordPorts = Pick<Ports, 'users' | 'hasher' | 'sessions' | 'clock'>;

/** An operator sets a user's password (from the command line); the user's sessions end. */
export class ResetPassword {
  readonly #ports: ResetPasswordPorts;

  constructor(ports: ResetPasswordPorts) {
    this.#ports = ports;
  }

  async execute(username: string, password: string): Promise<void> {
    const issues = userFieldIssues({ password });
    if (issues.length > 0) throw new ValidationError(issues);
    const user = await this.#ports.users.findByUsername(username);
    if (!user) throw new DomainError('USER_NOT_FOUND', `No user named ${username}`);
    const passwordHash = await this.#ports.hasher.hash(password);
    await this.#ports.users.update(withSessionsEnded({ ...user, passwordHash, updatedAt: this.#ports.clock.now() }));
    await this.#ports.sessions.revokeAllForUser(user.id);
  }
}
