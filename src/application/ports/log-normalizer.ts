import type { JobBudgets } from '../../domain/job/job-budgets.ts';
import type { LineTally } from '../../domain/job/line-tally.ts';
import type { FormatDetection, ParsingRequest } from '../../domain/log/format-detection.ts';

/** How one uploaded file is to be read. */
export interface FileNormalization {
  /** The format asked for (`auto`: picked from the file's first lines), and what every parser is given. */
  readonly parsing: ParsingRequest;
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
  /** What the file was read as, decided once from its first lines; throws until `gzip` has been read to its end. */
  detection(): FormatDetection;
}

/**
 * Turns an uploaded file's bytes (gzip'd or not) into normalized events. The format (for
 * `auto`) and a text file's dialect are decided once, from the file's first lines (see
 * detectFormat), and every part of the file is read the same way. How is the adapter's choice: inflating, cutting the file into blocks of whole events, parsing them
 * inline or on a pool of threads. The file is read only as fast as the output is consumed,
 * so memory stays bounded. A corrupt gzip stream fails the output with PermanentJobError,
 * a budget overrun with JobBudgetExceededError; an error of the file's stream is passed on.
 */
export interface LogNormalizer {
  normalize(file: AsyncIterable<Uint8Array>, spec: FileNormalization): NormalizedOutput;
}
