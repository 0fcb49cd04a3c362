import type { LineBlock } from '../../application/processing/line-blocks.ts';
import type { NormalizationSpec } from '../../application/processing/normalize-block.ts';
import type { BlockResult } from './normalize-task.ts';

/** What the pool posts to a normalizer thread; the block's bytes are transferred. */
export interface TaskRequest {
  readonly id: number;
  readonly block: LineBlock;
  readonly spec: NormalizationSpec;
}

/** What the thread answers; the NDJSON bytes are transferred back. */
export type TaskReply = { readonly id: number; readonly result: BlockResult } | { readonly id: number; readonly error: string };
