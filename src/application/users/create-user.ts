import { DomainError, ValidationError } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { Role, User } from '../../domain/user/user.ts';
import type { Actor } from '../auth/actor.ts';
import type { Ports } from '../ports/ports.ts';
import { userFieldIssues } from './user-input.ts';

/** The ports CreateUser uses. */
export type CreateUserPorts = Pick<Ports, 'users' | 'hasher' | 'ids' | 'clock'>;

export interface NewUserInput {
  readonly username: string;
  readonly email: string;
  readonly password: string;
  readonly fullName?: string | null | undefined;
  readonly role: string;
}

/** An admin creates an account. */
export class CreateUser {
  readonly #ports: CreateUserPorts;

  constructor(ports: CreateUserPorts) {
    this.#ports = ports;
  }

  async execute(actor: Actor, input: NewUserInput): Promise<User> {
    if (!hasPermission(actor.role, 'users:manage')) throw new DomainError('FORBIDDEN', 'Only an admin may create users');
    const issues = userFieldIssues(input);
    if (issues.length > 0) throw new ValidationError(issues);
    const now = this.#ports.clock.now();
    const user: User = {
      id: this.#ports.ids.newId(),
      username: input.username,
      email: input.email,
      fullName: input.fullName ?? null,
      role: input.role as Role,
      isActive: true,
      passwordHash: await this.#ports.hasher.hash(input.password),
      sessionVersion: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.#ports.users.create(user);
    return user;
  }
}
