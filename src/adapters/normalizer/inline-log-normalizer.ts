import type { FileNormalization, LogNormalizer, NormalizedOutput } from '../../application/ports/log-normalizer.ts';
import { Re2LinePatternCompiler } from '../re2js/re2-line-pattern-compiler.ts';
import { BlockPipeline } from './pipeline/block-pipeline.ts';
import { blocksOfFile, DEFAULT_BLOCK_BYTES } from './pipeline/file-blocks.ts';
import { joinedOutput } from './pipeline/joined-output.ts';

/**
 * Normalizes block after block on the calling thread's event loop: no threads to start
 * or stop (tests, PARSE_THREADS=0). Each block blocks the loop for a few milliseconds.
 */
export class InlineLogNormalizer implements LogNormalizer {
  readonly #blockBytes: number;
  readonly #pipeline = new BlockPipeline();
  readonly #patterns = new Re2LinePatternCompiler();

  constructor(options: { blockBytes?: number } = {}) {
    this.#blockBytes = options.blockBytes ?? DEFAULT_BLOCK_BYTES;
  }

  normalize(file: AsyncIterable<Uint8Array>, spec: FileNormalization): NormalizedOutput {
    const fileBlocks = blocksOfFile(file, spec, this.#blockBytes, this.#patterns);
    const pipeline = this.#pipeline;
    return joinedOutput(
      (async function* () {
        for await (const block of fileBlocks.blocks) yield pipeline.run(block, fileBlocks.blockSpec());
      })(),
      spec.budgets,
      fileBlocks.detection,
    );
  }

  /** Nothing to stop. */
  async close(): Promise<void> {}
}
