import { LRUCache } from 'lru-cache';
import type {
  CreateOutcome,
  IdempotencyClaim,
  JobFilter,
  JobRecord,
  JobRepository,
  JobStatusChange,
} from '../../application/ports/job-repository.ts';
import type { JobStatus } from '../../domain/job/job-status.ts';
import { DependencyUnavailableError } from '../../application/errors.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Job } from '../../domain/job/job.ts';
import type { JobResult } from '../../domain/job/job-result.ts';
import type { FileUpload } from '../../domain/upload/file-upload.ts';
import type { Database, Transaction } from './database.ts';
import { JOB_SELECT, toJob, toRecord, type JobRow } from './job-rows.ts';
import { StatementBatcher } from './statement-batcher.ts';

/**
 * Jobs in Postgres. An update applies the domain's change and writes it back only where the
 * row still has the version it was computed from (see update), so a stale writer can never
 * overwrite a newer state.
 */
export class PgJobRepository implements JobRepository {
  readonly #db: Database;
  /** New jobs, written together when they arrive together (see StatementBatcher). */
  readonly #creates: StatementBatcher<NewJob, boolean>;
  /** Jobs read by id, together when the reads arrive together. */
  readonly #reads: StatementBatcher<string, JobRow | null>;
  /** Version-checked writes of jobs, together when they arrive together. */
  readonly #writes: StatementBatcher<JobWrite, boolean>;
  /** The last state and row version this instance saw of recent jobs; may be stale (see update). */
  readonly #versions = new LRUCache<string, KnownVersion>({ max: 10_000 });

  constructor(db: Database) {
    this.#db = db;
    // An item a statement refuses (a malformed id, a violated constraint) fails alone; an outage fails the batch.
    const batching = { maxBatch: 200, maxInFlight: 2, retryAlone: (error: unknown) => !(error instanceof DependencyUnavailableError) };
    this.#creates = new StatementBatcher((jobs) => this.#insert(jobs), batching);
    this.#reads = new StatementBatcher((ids) => readJobs(db, ids), batching);
    this.#writes = new StatementBatcher((writes) => writeJobs(db, writes), batching);
  }

