import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryJobChangeFeed } from '../../src/adapters/memory/in-memory-job-change-feed.ts';
import { ManualClock } from '../../src/adapters/memory/manual-clock.ts';
import { ServiceMetrics } from '../../src/adapters/metrics/service-metrics.ts';
import { Database } from '../../src/adapters/postgres/database.ts';
import { readdirSync } from 'node:fs';
import { runner } from 'node-pg-migrate';
import { migrate, MIGRATIONS_DIR } from '../../src/adapters/postgres/migrate.ts';
import { PgJobRepository } from '../../src/adapters/postgres/pg-job-repository.ts';
import { PgSessionRepository } from '../../src/adapters/postgres/pg-session-repository.ts';
import { PgUserRepository } from '../../src/adapters/postgres/pg-user-repository.ts';
import { PgLogFormatRepository } from '../../src/adapters/postgres/pg-log-format-repository.ts';
import { logFormatRepositoryContract } from '../contracts/log-format-repository.contract.ts';
import { DependencyUnavailableError } from '../../src/application/errors.ts';
import { jobRepositoryStack, userRepositoryStack } from '../../src/bootstrap/repository-stacks.ts';
import { jobRepositoryContract } from '../contracts/job-repository.contract.ts';
import { sessionRepositoryContract } from '../contracts/session-repository.contract.ts';
import { userRepositoryContract } from '../contracts/user-repository.contract.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { failJob, queueJob, startProcessing, type Job } from '../../src/domain/job/job.ts';
import { aJob, anUpload, aResult, aUser, T0 } from '../support/builders.ts';
import { describeWith } from '../support/describe-with.ts';
import { isolatedSchema, TABLES } from '../support/postgres.ts';
import { adminQuery } from '../support/postgres-database.ts';

