import type { LogFormat, RequestedLogFormat } from '../upload/log-format.ts';
import { jsonParser } from './parsers/json-parser.ts';
import { logfmtParser } from './parsers/logfmt-parser.ts';
import { clfParser } from './parsers/clf-parser.ts';
import type { ParsingSpec } from './parsers/parser-for.ts';
import { syslogParser } from './parsers/syslog-parser.ts';
import type { LineParser, NormalizedEvent } from './normalized-event.ts';
import { learnDialect } from './dialect-learning.ts';
import { LocalTimes } from './local-times.ts';
import { UTC_WALL_CLOCK } from './wall-clock-zone.ts';
import type { TextDialect } from './text-dialect.ts';

/** How an upload asks for its lines to be read: a format, or `auto`. */
export type ParsingRequest = Omit<ParsingSpec, 'format' | 'dialect'> & { readonly format: RequestedLogFormat };

/** What a file was read as, decided once from its first lines. */
export interface FormatDetection {
  /** The format its lines were parsed as: the one requested, or the one `auto` picked. */
  readonly format: LogFormat;
  /** For text: how its events start (null when its first lines carry no time to tell). */
  readonly dialect: TextDialect | null;
  /** The format `auto` picks for it; null when its first lines are blank. */
  readonly readsAs: LogFormat | null;
}

/** A format is picked when this share of the first lines (that could start an event) parse as it. */
const MAJORITY = 0.6;

/** How a file is read, from what was asked and its first lines (whole lines, after gunzip). */
export function detectFormat(requested: RequestedLogFormat, head: readonly string[], referenceTime: Date): FormatDetection {
  const readsAs = formatOfLines(head, referenceTime);
  const format = requested === 'auto' ? (readsAs ?? 'text') : requested;
  return { format, dialect: format === 'text' ? learnDialect(head, referenceTime) : null, readsAs };
}

/**
 * The format that reads most of the lines, trying the most telling first: JSON objects;
 * logfmt (lines of several key=value pairs, not text that holds one); syslog; access logs;
 * else text, which reads anything.
 */
export function formatOfLines(lines: readonly string[], referenceTime: Date): LogFormat | null {
  const nonBlank = lines.filter((line) => line.trim() !== '');
  if (nonBlank.length === 0) return null;
  if (share(nonBlank, jsonParser()) >= MAJORITY) return 'json';
  if (share(nonBlank, logfmtParser(), isKeyValueRecord) >= MAJORITY) return 'logfmt';
  if (share(nonBlank, syslogParser(new LocalTimes(UTC_WALL_CLOCK, referenceTime, null))) >= MAJORITY) return 'syslog';
  if (share(nonBlank, clfParser) >= MAJORITY) return 'clf';
  return 'text';
}

/**
 * The share of the lines that start an event the parser accepts (and `accepts` too); lines it
 * reads as continuing the event before them count for neither side.
 */
function share(lines: readonly string[], parser: LineParser, accepts: (event: NormalizedEvent) => boolean = () => true): number {
  let events = 0;
  let starts = 0;
  lines.forEach((line, i) => {
    const outcome = parser.parse(line, i + 1);
    if (outcome.kind === 'continuation') return;
    starts += 1;
    if (outcome.kind === 'event' && accepts(outcome.event)) events += 1;
  });
  return starts === 0 ? 0 : events / starts;
}

/**
 * A logfmt line has several pairs and fewer bare words than pairs: text that mentions
 * `user=42` once is still text. Bare words are the attrs logfmt set to true; the fields taken
 * for ts, level and message were pairs.
 */
function isKeyValueRecord(event: NormalizedEvent): boolean {
  let bare = 0;
  let pairs = 0;
  for (const value of Object.values(event.attrs)) {
    if (value === true) bare += 1;
    else pairs += 1;
  }
  return pairs >= 2 && bare < pairs;
}
