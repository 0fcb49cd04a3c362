import type { LogNormalizer, NormalizedOutput } from '../../application/ports/log-normalizer.ts';
import type { LineBlock } from '../../application/processing/line-blocks.ts';
import type { NormalizationSpec } from '../../application/processing/normalize-block.ts';
import { framedOutput, normalizeAndDeflate, type BlockResult } from './normalize-task.ts';

/**
 * Normalizes block after block on the calling thread's event loop: no threads to start
 * or stop (tests, PARSE_THREADS=0). Each block blocks the loop for a few milliseconds.
 */
export class InlineLogNormalizer implements LogNormalizer {
  normalize(blocks: AsyncIterable<LineBlock>, spec: NormalizationSpec): NormalizedOutput {
    return framedOutput(
      (async function* (): AsyncGenerator<BlockResult> {
        for await (const block of blocks) yield normalizeAndDeflate(block, spec);
      })(),
    );
  }

  /** Nothing to stop. */
  async close(): Promise<void> {}
}
