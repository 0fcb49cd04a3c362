import type { LogLevel } from '../../job/job-result.ts';
import { FIELD_ROLES, RoleChoice, type RoleReading } from '../field-roles.ts';
import { levelFromValue } from '../levels.ts';
import type { NormalizedEvent } from '../normalized-event.ts';
import { isoFromEpochMs, parseTimestampValue } from '../timestamps.ts';

/** A record's fields read as JSON.parse or logfmt gave them. */
class RecordReading implements RoleReading<string> {
  record: Record<string, unknown> = {};

  time(field: string): number | null {
    return parseTimestampValue(this.record[field]);
  }

  level(field: string): LogLevel {
    return levelFromValue(this.record[field]);
  }

  isString(field: string): boolean {
    return typeof this.record[field] === 'string';
  }
}

/**
 * Key/value records (a JSON object, logfmt pairs) as events: the fields FIELD_ROLES names
 * become ts, level and message (see RoleChoice); every other field is kept in attrs. A time
 * field that does not parse stays in attrs. One per parser: it is reused record after record.
 */
export class StructuredRecords {
  readonly #reading = new RecordReading();
  readonly #choice = new RoleChoice(this.#reading);

  /**
   * The record becomes the event's attrs: the fields taken are set to undefined, which JSON
   * omits, because V8 writes an object JSON.parse made faster than a copy of it.
   */
  eventOf(record: Record<string, unknown>, line: number): NormalizedEvent {
    const choice = this.#choice;
    this.#reading.record = record;
    choice.reset();
    for (const field of Object.keys(record)) {
      const known = FIELD_ROLES.get(field);
      if (known) choice.offer(known, field);
    }
    const { timeField, levelField, messageField } = choice;
    const message = messageField === null ? '' : (record[messageField] as string);
    if (timeField !== null) record[timeField] = undefined;
    if (levelField !== null) record[levelField] = undefined;
    if (messageField !== null) record[messageField] = undefined;
    return { ts: timeField === null ? null : isoFromEpochMs(choice.epochMs), level: choice.level, message, attrs: record, line };
  }
}
