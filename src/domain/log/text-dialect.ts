/** The time spellings text-times.ts reads, by name (a dialect records one; job results store it). */
export const TIME_LAYOUTS = [
  'iso8601',
  'rfc3164',
  'ctime',
  'ymd-slashed',
  'yymmdd-slashed',
  'yymmdd-compact',
  'yyyymmdd-dashed',
  'logcat',
  'glog',
  'mmdd-dotted',
] as const;
export type TimeLayoutName = (typeof TIME_LAYOUTS)[number];

/** Where a file's lines carry their time: in which spelling, behind how many leading columns. */
export interface TimePlace {
  readonly layout: TimeLayoutName;
  readonly column: number;
}

/** Where a text file's lines carry their level, the most precise first. */
export const LEVEL_PLACES = ['in-time', 'after-time', 'in-line', 'none'] as const;
export type LevelPlace = (typeof LEVEL_PLACES)[number];

/**
 * How one plain-text file writes its events, learned from its first lines (see learnDialect):
 * every event starts with a time in one spelling, behind a fixed number of leading columns, and
 * a line without it continues the event before it (a stack trace, a traceback, a goroutine dump).
 * Plain data: it travels to the parse threads inside the ParsingSpec.
 */
export interface TextDialect {
  readonly time: TimePlace;
  /** `in-time`: glog's letter; `after-time`: the word right after the time; `in-line`: a level word further on. */
  readonly level: LevelPlace;
}
