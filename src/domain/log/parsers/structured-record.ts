import type { LogLevel } from '../../job/job-result.ts';
import { levelFromValue } from '../levels.ts';
import type { NormalizedEvent } from '../normalized-event.ts';
import { parseTimestampValue } from '../timestamps.ts';

// Field names loggers commonly use, most specific first.
const TIME_FIELDS = ['@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', 't'];
const LEVEL_FIELDS = ['level', 'lvl', 'severity', 'loglevel', 'log.level', 'levelname', 'priority'];
const MESSAGE_FIELDS = ['msg', 'message', 'text', 'log', 'event', 'body'];

/**
 * A key/value record (a JSON object, logfmt pairs) as an event: well-known fields become
 * ts, level and message; every other field is kept in attrs. A time field that does not
 * parse stays in attrs rather than failing the line.
 */
export function eventFromRecord(record: Readonly<Record<string, unknown>>, line: number): NormalizedEvent {
  const attrs: Record<string, unknown> = { ...record };
  const time = take(attrs, TIME_FIELDS, (v) => parseTimestampValue(v));
  const level = take<LogLevel>(attrs, LEVEL_FIELDS, (v) => {
    const mapped = levelFromValue(v);
    return mapped === 'unknown' ? null : mapped;
  });
  const message = take(attrs, MESSAGE_FIELDS, (v) => (typeof v === 'string' ? v : null));
  return { ts: time?.toISOString() ?? null, level: level ?? 'unknown', message: message ?? '', attrs, line };
}

/** Removes and returns the first field whose value `read` accepts. */
function take<T>(attrs: Record<string, unknown>, names: readonly string[], read: (value: unknown) => T | null): T | null {
  for (const name of names) {
    if (!(name in attrs)) continue;
    const value = read(attrs[name]);
    if (value !== null) {
      delete attrs[name];
      return value;
    }
  }
  return null;
}
