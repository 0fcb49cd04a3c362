import type { LogLevel } from '../job/job-result.ts';

/** What a field of a structured record (JSON, logfmt) can become in an event. */
export type FieldRole = 'time' | 'level' | 'message';

export interface RoleOfField {
  readonly role: FieldRole;
  /** Among fields of one role, the lowest rank wins. */
  readonly rank: number;
}

// Field names loggers commonly use, most specific first.
const TIME_FIELDS = ['@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', 't'];
const LEVEL_FIELDS = ['level', 'lvl', 'severity', 'loglevel', 'log.level', 'levelname', 'priority'];
const MESSAGE_FIELDS = ['msg', 'message', 'text', 'log', 'event', 'body'];

/** The field names an event's ts, level and message are taken from, with their rank. */
export const FIELD_ROLES: ReadonlyMap<string, RoleOfField> = new Map<string, RoleOfField>([
  ...TIME_FIELDS.map((field, rank) => [field, { role: 'time', rank }] as const),
  ...LEVEL_FIELDS.map((field, rank) => [field, { role: 'level', rank }] as const),
  ...MESSAGE_FIELDS.map((field, rank) => [field, { role: 'message', rank }] as const),
]);

/**
 * How one representation of a record (objects, or a line's bytes) reads a field's value in
 * each role. Every reading must agree with `parseTimestampValue` and `levelFromValue` on the
 * value JSON.parse gives.
 */
export interface RoleReading<Field> {
  /** Epoch milliseconds, or null when the value is not a time. */
  time(field: Field): number | null;
  /** 'unknown' when the value is not a level. */
  level(field: Field): LogLevel;
  /** Only a string can be a message. */
  isString(field: Field): boolean;
}

/**
 * Picks the fields of one record that become its event's ts, level and message: per role,
 * the lowest-ranked field whose value reads as that role. Offer each field with a role once,
 * in any order; `reset` before the next record.
 */
export class RoleChoice<Field> {
  readonly #reading: RoleReading<Field>;
  #timeField: Field | null = null;
  #timeRank = Infinity;
  #epochMs = 0;
  #levelField: Field | null = null;
  #levelRank = Infinity;
  #level: LogLevel = 'unknown';
  #messageField: Field | null = null;
  #messageRank = Infinity;

  constructor(reading: RoleReading<Field>) {
    this.#reading = reading;
  }

  reset(): void {
    this.#timeField = null;
    this.#timeRank = Infinity;
    this.#levelField = null;
    this.#levelRank = Infinity;
    this.#level = 'unknown';
    this.#messageField = null;
    this.#messageRank = Infinity;
  }

  offer(known: RoleOfField, field: Field): void {
    const { role, rank } = known;
    if (role === 'time') {
      if (rank >= this.#timeRank) return;
      const epochMs = this.#reading.time(field);
      if (epochMs === null) return;
      this.#timeField = field;
      this.#timeRank = rank;
      this.#epochMs = epochMs;
    } else if (role === 'level') {
      if (rank >= this.#levelRank) return;
      const level = this.#reading.level(field);
      if (level === 'unknown') return;
      this.#levelField = field;
      this.#levelRank = rank;
      this.#level = level;
    } else if (rank < this.#messageRank && this.#reading.isString(field)) {
      this.#messageField = field;
      this.#messageRank = rank;
    }
  }

  /** The field chosen as the time, or null. */
  get timeField(): Field | null {
    return this.#timeField;
  }

  /** The chosen time, in epoch milliseconds (meaningless without a time field). */
  get epochMs(): number {
    return this.#epochMs;
  }

  get levelField(): Field | null {
    return this.#levelField;
  }

  /** The chosen level; 'unknown' without a level field. */
  get level(): LogLevel {
    return this.#level;
  }

  get messageField(): Field | null {
    return this.#messageField;
  }
}
