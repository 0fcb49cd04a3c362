import type { FileNormalization } from '../../../application/ports/log-normalizer.ts';
import { parserFor } from '../../../domain/log/parsers/parser-for.ts';
import { inflateIfGzip } from '../gzip/inflate-if-gzip.ts';
import { WallClockZones } from '../time-zones/wall-clock-zones.ts';
import type { BlockSpec } from './block-normalizer.ts';
import { eventStarts, splitIntoBlocks, type LineBlock } from './line-blocks.ts';

/** Blocks of about 64 KiB: a block's text and output then stay in a thread's young generation. */
export const DEFAULT_BLOCK_BYTES = 64 * 1024;

/** The file's bytes, inflated if gzip'd, cut into blocks that never split an event. */
export function blocksOfFile(file: AsyncIterable<Uint8Array>, spec: FileNormalization, blockBytes: number): AsyncGenerator<LineBlock> {
  return splitIntoBlocks(inflateIfGzip(file, spec.budgets), {
    blockBytes,
    maxLineBytes: spec.maxLineBytes,
    startsEvent: eventStarts(parserFor(spec.parsing, new WallClockZones().of(spec.parsing.timeZone))),
  });
}

/** What each block of the file is normalized with. */
export const blockSpecOf = (spec: FileNormalization): BlockSpec => ({
  parsing: spec.parsing,
  maxEventBytes: spec.maxLineBytes,
});
