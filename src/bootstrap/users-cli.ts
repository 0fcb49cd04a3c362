import { text } from 'node:stream/consumers';
import { pino } from 'pino';
import { runUserAdmin } from '../adapters/cli/user-admin-cli.ts';
import type { CreateUser } from '../application/users/create-user.ts';
import type { ResetPassword } from '../application/users/reset-password.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { buildContainer } from './container.ts';
import { openResources } from './resources.ts';
import { TOKENS } from './tokens.ts';

// `npm run users -- create …` / `npm run users -- reset-password …` against the configured database.
function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    return process.exit(78);
  }
}

async function runCommand(config: Config): Promise<number> {
  const logger = pino({ level: 'warn' });
  const resources = await openResources(config, logger);
  const container = buildContainer(config, { logger, resources });
  try {
    return await runUserAdmin(
      process.argv.slice(2),
      { createUser: container.get<CreateUser>(TOKENS.CreateUser), resetPassword: container.get<ResetPassword>(TOKENS.ResetPassword) },
      { out: (line) => console.log(line), err: (line) => console.error(line), stdin: () => text(process.stdin) },
    );
  } finally {
    await container.unbindAllAsync();
    await resources.close();
  }
}

process.exit(await runCommand(configOrExit()));
