import type { LineTally } from '../../../domain/job/line-tally.ts';
import { deflateBlock, type DeflatedBlock } from '../gzip/deflated-block.ts';
import { BlockNormalizer, type BlockSpec } from './block-normalizer.ts';
import type { LineBlock } from './line-blocks.ts';

/** One block normalized and compressed: what a normalizer thread sends back. */
export interface BlockResult extends DeflatedBlock {
  readonly tally: LineTally;
  /** CPU time the thread spent on the block. */
  readonly cpuMs: number;
}

/**
 * What is done to one block where it runs (a normalizer thread, or the event loop inline):
 * normalized, then compressed there too, so the event loop only joins the pieces.
 * One per thread, reused block after block.
 */
export class BlockPipeline {
  readonly #normalizer = new BlockNormalizer();

  run(block: LineBlock, spec: BlockSpec): BlockResult {
    const started = threadCpuMs();
    const { ndjson, tally } = this.#normalizer.normalize(block, spec);
    const deflated = deflateBlock(ndjson);
    return { ...deflated, tally, cpuMs: threadCpuMs() - started };
  }
}

/** CPU time of the calling thread (Node ≥ 23.9); elsewhere the time the synchronous work took. */
const threadCpuMs: () => number =
  typeof process.threadCpuUsage === 'function'
    ? () => {
        const { user, system } = process.threadCpuUsage();
        return (user + system) / 1000;
      }
    : () => performance.now();