describeWith('Postgres adapters', { servers: ['databaseUrl'] }, ({ databaseUrl: url }) => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  beforeAll(async () => {
    schema = await isolatedSchema(url);
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
  const metrics = new ServiceMetrics();
  const stackParts = () => ({ feed: new InMemoryJobChangeFeed(), metrics, clock: new ManualClock() });
  jobRepositoryContract('the stack the service runs, over postgres', () => fresh((db) => jobRepositoryStack(new PgJobRepository(db), stackParts())));
  userRepositoryContract('the stack the service runs, over postgres', () => fresh((db) => userRepositoryStack(new PgUserRepository(db), new ManualClock())));
  sessionRepositoryContract('postgres', () => fresh((db) => new PgSessionRepository(db)));
  // Production wires the Postgres adapter as it is: no decorators over saved formats.
  logFormatRepositoryContract('postgres', () => fresh((db) => new PgLogFormatRepository(db)));

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

  describe('jobs changed together', () => {
    /** The database, counting the statements sent through it. */
    const counted = (db: Database) => {
      const counter = { statements: 0 };
      const proxy = new Proxy(db, {
        get: (target, property) => {
          if (property === 'query') return (...args: Parameters<Database['query']>) => (counter.statements++, target.query(...args));
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      return { proxy, counter };
    };

    it('share statements, each job with its own history entry and result; a write the database refuses fails alone', async () => {
      await schema.truncate();
      const { proxy, counter } = counted(schema.db);
      const repo = new PgJobRepository(proxy);
      const jobs = Array.from({ length: 6 }, () => queueJob(aJob(), T0));
      await Promise.all(jobs.map((job) => repo.create(job, anUpload(job))));
      await Promise.all(jobs.map((job) => repo.get(job.id)));
      counter.statements = 0;
      // progress must be 0–100 (a CHECK of the table): the fourth write breaks it.
      const outcomes = await Promise.allSettled(
        jobs.map((job, i) => repo.update(job.id, (j) => (i === 3 ? { ...j, progress: 101 } : startProcessing(j, T0)), i % 2 === 0 ? aResult(job.id) : undefined)),
      );
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ code: '23514' });
      // One statement for the batch, then the six again one by one, since one was refused.
      expect(counter.statements).toBe(7);
      const records = await Promise.all(jobs.map((job) => repo.get(job.id)));
      expect(records.map((r) => [r?.job.status, r?.result?.outputKey ?? null])).toEqual(
        jobs.map((job, i) => (i === 3 ? ['QUEUED', null] : ['PROCESSING', i % 2 === 0 ? `processed/${job.id}.ndjson.gz` : null])),
      );
      for (const [i, job] of jobs.entries()) {
        expect((await repo.history(job.id)).map((c) => c.to)).toEqual(i === 3 ? ['QUEUED'] : ['QUEUED', 'PROCESSING']);
      }
    });

    it('are read in one statement', async () => {
      await schema.truncate();
      const { proxy, counter } = counted(schema.db);
      const repo = new PgJobRepository(proxy);
      const jobs = Array.from({ length: 5 }, () => aJob());
      await Promise.all(jobs.map((job) => repo.create(job, anUpload(job))));
      counter.statements = 0;
      const records = await Promise.all([...jobs.map((job) => repo.get(job.id)), repo.get('00000000-0000-4000-8000-000000000000')]);
      expect(counter.statements).toBe(1);
      expect(records.map((r) => r?.job.id ?? null)).toEqual([...jobs.map((job) => job.id), null]);
    });
  });

  describe('jobs read and written while their tables grow from empty', () => {
    /** Rows Postgres read by scanning the job tables of the schema, so far. */
    const rowsScanned = async (db: Database): Promise<number> => {
      await db.query('SELECT pg_stat_force_next_flush()'); // this session's counts, flushed once it is idle
      const { rows } = await db.query<{ scanned: string }>(
        "SELECT coalesce(sum(seq_tup_read), 0) AS scanned FROM pg_stat_user_tables WHERE schemaname = $1 AND relname IN ('jobs', 'file_uploads', 'job_results')",
        [schema.schema],
      );
      return Number(rows[0]!.scanned);
    };
    /** Reads and changes of jobs, one at a time and then together (one statement). */
    const readAndChange = async (repo: PgJobRepository, jobs: readonly Job[]): Promise<void> => {
      for (const job of jobs) {
        await repo.get(job.id);
        await repo.update(job.id, (j) => queueJob(j, T0));
      }
      await Promise.all(jobs.map((job) => repo.update(job.id, (j) => startProcessing(j, T0))));
      await Promise.all(jobs.map((job) => repo.get(job.id)));
    };
    const created = async (repo: PgJobRepository, count: number): Promise<Job[]> => {
      const jobs = Array.from({ length: count }, () => aJob());
      await Promise.all(jobs.map((job) => repo.create(job, anUpload(job))));
      return jobs;
    };

    it('are found by id, not by scanning: no plan made for the empty tables is kept', async () => {
      await schema.truncate();
      // One connection: the plans Postgres keeps are those of this session.
      const db = new Database({ url: url, schema: schema.schema, maxConnections: 1 });
      try {
        const repo = new PgJobRepository(db);
        // Every statement runs more than five times while the tables are nearly empty (Postgres settles on a plan after five).
        for (let i = 0; i < 8; i++) await readAndChange(repo, await created(repo, 8));
        for (let i = 0; i < 50; i++) await created(repo, 200);
        const before = await rowsScanned(db);
        await readAndChange(repo, await created(repo, 10));
        // One scan of the jobs alone would read more than 10,000 rows.
        expect((await rowsScanned(db)) - before).toBeLessThan(100);
      } finally {
        await db.close();
      }
    });
  });

  describe('a job changed by another instance meanwhile', () => {
    // Each instance remembers the version it saw last and first writes over it (one statement).
    const twoInstances = async () => [await fresh((db) => new PgJobRepository(db)), new PgJobRepository(schema.db)] as const;

    it('gets the change applied to its current state, not to the state remembered', async () => {
      const [a, b] = await twoInstances();
      const job = aJob();
      await a.create(job, anUpload(job));
      await a.get(job.id); // a remembers CREATED
      await b.update(job.id, (j) => queueJob(j, T0));
      const changed = await a.update(job.id, (j) => ({ ...j, errorMessage: `seen ${j.status}` }));
      expect(changed).toMatchObject({ status: 'QUEUED', errorMessage: 'seen QUEUED' });
      expect((await b.get(job.id))?.job).toEqual(changed);
    });

    it('succeeds when only the remembered state refused the change, and fails when the current one does', async () => {
      const [a, b] = await twoInstances();
      const job = aJob();
      await a.create(job, anUpload(job));
      await a.get(job.id); // a remembers CREATED, which cannot start processing
      await b.update(job.id, (j) => queueJob(j, T0));
      expect(await a.update(job.id, (j) => startProcessing(j, T0))).toMatchObject({ status: 'PROCESSING', attempt: 1 });
      await b.update(job.id, (j) => failJob(j, T0, 'gone'));
      const refused = await a.update(job.id, (j) => startProcessing(j, T0)).catch((e: unknown) => e);
      expect(isDomainError(refused, 'INVALID_JOB_STATE')).toBe(true);
      expect((await a.history(job.id)).map((c) => `${c.from}→${c.to}`)).toEqual(['null→CREATED', 'CREATED→QUEUED', 'QUEUED→PROCESSING', 'PROCESSING→FAILED']);
    });
  });

  describe('migrations', () => {
    it('apply once when several instances start at the same moment', async () => {
      const target = `${schema.schema}_race`;
      const runs = await Promise.all([1, 2, 3].map(() => migrate({ url: url, schema: target })));
      expect(runs.flat()).toEqual(readdirSync(MIGRATIONS_DIR).map((file) => file.replace(/\.sql$/, '')).sort());
      try {
        const rows = await adminQuery(url, 'SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [target]);
        expect(rows.map((r) => r.table_name).sort()).toEqual([...TABLES, 'pgmigrations'].sort());
      } finally {
        await adminQuery(url, `DROP SCHEMA "${target}" CASCADE`);
      }
    });

    it('make usernames unique ignoring case: of names taken twice, the oldest keeps its own, later ones are renamed', async () => {
      const target = `${schema.schema}_names`;
      const files = readdirSync(MIGRATIONS_DIR).sort();
      const before = files.findIndex((file) => file.endsWith('_username-ignoring-case.sql'));
      expect(before).toBeGreaterThan(0);
      await runner({ databaseUrl: url, dir: MIGRATIONS_DIR, direction: 'up', count: before, schema: target, createSchema: true, migrationsTable: 'pgmigrations', log: () => {} });
      const db = new Database({ url: url, schema: target, maxConnections: 2 });
      try {
        const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
        const [first, second, third, alone] = [aUser({ username: 'Admin', createdAt: at(1) }), aUser({ username: 'admin', createdAt: at(2) }), aUser({ username: 'ADMIN', createdAt: at(3) }), aUser({ username: 'bob' })];
        for (const user of [third, alone, second, first]) {
          await db.query(
            `INSERT INTO users (id, username, email, full_name, role, is_active, password_hash, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [user.id, user.username, user.email, user.fullName, user.role, user.isActive, user.passwordHash, user.createdAt, user.updatedAt],
          );
        }

        await migrate({ url: url, schema: target });
        const repo = new PgUserRepository(db);
        expect((await repo.findById(first.id))?.username).toBe('Admin');
        expect((await repo.findById(second.id))?.username).toBe(`admin-dup-${second.id}`);
        expect((await repo.findById(third.id))?.username).toBe(`ADMIN-dup-${third.id}`);
        expect(await repo.findById(alone.id)).toEqual(alone);
        expect((await repo.findByUsername('aDmIn'))?.id).toBe(first.id);
        expect((await repo.findByUsername(`admin-DUP-${second.id}`))?.passwordHash).toBe(second.passwordHash);
        await expect(repo.create(aUser({ username: 'BOB' }))).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
      } finally {
        await db.close();
        await adminQuery(url, `DROP SCHEMA "${target}" CASCADE`);
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
