import type { BlockSpec } from '../pipeline/block-normalizer.ts';
import type { BlockResult } from '../pipeline/block-pipeline.ts';
import type { LineBlock } from '../pipeline/line-blocks.ts';

/** What the pool posts to a normalizer thread: a block whose bytes wait in a shared slot, or are transferred. */
export type ThreadRequest = TaskRequest | StopRequest;

/** Ends the thread once it has answered every block posted before. */
export interface StopRequest {
  readonly stop: true;
}

export type TaskRequest = {
  readonly id: number;
  readonly spec: BlockSpec;
} & (
  | { readonly slot: number; readonly length: number; readonly firstLine: number; readonly overlong: readonly number[] }
  | { readonly block: LineBlock }
);

/**
 * What the thread answers: the compressed result left in the block's slot (`deflatedLength`
 * bytes there), or transferred back, or the error.
 */
export type TaskReply =
  | { readonly id: number; readonly slotted: Omit<BlockResult, 'deflated'> & { readonly deflatedLength: number } }
  | { readonly id: number; readonly result: BlockResult }
  | { readonly id: number; readonly error: string };
