import { DomainError } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/user/permissions.ts';
import type { User } from '../../domain/user/user.ts';
import type { Actor } from '../auth/actor.ts';
import type { UserRepository } from '../ports/user-repository.ts';

/** A user the actor may see: an admin sees everyone, anyone else only themselves (others do not exist). */
export async function findVisibleUser(users: UserRepository, actor: Actor, userId: string): Promise<User> {
  const user = actor.userId === userId || hasPermission(actor.role, 'users:manage') ? await users.findById(userId) : null;
  if (!user) throw new DomainError('USER_NOT_FOUND', `User ${userId} not found`);
  return user;
}
