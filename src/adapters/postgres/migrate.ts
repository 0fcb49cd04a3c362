import { join } from 'node:path';
import { runner } from 'node-pg-migrate';

export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

export interface MigrateOptions {
  readonly url: string;
  readonly schema?: string;
  readonly log?: (message: string) => void;
}

/**
 * Brings the schema up to date. Safe for several instances starting at once: the runner
 * holds a Postgres advisory lock, and the others wait for it, then find nothing to do.
 */
export async function migrate(options: MigrateOptions): Promise<string[]> {
  const applied = await runner({
    databaseUrl: options.url,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    ...(options.schema ? { schema: options.schema, createSchema: true } : {}),
    advisoryLockMode: 'wait',
    singleTransaction: true,
    log: options.log ?? (() => {}),
  });
  return applied.map((migration) => migration.name);
}
