import type { LogLevel } from '../job/job-result.ts';
import { inYear, type LocalTimes } from './local-times.ts';
import { millisOf, MONTHS, parseIsoLike } from './timestamps.ts';
import type { TimeLayoutName, TimePlace } from './text-dialect.ts';
import { offsetOfZoneName, ZONE_NAMES } from './time-zones.ts';

/** A time found near the start of a plain-text line. */
export interface TextTime {
  /** Epoch milliseconds; null when the time names a zone nobody can resolve (`IST`, `CST`). */
  readonly epochMs: number | null;
  /** The time as written. */
  readonly text: string;
  /** Where the line goes on after it. */
  readonly end: number;
  /** A level written into the time itself (glog's `E0517 …`). */
  readonly level?: LogLevel;
  /** The spelling it is written in (a TIME_LAYOUTS name). */
  readonly layout: TimeLayoutName;
  /** How many columns stand before it on the line. */
  readonly column: number;
}

interface Layout {
  readonly name: TimeLayoutName;
  /** Sticky: matched where a column starts. Its groups are read by `read`. */
  readonly pattern: RegExp;
  /** `times` places what the spelling leaves out: the zone, the year. */
  read(m: RegExpExecArray, times: LocalTimes): { epochMs: number | null; level?: LogLevel } | null;
}

const some = (epochMs: number | null): { epochMs: number } | null => (epochMs === null ? null : { epochMs });
const n = (text: string | undefined): number => (text === undefined ? 0 : Number(text));
/** A wall time (`mo` from 1), or null when no such day or time exists. */
const wall = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null => inYear(y, mo - 1, d, h, mi, s, ms);
const GLOG_LEVELS: Readonly<Record<string, LogLevel>> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };
// A time ends where a column does.
const END = String.raw`(?=$|[\s\]:,|])`;

/** The time spellings loggers write, each read as its authors meant it. */
const LAYOUTS: readonly Layout[] = [
  {
    name: 'iso8601',
    // ISO 8601 and its log variants (`2026-01-05 12:00:00,123`), with an offset or a zone name.
    pattern: new RegExp(String.raw`\[?(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)(?:\s?([Zz]|[+-]\d{2}:?\d{2})|\s(${ZONE_NAMES.join('|')}))?\]?${END}`, 'y'),
    read(m, times) {
      if (m[3] === undefined) return some(parseIsoLike(m[2] ? `${m[1]}${m[2]}` : m[1]!, times.zone));
      const local = parseIsoLike(m[1]!);
      if (local === null) return null;
      const offset = offsetOfZoneName(m[3]);
      // A zone nobody can resolve: the time is there, but unread rather than read wrong.
      return { epochMs: offset === undefined ? null : local - offset };
    },
  },
  {
    name: 'rfc3164',
    // RFC 3164 (`Jan  5 11:00:00`): no year.
    pattern: new RegExp(String.raw`([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})${END}`, 'y'),
    read: (m, times) => monthNamed(m[1]!, (month) => times.yearless(month, n(m[2]), n(m[3]), n(m[4]), n(m[5]), 0)),
  },
  {
    name: 'ctime',
    // ctime, as Apache's error log writes it: `[Sun Dec 04 04:47:44 2005]`, `[Sun Dec 04 04:47:44.123456 2005]`.
    pattern: new RegExp(String.raw`\[?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? (\d{4})\]?${END}`, 'y'),
    read: (m, times) => monthNamed(m[1]!, (month) => times.at(wall(n(m[7]), month + 1, n(m[2]), n(m[3]), n(m[4]), n(m[5]), millisOf(m[6])))),
  },
  {
    name: 'ymd-slashed',
    // Go's log package and nginx's error log: `2019/01/22 03:56:14`, `2019/01/22 03:56:14.123456`.
    pattern: new RegExp(String.raw`(\d{4})/(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?${END}`, 'y'),
    read: (m, times) => some(times.at(wall(n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6]), millisOf(m[7])))),
  },
  {
    name: 'yymmdd-slashed',
    // log4j's `yy/MM/dd HH:mm:ss` (Spark, Hadoop tools).
    pattern: new RegExp(String.raw`(\d{2})/(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})${END}`, 'y'),
    read: (m, times) => some(times.at(wall(2000 + n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6]), 0))),
  },
  {
    name: 'yymmdd-compact',
    // Hadoop HDFS: `081109 203615` (yyMMdd HHmmss).
    pattern: new RegExp(String.raw`(\d{2})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})${END}`, 'y'),
    read: (m, times) => some(times.at(wall(2000 + n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6]), 0))),
  },
  {
    name: 'yyyymmdd-dashed',
    // `20171223-22:15:29:606` (yyyyMMdd-HH:mm:ss:SSS).
    pattern: new RegExp(String.raw`(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})[:.](\d{3})${END}`, 'y'),
    read: (m, times) => some(times.at(wall(n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6]), n(m[7])))),
  },
  {
    name: 'logcat',
    // Android logcat: `03-17 16:13:38.811` (no year).
    pattern: new RegExp(String.raw`(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})${END}`, 'y'),
    read: (m, times) => some(times.yearless(n(m[1]) - 1, n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6]))),
  },
  {
    name: 'glog',
    // glog/klog: `E0517 15:04:22.614123` (level letter, MMdd, no year).
    pattern: new RegExp(String.raw`([IWEF])(\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{1,9})${END}`, 'y'),
    read(m, times) {
      const epochMs = times.yearless(n(m[2]) - 1, n(m[3]), n(m[4]), n(m[5]), n(m[6]), millisOf(m[7]));
      return epochMs === null ? null : { epochMs, level: GLOG_LEVELS[m[1]!] };
    },
  },
  {
    name: 'mmdd-dotted',
    // `[10.30 16:49:06]` (MM.dd, no year; Proxifier).
    pattern: new RegExp(String.raw`\[(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2})\]${END}`, 'y'),
    read: (m, times) => some(times.yearless(n(m[1]) - 1, n(m[2]), n(m[3]), n(m[4]), n(m[5]), 0)),
  },
];

