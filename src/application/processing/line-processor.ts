import { MAX_SAMPLE_ERRORS, type LogLevel, type RejectedLine } from '../../domain/job/job-result.ts';
import type { Line } from './line-splitter.ts';

/** One normalized log event, as written to the job's output. */
export interface NormalizedEvent {
  readonly ts: string | null;
  readonly level: LogLevel;
  readonly message: string;
  readonly attrs: Readonly<Record<string, unknown>>;
  readonly line: number;
}

export interface LineTally {
  linesTotal: number;
  eventsParsed: number;
  linesRejected: number;
  levelCounts: Partial<Record<LogLevel, number>>;
  firstEventAt: Date | null;
  lastEventAt: Date | null;
  sampleErrors: RejectedLine[];
}

export const emptyTally = (): LineTally => ({
  linesTotal: 0,
  eventsParsed: 0,
  linesRejected: 0,
  levelCounts: {},
  firstEventAt: null,
  lastEventAt: null,
  sampleErrors: [],
});

/**
 * Turns one line into an event and counts it. This walking-skeleton version treats every
 * non-empty line as a plain-text event; format-aware parsers replace `toEvent`.
 */
export function processLine(line: Line, tally: LineTally): NormalizedEvent | null {
  tally.linesTotal += 1;
  if (line.tooLong) {
    reject(tally, line.number, 'line exceeds the maximum line length');
    return null;
  }
  if (line.text.trim() === '') return null;
  const event: NormalizedEvent = { ts: null, level: 'unknown', message: line.text, attrs: {}, line: line.number };
  tally.eventsParsed += 1;
  tally.levelCounts[event.level] = (tally.levelCounts[event.level] ?? 0) + 1;
  return event;
}

function reject(tally: LineTally, line: number, reason: string): void {
  tally.linesRejected += 1;
  if (tally.sampleErrors.length < MAX_SAMPLE_ERRORS) tally.sampleErrors.push({ line, reason });
}
