import type { FileNormalization } from '../../../application/ports/log-normalizer.ts';
import { PermanentJobError } from '../../../application/errors.ts';
import { InvalidPatternError, type LinePatternCompiler } from '../../../domain/log/custom/line-pattern.ts';
import { detectFormat, type FormatDetection } from '../../../domain/log/format-detection.ts';
import type { LineParser } from '../../../domain/log/normalized-event.ts';
import { parserFor, type ParsingSpec } from '../../../domain/log/parsers/parser-for.ts';
import { inflateIfGzip } from '../gzip/inflate-if-gzip.ts';
import { WallClockZones } from '../time-zones/wall-clock-zones.ts';
import type { BlockSpec } from './block-normalizer.ts';
import { readHead } from './file-head.ts';
import { eventStarts, splitIntoBlocks, type LineBlock } from './line-blocks.ts';

/** Blocks of about 64 KiB: a block's text and output then stay in a thread's young generation. */
export const DEFAULT_BLOCK_BYTES = 64 * 1024;

/** A file cut into blocks, and how each of them is read: the same for all, decided from the file's head. */
export interface FileBlocks {
  /** The file's bytes, inflated if gzip'd, cut into blocks that never split an event. */
  readonly blocks: AsyncGenerator<LineBlock>;
  /** What every block is normalized with: known once the first block was taken (or there was none). */
  blockSpec(): BlockSpec;
  /** What the file is read as: known as early. */
  detection(): FormatDetection;
}

/**
 * Reads the head of the (inflated) file first: the format (for `auto`) and a text file's dialect
 * are decided there, once, and the blocks are then cut with the event starts of that reading.
 * A custom pattern that does not compile fails the blocks with PermanentJobError before the
 * first: every block would fail the same way.
 */
export function blocksOfFile(file: AsyncIterable<Uint8Array>, spec: FileNormalization, blockBytes: number, patterns: LinePatternCompiler): FileBlocks {
  let decided: { detection: FormatDetection; blockSpec: BlockSpec } | null = null;
  const undecided = (): never => {
    throw new Error("A file's reading is decided once its head was read");
  };
  async function* blocks(): AsyncGenerator<LineBlock> {
    const head = await readHead(inflateIfGzip(file, spec.budgets), spec.maxLineBytes);
    const detection = detectFormat(spec.parsing.format, head.lines, spec.parsing.referenceTime);
    const parsing: ParsingSpec = { ...spec.parsing, format: detection.format, dialect: detection.dialect };
    const startsEvent = eventStarts(fileParser(parsing, patterns));
    decided = { detection, blockSpec: { parsing, maxEventBytes: spec.maxLineBytes } };
    yield* splitIntoBlocks(head.rest, { blockBytes, maxLineBytes: spec.maxLineBytes, startsEvent });
  }
  return {
    blocks: blocks(),
    blockSpec: () => decided?.blockSpec ?? undecided(),
    detection: () => decided?.detection ?? undecided(),
  };
}

function fileParser(parsing: ParsingSpec, patterns: LinePatternCompiler): LineParser {
  try {
    return parserFor(parsing, { zone: new WallClockZones().of(parsing.timeZone), patterns });
  } catch (error) {
    if (error instanceof InvalidPatternError) throw new PermanentJobError(`The custom format's pattern cannot be used: ${error.message}`);
    throw error;
  }
}
