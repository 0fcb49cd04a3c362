import { MAX_SAMPLE_ERRORS, type LogLevel, type RejectedLine } from '../../domain/job/job-result.ts';

/** What reading some lines found: the part of a JobResult that counts. */
export interface LineTally {
  linesTotal: number;
  eventsParsed: number;
  linesRejected: number;
  levelCounts: Partial<Record<LogLevel, number>>;
  firstEventAt: Date | null;
  lastEventAt: Date | null;
  /** The first MAX_SAMPLE_ERRORS rejected lines, in line order. */
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

/** Adds the tally of the lines that follow `total`'s to it. */
export function addTally(total: LineTally, next: Readonly<LineTally>): void {
  total.linesTotal += next.linesTotal;
  total.eventsParsed += next.eventsParsed;
  total.linesRejected += next.linesRejected;
  for (const [level, count] of Object.entries(next.levelCounts) as [LogLevel, number][]) {
    total.levelCounts[level] = (total.levelCounts[level] ?? 0) + count;
  }
  if (next.firstEventAt && (!total.firstEventAt || next.firstEventAt < total.firstEventAt)) total.firstEventAt = next.firstEventAt;
  if (next.lastEventAt && (!total.lastEventAt || next.lastEventAt > total.lastEventAt)) total.lastEventAt = next.lastEventAt;
  const room = MAX_SAMPLE_ERRORS - total.sampleErrors.length;
  if (room > 0) total.sampleErrors.push(...next.sampleErrors.slice(0, room));
}
