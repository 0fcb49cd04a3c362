import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/adapters/postgres/database.ts';
import { readdirSync } from 'node:fs';
import { migrate, MIGRATIONS_DIR } from '../../src/adapters/postgres/migrate.ts';
import { PgJobRepository } from '../../src/adapters/postgres/pg-job-repository.ts';
import { PgSessionRepository } from '../../src/adapters/postgres/pg-session-repository.ts';
import { PgUserRepository } from '../../src/adapters/postgres/pg-user-repository.ts';
import { DependencyUnavailableError } from '../../src/application/errors.ts';
import { jobRepositoryContract } from '../contracts/job-repository.contract.ts';
import { sessionRepositoryContract } from '../contracts/session-repository.contract.ts';
import { userRepositoryContract } from '../contracts/user-repository.contract.ts';
import { aJob, anUpload } from '../support/builders.ts';
import { isolatedSchema, TABLES } from '../support/postgres.ts';
import { adminQuery } from '../support/postgres-database.ts';
import { requireServer } from '../support/require-server.ts';

const url = requireServer('databaseUrl', 'Postgres adapters');

describe.skipIf(!url)('Postgres adapters', () => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  beforeAll(async () => {
    schema = await isolatedSchema(url!);
  });
  afterAll(async () => {
    await schema?.drop();
  });
  const fresh = async <T>(build: (db: Database) => T): Promise<T> => {
    await schema.truncate();
    return build(schema.db);
  };

  jobRepositoryContract('postgres', () => fresh((db) => new PgJobRepository(db)));
  userRepositoryContract('postgres', () => fresh((db) => new PgUserRepository(db)));
  sessionRepositoryContract('postgres', () => fresh((db) => new PgSessionRepository(db)));

  describe('jobs created together', () => {
    it('are written in one statement, and a job the database refuses fails alone', async () => {
      const repo = await fresh((db) => new PgJobRepository(db));
      const jobs = Array.from({ length: 5 }, () => aJob());
      // file_size must be positive (a CHECK of the table): the third upload breaks it.
      const outcomes = await Promise.allSettled(jobs.map((job, i) => repo.create(job, anUpload(job, { fileSize: i === 2 ? 0 : 10 }))));
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: '23514' });
      expect(await Promise.all(jobs.map(async (job) => (await repo.get(job.id)) !== null))).toEqual([true, true, false, true, true]);
    });
  });

  describe('migrations', () => {
    it('apply once when several instances start at the same moment', async () => {
      const target = `${schema.schema}_race`;
      const runs = await Promise.all([1, 2, 3].map(() => migrate({ url: url!, schema: target })));
      expect(runs.flat()).toEqual(readdirSync(MIGRATIONS_DIR).map((file) => file.replace(/\.sql$/, '')).sort());
      try {
        const rows = await adminQuery(url!, 'SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [target]);
        expect(rows.map((r) => r.table_name).sort()).toEqual([...TABLES, 'pgmigrations'].sort());
      } finally {
        await adminQuery(url!, `DROP SCHEMA "${target}" CASCADE`);
      }
    });
  });
});

describe('Postgres that cannot be reached', () => {
  it('is reported as DependencyUnavailableError, with the driver error kept only as the cause', async () => {
    const db = new Database({ url: 'postgres://postgres@127.0.0.1:1/none' });
    const error = await new PgJobRepository(db).ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toBe('Database unavailable');
    await db.close();
  });
});
