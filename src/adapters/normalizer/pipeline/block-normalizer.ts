import type { LineTally } from '../../../domain/job/line-tally.ts';
import { parserFor, type ParsingSpec } from '../../../domain/log/parsers/parser-for.ts';
import { Re2LinePatternCompiler } from '../../re2js/re2-line-pattern-compiler.ts';
import { JsonLinesNormalizer } from '../fast-json/json-lines-normalizer.ts';
import { WallClockZones } from '../time-zones/wall-clock-zones.ts';
import { EventAssembler } from './event-assembler.ts';
import { writeEventLine } from './event-line.ts';
import type { LineBlock } from './line-blocks.ts';
import { NdjsonOutput } from './ndjson-output.ts';

/** What a block's lines are read as. */
export interface BlockSpec {
  readonly parsing: ParsingSpec;
  /** An event's message with its continuation lines is cut at this length. */
  readonly maxEventBytes: number;
}

export interface NormalizedBlock {
  /** One JSON line per event, each ending in "\n", as UTF-8: valid until the next block is normalized. */
  readonly ndjson: Uint8Array;
  readonly tally: LineTally;
}

/**
 * Parses one block's lines into normalized events, as NDJSON, and counts them: json straight
 * from bytes, the other formats line by line through their parser. One per thread, reused
 * block after block (it holds the output buffer).
 */
export class BlockNormalizer {
  readonly #out = new NdjsonOutput();
  readonly #json = new JsonLinesNormalizer();
  readonly #zones = new WallClockZones();
  // Remembers what it compiled: a custom format's pattern is compiled once per thread, not per block.
  readonly #patterns = new Re2LinePatternCompiler();
  // A byte order mark inside the file is text; the one at its start was dropped when splitting.
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  normalize(block: LineBlock, spec: BlockSpec): NormalizedBlock {
    const out = this.#out;
    out.reset();
    const zone = this.#zones.of(spec.parsing.timeZone);
    if (spec.parsing.format === 'json') {
      const tally = this.#json.normalize(block, out, zone);
      return { ndjson: out.bytes(), tally };
    }
    const assembler = new EventAssembler(parserFor(spec.parsing, { zone, patterns: this.#patterns }), spec.maxEventBytes);
    const text = this.#decoder.decode(block.bytes);
    const { overlong } = block;
    let nextOverlong = 0;
    let number = block.firstLine;
    for (let start = 0, end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start), number++) {
      const tooLong = overlong[nextOverlong] === number;
      if (tooLong) nextOverlong += 1;
      const lineEnd = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
      const event = assembler.push({ number, text: text.slice(start, lineEnd), tooLong });
      if (event) writeEventLine(out, event);
    }
    const last = assembler.finish();
    if (last) writeEventLine(out, last);
    return { ndjson: out.bytes(), tally: assembler.tally };
  }
}
