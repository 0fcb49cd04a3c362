import type { LogLevel, RejectedLine } from './job-result.ts';

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