  /** Stores the jobs in one statement (one round trip, one commit); whether each was created. */
  async #insert(jobs: readonly NewJob[]): Promise<boolean[]> {
    const { rows } = await this.#db.query<{ id: string }>(CREATE_JOBS, createColumns(jobs));
    const created = new Set(rows.map((row) => row.id));
    return jobs.map(({ job }) => created.has(job.id));
  }

  async create(job: Job, upload: FileUpload, idempotency?: IdempotencyClaim): Promise<CreateOutcome> {
    if (await this.#creates.add({ job, upload, idempotency })) return { created: true };
    // The (owner, key) is taken: report who holds it.
    const holder = await this.#db.query<{ id: string; idempotency_fingerprint: string }>(
      'SELECT id, idempotency_fingerprint FROM jobs WHERE owner_id = $1 AND idempotency_key = $2',
      [job.ownerId, idempotency?.key],
    );
    const row = holder.rows[0]!;
    return { created: false, existingJobId: row.id, fingerprint: row.idempotency_fingerprint };
  }

  async get(jobId: string): Promise<JobRecord | null> {
    const row = await this.#reads.add(jobId);
    if (!row) return null;
    const record = toRecord(row);
    this.#remember(record.job, row.version);
    return record;
  }

  /**
   * Optimistic first. When this instance read or wrote the job last, the change is applied
   * to that state and written over its version in one statement; otherwise (or when that
   * version is gone) the job is read, changed and written only over the version read, with
   * the history entry and the result in the same statement: two round trips, no transaction
   * held open; reads and writes of jobs changing at the same time share statements. After
   * repeated lost races (a job under heavy contention) the change runs in a transaction
   * holding the row lock instead. `change` may therefore run more than once; it
   * is a pure function of the job.
   */
  async update(jobId: string, change: (job: Job) => Job, result?: JobResult): Promise<Job> {
    const known = this.#versions.get(jobId);
    if (known) {
      const next = changedOrNull(known.job, change);
      if (next && (await this.#writes.add(jobWrite(known.job, next, known.version, result)))) return this.#remember(next, nextVersion(known.version));
      this.#versions.delete(jobId);
    }
    const batched: ReadAndWrite = { read: (id) => this.#reads.add(id), write: (write) => this.#writes.add(write) };
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      const written = await readChangeWrite(batched, jobId, change, result);
      if (written) return this.#remember(written.job, written.version);
    }
    const written = await this.#db.transaction(async (client) => {
      const locked: ReadAndWrite = {
        read: async (id) => (await client.query<JobRow>(`${JOB_SELECT} WHERE j.id = $1 FOR UPDATE OF j`, [id])).rows[0] ?? null,
        write: async (write) => (await writeJobs(client, [write]))[0]!,
      };
      const next = await readChangeWrite(locked, jobId, change, result);
      if (!next) throw new Error(`Job ${jobId} changed under its row lock`);
      return next;
    });
    return this.#remember(written.job, written.version);
  }

  #remember(job: Job, version: string): Job {
    this.#versions.set(job.id, { job, version });
    return job;
  }

  async history(jobId: string): Promise<JobStatusChange[]> {
    const { rows } = await this.#db.query<{ from_status: JobStatus | null; to_status: JobStatus; attempt: number; at: Date }>(
      'SELECT from_status, to_status, attempt, at FROM job_status_changes WHERE job_id = $1 ORDER BY id',
      [jobId],
    );
    return rows.map((row) => ({ from: row.from_status, to: row.to_status, attempt: row.attempt, at: row.at }));
  }

  async list(filter: JobFilter): Promise<{ records: JobRecord[]; total: number }> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const where = (column: string, value: unknown, operator = '='): void => {
      values.push(value);
      conditions.push(`j.${column} ${operator} $${values.length}`);
    };
    if (filter.ownerId !== undefined) where('owner_id', filter.ownerId);
    if (filter.status !== undefined) where('status', filter.status);
    if (filter.jobType !== undefined) where('job_type', filter.jobType);
    if (filter.createdBefore !== undefined) where('created_at', filter.createdBefore, '<');
    if (filter.updatedBefore !== undefined) where('updated_at', filter.updatedBefore, '<');
    if (filter.finishedBefore !== undefined) where('finished_at', filter.finishedBefore, '<');
    if (filter.uploadKept) conditions.push('j.upload_deleted_at IS NULL');
    const clause = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const [page, count] = await Promise.all([
      this.#db.query<JobRow>(
        `${JOB_SELECT} ${clause} ORDER BY j.created_at DESC, j.id DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, filter.limit, filter.offset],
      ),
      this.#db.query<{ total: string }>(`SELECT count(*) AS total FROM jobs j ${clause}`, values),
    ]);
    return { records: page.rows.map(toRecord), total: Number(count.rows[0]?.total ?? 0) };
  }

  async ping(): Promise<void> {
    await this.#db.query('SELECT 1');
  }
}

interface KnownVersion {
  readonly job: Job;
  readonly version: string;
}

interface NewJob {
  readonly job: Job;
  readonly upload: FileUpload;
  readonly idempotency: IdempotencyClaim | undefined;
}

/**
 * Jobs, their uploads and the first entries of their histories, from one array per column
 * ($1–$14 the job, $15–$16 the idempotency claim, $17–$28 the upload). A job whose
 * idempotency key is taken is not inserted (ON CONFLICT leaves it out of `job`, and the
 * other inserts select from `job`); the ids inserted are returned.
 */
const CREATE_JOBS = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::smallint[], $7::integer[],
                       $8::integer[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[],
                       $13::timestamptz[], $14::timestamptz[], $15::text[], $16::text[], $17::text[], $18::text[],
                       $19::text[], $20::text[], $21::bigint[], $22::text[], $23::text[], $24::text[], $25::timestamptz[],
                       $26::text[], $27::integer[], $28::jsonb[])
    AS t(id, job_type, source, owner_id, status, progress, retry_count, attempt, error_message, created_at, queued_at,
         started_at, finished_at, updated_at, idempotency_key, idempotency_fingerprint, storage_type, bucket, object_key,
         local_path, file_size, log_format, filename, checksum_sha256, upload_created_at, time_zone, year, custom_format)
), job AS (
  INSERT INTO jobs (id, job_type, source, owner_id, status, progress, retry_count, attempt, error_message,
                    created_at, queued_at, started_at, finished_at, updated_at, idempotency_key, idempotency_fingerprint)
  SELECT id, job_type, source, owner_id, status, progress, retry_count, attempt, error_message,
         created_at, queued_at, started_at, finished_at, updated_at, idempotency_key, idempotency_fingerprint FROM input
  ON CONFLICT (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id, status, attempt, updated_at
), upload AS (
  INSERT INTO file_uploads (job_id, storage_type, bucket, object_key, local_path, file_size, log_format,
                            filename, checksum_sha256, created_at, time_zone, year, custom_format)
  SELECT id, storage_type, bucket, object_key, local_path, file_size, log_format, filename, checksum_sha256,
         upload_created_at, time_zone, year, custom_format FROM input JOIN job USING (id)
), history AS (
  INSERT INTO job_status_changes (job_id, from_status, to_status, attempt, at)
  SELECT id, NULL, status, attempt, updated_at FROM job
)
SELECT id FROM job`;

/** The columns of CREATE_JOBS, one array each. */
function createColumns(jobs: readonly NewJob[]): unknown[][] {
  return transposed(
    jobs.map(({ job, upload, idempotency }) => [
      ...jobColumns(job),
      idempotency?.key ?? null, idempotency?.fingerprint ?? null,
      upload.storageType, upload.bucket, upload.objectKey, upload.localPath, upload.fileSize, upload.logFormat,
      upload.filename, upload.checksumSha256, upload.createdAt, upload.timeZone, upload.year,
      upload.customFormat ? JSON.stringify(upload.customFormat) : null,
    ]),
  );
}

function jobColumns(job: Job): unknown[] {
  return [job.id, job.jobType, job.source, job.ownerId, job.status, job.progress, job.retryCount, job.attempt,
    job.errorMessage, job.createdAt, job.queuedAt, job.startedAt, job.finishedAt, job.updatedAt];
}

const OPTIMISTIC_ATTEMPTS = 2;

/** How an update reads a job and writes it over a version: batched, or in a transaction. */
interface ReadAndWrite {
  read(jobId: string): Promise<JobRow | null>;
  write(write: JobWrite): Promise<boolean>;
}

/**
 * Reads the job, applies `change` and writes the result over the version read: the new job
 * and its version, or null when another write got there first.
 */
async function readChangeWrite(
  db: ReadAndWrite,
  jobId: string,
  change: (job: Job) => Job,
  result: JobResult | undefined,
): Promise<KnownVersion | null> {
  const row = await db.read(jobId);
  if (!row) throw new DomainError('JOB_NOT_FOUND', `Job ${jobId} not found`);
  const current = toJob(row);
  const next = change(current);
  return (await db.write(jobWrite(current, next, row.version, result))) ? { job: next, version: nextVersion(row.version) } : null;
}

/** The rows of the jobs, in the order of `ids` (null for an unknown one), in one statement. */
async function readJobs(db: Transaction, ids: readonly string[]): Promise<(JobRow | null)[]> {
  const { rows } = ids.length === 1 ? await db.query<JobRow>(READ_JOB, [ids[0]]) : await db.query<JobRow>(READ_JOBS, [ids], PLANNED_EACH_TIME);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * A batch is planned on every run: a plan kept from when the tables were nearly empty scans
 * them whole once they grow. One job's statements stay prepared: a primary-key lookup at any size.
 */
const READ_JOB = `${JOB_SELECT} WHERE j.id = $1`;
const READ_JOBS = `${JOB_SELECT} WHERE j.id = ANY($1::uuid[])`;
const PLANNED_EACH_TIME = { prepared: false } as const;

/** A job's new state, to be written only over the row version it was computed from. */
interface JobWrite {
  readonly next: Job;
  readonly version: string;
  /** The status it was computed from when it changes (a history entry), else null. */
  readonly fromStatus: JobStatus | null;
  /** Replaces the job's result in the same statement. */
  readonly result: JobResult | undefined;
}

function jobWrite(current: Job, next: Job, version: string, result: JobResult | undefined): JobWrite {
  if (next.id !== current.id) throw new Error('A change may not give a job another id');
  return { next, version, fromStatus: next.status === current.status ? null : current.status, result };
}

/** Writes the jobs in one statement; whether each row was still at its version. */
async function writeJobs(db: Transaction, writes: readonly JobWrite[]): Promise<boolean[]> {
  const { rows } =
    writes.length === 1
      ? await db.query<{ n: string }>(WRITE_JOB, writeRow(writes[0]!))
      : await db.query<{ n: string }>(WRITE_JOBS, transposed(writes.map(writeRow)), PLANNED_EACH_TIME);
  const written = new Set(rows.map((row) => Number(row.n)));
  return writes.map((_, i) => written.has(i + 1));
}

/** The version an update gives a row at `version` (the UPDATE adds one). */
const nextVersion = (version: string): string => String(BigInt(version) + 1n);

/**
 * `change` applied to a remembered state, or null when it refuses that state: the state may
 * be stale, so only a refusal of the current one (read afresh) reaches the caller.
 */
function changedOrNull(job: Job, change: (job: Job) => Job): Job | null {
  try {
    return change(job);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/** The columns of a job's write, in the order of writeRow, with their types. */
const WRITE_COLUMNS = [
  ['id', 'uuid'], ['status', 'text'], ['progress', 'smallint'], ['retry_count', 'integer'], ['attempt', 'integer'],
  ['error_message', 'text'], ['queued_at', 'timestamptz'], ['started_at', 'timestamptz'], ['finished_at', 'timestamptz'],
  ['updated_at', 'timestamptz'], ['upload_deleted_at', 'timestamptz'], ['version', 'bigint'], ['from_status', 'text'], ['has_result', 'boolean'],
  ['lines_total', 'bigint'], ['events_parsed', 'bigint'], ['lines_rejected', 'bigint'], ['bytes_processed', 'bigint'],
  ['level_counts', 'text'], ['first_event_at', 'timestamptz'], ['last_event_at', 'timestamptz'], ['output_key', 'text'],
  ['sample_errors', 'text'], ['detected_format', 'text'], ['dialect', 'text'],
] as const;

/**
 * Jobs' new states (`input`: the columns of WRITE_COLUMNS and the write's ordinal n, from 1),
 * each written only where its row is still at the version it was computed from, with a
 * history entry where the status changes (from_status not NULL) and the result where one is
 * given (has_result); the ordinals of the writes that were. Two writes of one job in a
 * batch: UPDATE … FROM applies one (either), the other is reported lost and its caller
 * reads the job again.
 */
const writeJobsStatement = (input: string): string => `
WITH input AS ${input}, updated AS (
  UPDATE jobs j SET status = i.status, progress = i.progress, retry_count = i.retry_count, attempt = i.attempt,
                    error_message = i.error_message, queued_at = i.queued_at, started_at = i.started_at,
                    finished_at = i.finished_at, updated_at = i.updated_at, upload_deleted_at = i.upload_deleted_at,
                    version = j.version + 1
    FROM input i
   WHERE j.id = i.id AND j.version = i.version
  RETURNING i.n, j.id, j.status, j.attempt, j.updated_at, i.from_status
), history AS (
  INSERT INTO job_status_changes (job_id, from_status, to_status, attempt, at)
  SELECT id, from_status, status, attempt, updated_at FROM updated WHERE from_status IS NOT NULL ORDER BY n
), result AS (
  INSERT INTO job_results (job_id, lines_total, events_parsed, lines_rejected, bytes_processed, level_counts,
                           first_event_at, last_event_at, output_key, sample_errors, detected_format, dialect)
  SELECT i.id, i.lines_total, i.events_parsed, i.lines_rejected, i.bytes_processed, i.level_counts::jsonb,
         i.first_event_at, i.last_event_at, i.output_key, i.sample_errors::jsonb, i.detected_format, i.dialect::jsonb
    FROM updated JOIN input i USING (n) WHERE i.has_result
  ON CONFLICT (job_id) DO UPDATE SET
    lines_total = EXCLUDED.lines_total, events_parsed = EXCLUDED.events_parsed,
    lines_rejected = EXCLUDED.lines_rejected, bytes_processed = EXCLUDED.bytes_processed,
    level_counts = EXCLUDED.level_counts, first_event_at = EXCLUDED.first_event_at,
    last_event_at = EXCLUDED.last_event_at, output_key = EXCLUDED.output_key, sample_errors = EXCLUDED.sample_errors,
    detected_format = EXCLUDED.detected_format, dialect = EXCLUDED.dialect
)
SELECT n FROM updated`;

/** One job's write from its parameters, inlined (NOT MATERIALIZED) so that the UPDATE looks the row up by id. */
const WRITE_JOB = writeJobsStatement(
  `NOT MATERIALIZED (SELECT ${WRITE_COLUMNS.map(([name, type], i) => `$${i + 1}::${type} AS ${name}`).join(', ')}, 1::bigint AS n)`,
);

/** Several jobs' writes from one array per column. */
const WRITE_JOBS = writeJobsStatement(
  `(SELECT * FROM unnest(${WRITE_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
    WITH ORDINALITY AS t(${WRITE_COLUMNS.map(([name]) => name).join(', ')}, n))`,
);

/** A write's values, in the order of WRITE_COLUMNS. */
function writeRow({ next, version, fromStatus, result }: JobWrite): unknown[] {
  return [
    next.id, next.status, next.progress, next.retryCount, next.attempt, next.errorMessage, next.queuedAt,
    next.startedAt, next.finishedAt, next.updatedAt, next.uploadDeletedAt, version, fromStatus, result !== undefined,
    ...(result ? resultColumns(result) : RESULT_ABSENT),
  ];
}

/** Rows as one array per column. */
function transposed(rows: readonly unknown[][]): unknown[][] {
  return rows[0]!.map((_, column) => rows.map((row) => row[column]));
}

const RESULT_ABSENT: readonly null[] = Array.from({ length: 11 }, () => null);

function resultColumns(result: JobResult): unknown[] {
  return [result.linesTotal, result.eventsParsed, result.linesRejected, result.bytesProcessed,
    JSON.stringify(result.levelCounts), result.firstEventAt, result.lastEventAt, result.outputKey,
    JSON.stringify(result.sampleErrors), result.detectedFormat, result.dialect === null ? null : JSON.stringify(result.dialect)];
}
