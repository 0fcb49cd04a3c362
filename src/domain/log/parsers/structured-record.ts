import type { LogLevel } from '../../job/job-result.ts';
import { FIELD_ROLES, NESTED_FIELDS, RoleChoice, type NestedField, type RoleReading } from '../field-roles.ts';
import { levelFromValue } from '../levels.ts';
import type { NormalizedEvent } from '../normalized-event.ts';
import { isoFromEpochMs, parseTimestampValue } from '../timestamps.ts';
import type { WallClockZone } from '../wall-clock-zone.ts';

/** A top-level member by name, or a member of a nested object. */
type Field = string | NestedField;

/** A record's fields read as JSON.parse or logfmt gave them. */
class RecordReading implements RoleReading<Field> {
  record: Record<string, unknown> = {};
  readonly #zone: WallClockZone;

  constructor(zone: WallClockZone) {
    this.#zone = zone;
  }

  time(field: Field): number | null {
    return parseTimestampValue(this.valueOf(field), this.#zone);
  }

  level(field: Field): LogLevel {
    return levelFromValue(this.valueOf(field));
  }

  isString(field: Field): boolean {
    return typeof this.valueOf(field) === 'string';
  }

  valueOf(field: Field): unknown {
    return typeof field === 'string' ? this.record[field] : (this.record[field.parent] as Record<string, unknown>)[field.child];
  }

  /** Leaves the field out of the record as JSON writes it (set to undefined, see StructuredRecords). */
  take(field: Field): void {
    if (typeof field === 'string') this.record[field] = undefined;
    else (this.record[field.parent] as Record<string, unknown>)[field.child] = undefined;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Key/value records (a JSON object, logfmt pairs) as events: the fields FIELD_ROLES and
 * NESTED_FIELDS name become ts, level and message (see RoleChoice); every other field is kept
 * in attrs, and a nested object keeps its other members. A time field that does not parse
 * stays in attrs. One per parser: it is reused record after record.
 */
export class StructuredRecords {
  readonly #reading: RecordReading;
  readonly #choice: RoleChoice<Field>;

  /** `zone` places times written without an offset. */
  constructor(zone: WallClockZone) {
    this.#reading = new RecordReading(zone);
    this.#choice = new RoleChoice<Field>(this.#reading);
  }

  /**
   * The record becomes the event's attrs: the fields taken are set to undefined, which JSON
   * omits, because V8 writes an object JSON.parse made faster than a copy of it.
   */
  eventOf(record: Record<string, unknown>, line: number): NormalizedEvent {
    const choice = this.#choice;
    const reading = this.#reading;
    reading.record = record;
    choice.reset();
    for (const field of Object.keys(record)) {
      const known = FIELD_ROLES.get(field);
      if (known) choice.offer(known, field);
      const nested = NESTED_FIELDS.get(field);
      if (nested && isPlainObject(record[field])) {
        for (const member of nested) if (Object.hasOwn(record[field], member.child)) choice.offer(member.known, member);
      }
    }
    const { timeField, levelField, messageField } = choice;
    const message = messageField === null ? '' : (reading.valueOf(messageField) as string);
    if (timeField !== null) reading.take(timeField);
    if (levelField !== null) reading.take(levelField);
    if (messageField !== null) reading.take(messageField);
    return { ts: timeField === null ? null : isoFromEpochMs(choice.epochMs), level: choice.level, message, attrs: record, line };
  }
}
