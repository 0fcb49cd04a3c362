export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface RejectedLine {
  readonly line: number;
  readonly reason: string;
}

/** What a worker learned from one file; replaced, never merged, when a job is re-processed. */
export interface JobResult {
  readonly jobId: string;
  readonly linesTotal: number;
  readonly eventsParsed: number;
  readonly linesRejected: number;
  readonly bytesProcessed: number;
  readonly levelCounts: Readonly<Partial<Record<LogLevel, number>>>;
  readonly firstEventAt: Date | null;
  readonly lastEventAt: Date | null;
  /** Object key of the normalized output, null when none was written. */
  readonly outputKey: string | null;
  /** At most MAX_SAMPLE_ERRORS entries. */
  readonly sampleErrors: readonly RejectedLine[];
}

export const MAX_SAMPLE_ERRORS = 100;
