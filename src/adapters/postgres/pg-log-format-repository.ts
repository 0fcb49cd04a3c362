import type { LogFormatRepository } from '../../application/ports/log-format-repository.ts';
import type { UnmatchedLines } from '../../domain/log/custom/custom-format.ts';
import type { SavedLogFormat } from '../../domain/log/custom/saved-log-format.ts';
import type { Database } from './database.ts';

interface FormatRow {
  name: string;
  pattern: string;
  time_format: string | null;
  unmatched_lines: string;
  saved_at: Date;
  saved_by: string;
}

const COLUMNS = 'name, pattern, time_format, unmatched_lines, saved_at, saved_by';

const formatOf = (row: FormatRow): SavedLogFormat => ({
  name: row.name,
  pattern: row.pattern,
  timeFormat: row.time_format,
  unmatchedLines: row.unmatched_lines as UnmatchedLines,
  savedAt: row.saved_at,
  savedBy: row.saved_by,
});

const valuesOf = (f: SavedLogFormat): unknown[] => [f.name, f.pattern, f.timeFormat, f.unmatchedLines, f.savedAt, f.savedBy];

/** Saved formats in Postgres, one row each; the name is the key. */
export class PgLogFormatRepository implements LogFormatRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async add(format: SavedLogFormat): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `INSERT INTO log_formats (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING`,
      valuesOf(format),
    );
    return rowCount === 1;
  }

  async put(format: SavedLogFormat): Promise<'created' | 'replaced'> {
    // xmax is 0 for a row this statement inserted, set for one it updated.
    const { rows } = await this.#db.query<{ inserted: boolean }>(
      `INSERT INTO log_formats (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (name) DO UPDATE SET pattern = EXCLUDED.pattern, time_format = EXCLUDED.time_format,
         unmatched_lines = EXCLUDED.unmatched_lines, saved_at = EXCLUDED.saved_at, saved_by = EXCLUDED.saved_by
       RETURNING (xmax = 0) AS inserted`,
      valuesOf(format),
    );
    return rows[0]?.inserted ? 'created' : 'replaced';
  }

  async get(name: string): Promise<SavedLogFormat | null> {
    const { rows } = await this.#db.query<FormatRow>(`SELECT ${COLUMNS} FROM log_formats WHERE name = $1`, [name]);
    return rows[0] ? formatOf(rows[0]) : null;
  }

  async list(): Promise<SavedLogFormat[]> {
    const { rows } = await this.#db.query<FormatRow>(`SELECT ${COLUMNS} FROM log_formats ORDER BY name COLLATE "C"`);
    return rows.map(formatOf);
  }

  async remove(name: string): Promise<boolean> {
    const { rowCount } = await this.#db.query('DELETE FROM log_formats WHERE name = $1', [name]);
    return rowCount === 1;
  }
}
