import type { TextDialect } from '../log/text-dialect.ts';
import type { LogFormat } from '../upload/log-format.ts';

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
  /** The format `auto` picked; null when the upload named its format. */
  readonly detectedFormat: LogFormat | null;
  /** How the file's text events start, when it was read as text and its first lines told. */
  readonly dialect: TextDialect | null;
}

export const MAX_SAMPLE_ERRORS = 100;
