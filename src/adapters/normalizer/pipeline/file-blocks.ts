import type { FileNormalization } from '../../../application/ports/log-normalizer.ts';
import { PermanentJobError } from '../../../application/errors.ts';
import { InvalidPatternError, type LinePatternCompiler } from '../../../domain/log/custom/line-pattern.ts';
import type { LineParser } from '../../../domain/log/normalized-event.ts';
import { parserFor } from '../../../domain/log/parsers/parser-for.ts';
import { inflateIfGzip } from '../gzip/inflate-if-gzip.ts';
import type { BlockSpec } from './block-normalizer.ts';
import { eventStarts, splitIntoBlocks, type LineBlock } from './line-blocks.ts';

/** Blocks of about 64 KiB: a block's text and output then stay in a thread's young generation. */
export const DEFAULT_BLOCK_BYTES = 64 * 1024;

/**
 * The file's bytes, inflated if gzip'd, cut into blocks that never split an event. Throws
 * PermanentJobError at once when the file's custom pattern does not compile: every block
 * would fail the same way.
 */
export function blocksOfFile(
  file: AsyncIterable<Uint8Array>,
  spec: FileNormalization,
  blockBytes: number,
  patterns: LinePatternCompiler,
): AsyncGenerator<LineBlock> {
  return splitIntoBlocks(inflateIfGzip(file, spec.budgets), {
    blockBytes,
    maxLineBytes: spec.maxLineBytes,
    startsEvent: eventStarts(fileParser(spec, patterns)),
  });
}

function fileParser(spec: FileNormalization, patterns: LinePatternCompiler): LineParser {
  try {
    return parserFor(spec.parsing, patterns);
  } catch (error) {
    if (error instanceof InvalidPatternError) throw new PermanentJobError(`The custom format's pattern cannot be used: ${error.message}`);
    throw error;
  }
}

/** What each block of the file is normalized with. */
export const blockSpecOf = (spec: FileNormalization): BlockSpec => ({
  parsing: spec.parsing,
  maxEventBytes: spec.maxLineBytes,
});
