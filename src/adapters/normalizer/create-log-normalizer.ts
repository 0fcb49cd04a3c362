import type { LogNormalizer } from '../../application/ports/log-normalizer.ts';
import { InlineLogNormalizer } from './inline-log-normalizer.ts';
import { ThreadPoolLogNormalizer } from './threads/thread-pool-log-normalizer.ts';

export type ClosableLogNormalizer = LogNormalizer & { close(): Promise<void> };

/** The normalizer for `threads` parse threads: none means inline on the event loop. */
export function createLogNormalizer(threads: number): ClosableLogNormalizer {
  return threads > 0 ? new ThreadPoolLogNormalizer({ threads }) : new InlineLogNormalizer();
}
