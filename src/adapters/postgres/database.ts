import pg from 'pg';
import { DependencyUnavailableError } from '../../application/errors.ts';

export interface DatabaseOptions {
  readonly url: string;
  /** Schema holding the tables (search_path); `public` when absent. */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Longest a statement may run before Postgres cancels it. */
  readonly statementTimeoutMs?: number;
  /** Called when an idle pooled connection fails (e.g. the server restarted). */
  readonly onIdleError?: (error: Error) => void;
}

/** How a statement is sent. */
export interface QueryOptions {
  /**
   * Whether it is a prepared statement (the default), planned by Postgres's plan cache; when
   * false it is planned afresh on every run, for its values and the tables as they are.
   */
  readonly prepared?: boolean;
}

/** The statements of one transaction (see Database.transaction). */
export interface Transaction {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[], options?: QueryOptions): Promise<pg.QueryResult<R>>;
}

// SQLSTATE classes and codes worth another try: the next attempt may well succeed.
const TRANSIENT_CODES = new Set(['40001', '40P01', '57P01', '57P02', '57P03', '53300']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const RETRY_DELAYS_MS = [50, 150, 400];

/**
 * A pooled Postgres connection for the repositories: queries and transactions retried
 * with backoff on transient failures (lost connection, serialization failure, deadlock)
 * and reported as DependencyUnavailableError('database') when the server stays away.
 */
export class Database {
  readonly pool: pg.Pool;
  readonly #statements = new PreparedStatements();

  constructor(options: DatabaseOptions) {
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 3_000,
      // A statement may not outlive the request that issued it by much (REQUEST_TIMEOUT_SECONDS is 30 by default).
      options: [`-c statement_timeout=${options.statementTimeoutMs ?? 30_000}`, options.schema ? `-c search_path=${quoteIdentifier(options.schema)}` : '']
        .filter(Boolean)
        .join(' '),
    });
    // Without a listener, an idle connection dying with the server would crash the process.
    this.pool.on('error', (error) => options.onIdleError?.(error));
  }

  query<R extends pg.QueryResultRow>(text: string, values: unknown[] = [], options: QueryOptions = {}): Promise<pg.QueryResult<R>> {
    return this.#withRetry(() => this.pool.query<R>(this.#statements.statement(text, values, options)));
  }

  /** Runs `work` in one transaction; rolls back on any error and rethrows it. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.#withRetry(async () => {
      const client = await this.pool.connect();
      // A checked-out client has no listener of the pool's: a connection dying between two
      // statements (the server restarting) would crash the process. Such a client is then
      // destroyed on release, not handed out again.
      let broken: Error | undefined;
      const onError = (error: Error): void => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work({ query: (text, values = [], options = {}) => client.query(this.#statements.statement(text, values, options)) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  async #withRetry<T>(operation: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await operation();
      } catch (error) {
        if (!isTransient(error)) throw error;
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined) throw new DependencyUnavailableError('database', { cause: error });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/**
 * Statements with parameters go as named prepared statements: each connection parses one once,
 * then only binds and runs it. Unprepared, a statement is sent unnamed and planned for its values.
 */
class PreparedStatements {
  /** One name per SQL text, for the pool's life: the texts are the code's own, so few. */
  readonly #names = new Map<string, string>();

  statement(text: string, values: unknown[], { prepared = true }: QueryOptions): pg.QueryConfig {
    if (values.length === 0) return { text };
    if (!prepared) return { text, values };
    let name = this.#names.get(text);
    if (!name) {
      name = `ingest_${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return { name, text, values };
  }
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('08') || TRANSIENT_NODE_CODES.has(code))) {
    return true;
  }
  // pg reports a dropped or refused connection without a code.
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message);
}

export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The unique constraint a Postgres error names, when it is a unique violation. */
export const uniqueViolation = (error: unknown): string | null =>
  error instanceof Error && (error as { code?: string }).code === '23505' ? ((error as { constraint?: string }).constraint ?? '') : null;
