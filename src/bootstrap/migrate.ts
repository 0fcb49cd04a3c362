import { migrate } from '../adapters/postgres/migrate.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openResources } from './resources.ts';

// `npm run migrate`: brings the database of DATABASE_URL (or the embedded one) up to date.
try {
  const config = loadConfig(process.env);
  const logger = createLogger(config);
  if (config.databaseUrl) {
    const applied = await migrate({ url: config.databaseUrl, log: (message) => logger.debug(message) });
    logger.info({ migrations: applied }, applied.length > 0 ? 'database migrated' : 'database already up to date');
  } else {
    // Starting the embedded server migrates it; then stop it again.
    await (await openResources(config, logger)).close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 78 : 1);
}
