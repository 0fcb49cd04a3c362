import type { JobBudgets } from '../../domain/job/job-budgets.ts';
import type { LineTally } from '../../domain/job/line-tally.ts';
import type { ParsingSpec } from '../../domain/log/parsers/parser-for.ts';

/** How one uploaded file is to be read. */
export interface FileNormalization {
  readonly parsing: ParsingSpec;
  /** Longer lines are rejected; an event with its continuation lines is cut at this length. */
  readonly maxLineBytes: number;
  /** Past any of them the output fails with JobBudgetExceededError. */
  readonly budgets: JobBudgets;
}

export interface NormalizedOutput {
  /** The file's events, in order, as one gzip'd NDJSON stream. */
  readonly gzip: AsyncIterable<Uint8Array>;
  /** The lines and events of the file; throws until `gzip` has been read to its end. */
  tally(): LineTally;
}

/**
 * Turns an uploaded file's bytes (gzip'd or not) into normalized events. How is the
 * adapter's choice: inflating, cutting the file into blocks of whole events, parsing them
 * inline or on a pool of threads. The file is read only as fast as the output is consumed,
 * so memory stays bounded. A corrupt gzip stream fails the output with PermanentJobError,
 * a budget overrun with JobBudgetExceededError; an error of the file's stream is passed on.
 */
export interface LogNormalizer {
  normalize(file: AsyncIterable<Uint8Array>, spec: FileNormalization): NormalizedOutput;
}