function monthNamed(name: string, read: (month: number) => number | null): { epochMs: number | null } | null {
  const month = MONTHS[name.toLowerCase()];
  if (month === undefined) return null;
  const epochMs = read(month);
  return epochMs === null ? null : { epochMs };
}

/** How far into a line a time may sit: after a leading column or two (a host, a pid, a level). */
const MAX_COLUMNS_BEFORE = 2;
const MAX_COLUMN_LENGTH = 40;
const SPACES = /\s+/y;
const COLUMN = /\S+/y;

/**
 * Reads the time of a plain-text line, at its start or behind one or two leading columns;
 * given a file's `TimePlace`, only there and in that spelling (one sticky match per line).
 * Each parser makes its own: the layouts' sticky patterns keep their position between calls.
 */
export class TextTimeReader {
  readonly #times: LocalTimes;
  readonly #layouts: Layout[];
  readonly #firstColumn: number;
  readonly #lastColumn: number;
  readonly #spaces = new RegExp(SPACES);
  readonly #column = new RegExp(COLUMN);

  /**
   * `times` places times written without a zone or a year. Without a `place`, a time is looked
   * for in every spelling behind up to `columnsBefore` leading columns.
   */
  constructor(times: LocalTimes, place: TimePlace | null = null, columnsBefore = MAX_COLUMNS_BEFORE) {
    this.#times = times;
    const layouts = place === null ? LAYOUTS : LAYOUTS.filter((layout) => layout.name === place.layout);
    this.#layouts = layouts.map((layout) => ({ ...layout, pattern: new RegExp(layout.pattern) }));
    this.#firstColumn = place?.column ?? 0;
    this.#lastColumn = place?.column ?? columnsBefore;
  }

  read(line: string): TextTime | null {
    let at = 0;
    for (let columns = 0; columns <= this.#lastColumn && at < line.length; columns++) {
      const found = columns >= this.#firstColumn ? this.#readAt(line, at, columns) : null;
      if (found) return found;
      this.#column.lastIndex = at;
      if (!this.#column.test(line) || this.#column.lastIndex - at > MAX_COLUMN_LENGTH) return null;
      this.#spaces.lastIndex = this.#column.lastIndex;
      if (!this.#spaces.test(line)) return null;
      at = this.#spaces.lastIndex;
    }
    return null;
  }

  #readAt(line: string, at: number, column: number): TextTime | null {
    for (const layout of this.#layouts) {
      layout.pattern.lastIndex = at;
      const m = layout.pattern.exec(line);
      if (!m) continue;
      const read = layout.read(m, this.#times);
      if (!read) continue;
      return { ...read, text: m[0], end: at + m[0].length, layout: layout.name, column };
    }
    return null;
  }
}
