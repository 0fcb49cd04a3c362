import type { Role } from '../../domain/user/user.ts';

/** Who is asking: the authenticated user behind a request, CLI call or message. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
}
