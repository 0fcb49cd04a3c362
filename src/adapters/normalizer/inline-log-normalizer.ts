import type { FileNormalization, LogNormalizer, NormalizedOutput } from '../../application/ports/log-normalizer.ts';
import { blocksOfFile, blockSpecOf, DEFAULT_BLOCK_BYTES } from './file-blocks.ts';
import { framedOutput, normalizeAndDeflate, type BlockResult } from './normalize-task.ts';

/**
 * Normalizes block after block on the calling thread's event loop: no threads to start
 * or stop (tests, PARSE_THREADS=0). Each block blocks the loop for a few milliseconds.
 */
export class InlineLogNormalizer implements LogNormalizer {
  readonly #blockBytes: number;

  constructor(options: { blockBytes?: number } = {}) {
    this.#blockBytes = options.blockBytes ?? DEFAULT_BLOCK_BYTES;
  }

  normalize(file: AsyncIterable<Uint8Array>, spec: FileNormalization): NormalizedOutput {
    const blocks = blocksOfFile(file, spec, this.#blockBytes);
    const blockSpec = blockSpecOf(spec);
    return framedOutput(
      (async function* (): AsyncGenerator<BlockResult> {
        for await (const block of blocks) yield normalizeAndDeflate(block, blockSpec);
      })(),
      spec.budgets,
    );
  }

  /** Nothing to stop. */
  async close(): Promise<void> {}
}
