import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { NormalizedOutput } from '../../application/ports/log-normalizer.ts';
import type { LineBlock } from '../../application/processing/line-blocks.ts';
import { addTally, emptyTally, type LineTally } from '../../application/processing/line-tally.ts';
import { normalizeBlock, type NormalizationSpec } from '../../application/processing/normalize-block.ts';

/** One block normalized: what a normalizer thread sends back. */
export interface BlockResult {
  /** UTF-8 NDJSON, owning its memory so it can be transferred between threads. */
  readonly ndjson: Uint8Array;
  readonly tally: LineTally;
}

const encoder = new TextEncoder();

export function normalizeAndEncode(block: LineBlock, spec: NormalizationSpec): BlockResult {
  const { ndjson, tally } = normalizeBlock(block, spec);
  return { ndjson: encoder.encode(ndjson), tally };
}

/**
 * Output is compressed at level 1: several times faster than the default 6 on log lines,
 * for about a third more bytes (docs/BENCHMARKS.md). It runs on libuv's thread pool.
 */
const OUTPUT_GZIP_LEVEL = 1;

/** The blocks' results, in order, as one gzip stream, and the sum of their tallies. */
export function gzippedOutput(results: AsyncIterable<BlockResult>): NormalizedOutput {
  const total = emptyTally();
  let finished = false;
  async function* ndjson(): AsyncGenerator<Uint8Array> {
    for await (const result of results) {
      addTally(total, result.tally);
      if (result.ndjson.length > 0) yield result.ndjson;
    }
    finished = true;
  }
  const gzip = createGzip({ level: OUTPUT_GZIP_LEVEL });
  // Errors of the results (a failed block, an unreadable upload) reach the reader of `gzip`.
  pipeline(Readable.from(ndjson(), { objectMode: false }), gzip).catch(() => {});
  return {
    gzip,
    tally() {
      if (!finished) throw new Error('The tally is known once the output has been read to its end');
      return total;
    },
  };
}
