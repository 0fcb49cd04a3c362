import type { LogLevel } from '../job/job-result.ts';

/** What a field of a structured record (JSON, logfmt) can become in an event. */
export type FieldRole = 'time' | 'level' | 'message';

export interface RoleOfField {
  readonly role: FieldRole;
  /** Among fields of one role, the lowest rank wins. */
  readonly rank: number;
  /** The level of a record that has this field and no level field that reads. */
  readonly impliedLevel?: LogLevel;
}

// Field names loggers commonly use, most specific first: Serilog's compact `@…` (CLEF), then the
// usual names, then journald's export (upper case, µs times) and GELF's.
const TIME_FIELDS = ['@t', '@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', 't', '_SOURCE_REALTIME_TIMESTAMP', '__REALTIME_TIMESTAMP'];
// Numeric levels: 0–7 are syslog severities (PRIORITY, GELF's level), 10–60 pino/bunyan's (levelFromNumber).
const LEVEL_FIELDS = ['@l', 'level', 'lvl', 'severity', 'loglevel', 'log.level', 'levelname', 'priority', 'PRIORITY'];
const MESSAGE_FIELDS = ['@m', '@mt', 'msg', 'message', 'fields.message', 'text', 'log', 'event', 'body', 'MESSAGE', 'short_message', 'full_message'];

// CLEF leaves `@l` out at Information.
const IMPLIED_LEVELS: ReadonlyMap<string, LogLevel> = new Map([['@t', 'info']]);

const roleOf = (role: FieldRole) => (field: string, rank: number) => {
  const impliedLevel = IMPLIED_LEVELS.get(field);
  return [field, impliedLevel === undefined ? { role, rank } : { role, rank, impliedLevel }] as const;
};

/**
 * The field names an event's ts, level and message are taken from, with their rank. A name
 * with a dot may also be a path into a nested object (see NESTED_FIELDS).
 */
export const FIELD_ROLES: ReadonlyMap<string, RoleOfField> = new Map<string, RoleOfField>([
  ...TIME_FIELDS.map(roleOf('time')),
  ...LEVEL_FIELDS.map(roleOf('level')),
  ...MESSAGE_FIELDS.map(roleOf('message')),
]);

/** A member of a nested object that can take a role: `fields.message` is `{"fields":{"message":…}}`. */
export interface NestedField {
  readonly parent: string;
  readonly child: string;
  readonly known: RoleOfField;
}

// Rust tracing's `fields.message`; ECS's `log.level` when written nested rather than dotted.
const NESTED_PATHS = ['fields.message', 'log.level'];

/** The nested members that take a role, by the name of the object holding them. */
export const NESTED_FIELDS: ReadonlyMap<string, readonly NestedField[]> = Map.groupBy(
  NESTED_PATHS.map((path): NestedField => {
    const [parent, child] = path.split('.') as [string, string];
    return { parent, child, known: FIELD_ROLES.get(path)! };
  }),
  (nested) => nested.parent,
);

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
  #impliedLevel: LogLevel = 'unknown';

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
    this.#impliedLevel = 'unknown';
  }

  offer(known: RoleOfField, field: Field): void {
    const { role, rank } = known;
    if (known.impliedLevel !== undefined) this.#impliedLevel = known.impliedLevel;
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

  /** The chosen level; without a level field, the one a field offered implies, else 'unknown'. */
  get level(): LogLevel {
    return this.#levelField === null ? this.#impliedLevel : this.#level;
  }

  get messageField(): Field | null {
    return this.#messageField;
  }
}
