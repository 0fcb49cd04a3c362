import type { NormalizedOutput } from '../../application/ports/log-normalizer.ts';
import type { LineBlock } from '../../application/processing/line-blocks.ts';
import { addTally, emptyTally, type LineTally } from '../../application/processing/line-tally.ts';
import { NdjsonOutput } from '../../application/processing/ndjson-output.ts';
import { normalizeBlock, type NormalizationSpec } from '../../application/processing/normalize-block.ts';
import { deflateBlock, GzipFramer, type DeflatedBlock } from './deflated-block.ts';

/** One block normalized and compressed: what a normalizer thread sends back. */
export interface BlockResult extends DeflatedBlock {
  readonly tally: LineTally;
}

/**
 * Normalizes and compresses one block where it runs (a normalizer thread, or the event loop
 * inline): compressing there instead of in one stream on the event loop took the stream's
 * plumbing and zlib's own thread off the two cores the parse threads need (docs/BENCHMARKS.md).
 */
export function normalizeAndDeflate(block: LineBlock, spec: NormalizationSpec): BlockResult {
  const { ndjson, tally } = normalizeBlock(block, spec, output);
  return { ...deflateBlock(ndjson), tally };
}

/** One per thread, reused block after block. */
const output = new NdjsonOutput();

/** The blocks' results, in order, as one gzip member, and the sum of their tallies. */
export function framedOutput(results: AsyncIterable<BlockResult>): NormalizedOutput {
  const total = emptyTally();
  let finished = false;
  async function* gzip(): AsyncGenerator<Uint8Array> {
    const framer = new GzipFramer();
    yield framer.header();
    for await (const result of results) {
      addTally(total, result.tally);
      if (result.length > 0) yield framer.add(result);
    }
    yield framer.trailer();
    finished = true;
  }
  return {
    gzip: gzip(),
    tally() {
      if (!finished) throw new Error('The tally is known once the output has been read to its end');
      return total;
    },
  };
}
