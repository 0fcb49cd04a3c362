import type { LineBlock } from '../../application/processing/line-blocks.ts';
import type { NormalizationSpec } from '../../application/processing/normalize-block.ts';
import type { BlockResult } from './normalize-task.ts';

/** What the pool posts to a normalizer thread: a block whose bytes wait in a shared slot, or are transferred. */
export type ThreadRequest = TaskRequest | StopRequest;

/** Ends the thread once it has answered every block posted before. */
export interface StopRequest {
  readonly stop: true;
}

export type TaskRequest = {
  readonly id: number;
  readonly spec: NormalizationSpec;
} & (
  | { readonly slot: number; readonly length: number; readonly firstLine: number; readonly overlong: readonly number[] }
  | { readonly block: LineBlock }
);

/**
 * What the thread answers: the compressed result left in the block's slot (`deflated` is
 * its length there), or transferred back, or the error.
 */
export type TaskReply =
  | { readonly id: number; readonly slotted: Omit<BlockResult, 'deflated'> & { readonly deflatedLength: number } }
  | { readonly id: number; readonly result: BlockResult }
  | { readonly id: number; readonly error: string };
