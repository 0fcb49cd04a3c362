import type { LineBlock } from '../processing/line-blocks.ts';
import type { LineTally } from '../processing/line-tally.ts';
import type { NormalizationSpec } from '../processing/normalize-block.ts';

export interface NormalizedOutput {
  /** The events of every block, in block order, as one gzip'd NDJSON stream. */
  readonly gzip: AsyncIterable<Uint8Array>;
  /** The lines and events of every block; throws until `gzip` has been read to its end. */
  tally(): LineTally;
}

/**
 * Runs normalizeBlock over a file's blocks and compresses what it yields. The blocks are
 * independent (see splitIntoBlocks), so where and how many run at once is the adapter's
 * choice: inline on the event loop, or on a pool of threads. Blocks are read only as fast
 * as the output is consumed, so memory stays bounded.
 */
export interface LogNormalizer {
  normalize(blocks: AsyncIterable<LineBlock>, spec: NormalizationSpec): NormalizedOutput;
}
