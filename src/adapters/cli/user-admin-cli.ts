import { parseArgs } from 'node:util';
import type { Actor } from '../../application/auth/actor.ts';
import type { ResetPassword } from '../../application/users/reset-password.ts';
import type { CreateUser } from '../../application/users/create-user.ts';
import { DomainError, ValidationError } from '../../domain/errors.ts';

export interface UserAdminUseCases {
  readonly createUser: CreateUser;
  readonly resetPassword: ResetPassword;
}

export const USAGE = `Usage:
  users create --username NAME --email EMAIL --role admin|user|viewer [--full-name NAME] (--password PW | --password-stdin)
  users reset-password --username NAME (--password PW | --password-stdin)`;

/** The operator acting from the command line: trusted like an admin. */
const OPERATOR: Actor = { userId: '00000000-0000-4000-8000-000000000000', username: 'cli', role: 'admin' };

/**
 * A command-line driving adapter for account administration; returns the exit code.
 * Passwords come from --password or, better for scripts and shell history, from stdin.
 */
export async function runUserAdmin(
  args: string[],
  useCases: UserAdminUseCases,
  io: { out: (line: string) => void; err: (line: string) => void; stdin: () => Promise<string> },
): Promise<number> {
  const [command, ...rest] = args;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        username: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        'full-name': { type: 'string' },
        password: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 64; // EX_USAGE
  }
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const password = values['password-stdin'] ? (await io.stdin()).replace(/\r?\n$/, '') : text('password');
  const username = text('username');
  if (!username || password === undefined || (command !== 'create' && command !== 'reset-password')) {
    io.err(USAGE);
    return 64;
  }
  try {
    if (command === 'create') {
      const user = await useCases.createUser.execute(OPERATOR, {
        username,
        email: text('email') ?? '',
        role: text('role') ?? '',
        fullName: text('full-name'),
        password,
      });
      io.out(`created ${user.role} ${user.username} (${user.id})`);
    } else {
      await useCases.resetPassword.execute(username, password);
      io.out(`password reset for ${username}; their sessions were ended`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ValidationError) io.err(error.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    else if (error instanceof DomainError) io.err(`${error.code}: ${error.message}`);
    else throw error;
    return 1;
  }
}
