import { parserFor } from '../../domain/log/parsers/parser-for.ts';
import type { LogFormat } from '../../domain/upload/log-format.ts';
import { EventAssembler } from './event-assembler.ts';
import type { LineBlock } from './line-blocks.ts';
import type { LineTally } from './line-tally.ts';
import { normalizeJsonLines } from './json-lines-block.ts';
import { NdjsonOutput } from './ndjson-output.ts';

/** What a file's lines are read as. */
export interface NormalizationSpec {
  readonly format: LogFormat;
  /** Dates timestamps that carry no year (RFC 3164). */
  readonly uploadedAt: Date;
  /** An event's message with its continuation lines is cut at this length. */
  readonly maxEventBytes: number;
}

export interface NormalizedBlock {
  /** One JSON line per event, each ending in "\n", as UTF-8: a view of the output given. */
  readonly ndjson: Uint8Array;
  readonly tally: LineTally;
}

// A byte order mark inside the file is text; the one at its start was dropped when splitting.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Parses one block's lines into normalized events, as NDJSON written to `out` (from its
 * start), and counts them. Pure.
 */
export function normalizeBlock(block: LineBlock, spec: NormalizationSpec, out = new NdjsonOutput()): NormalizedBlock {
  out.reset();
  if (spec.format === 'json') {
    const tally = normalizeJsonLines(block, out);
    return { ndjson: out.bytes(), tally };
  }
  const assembler = new EventAssembler(parserFor(spec.format, spec.uploadedAt), spec.maxEventBytes);
  const text = decoder.decode(block.bytes);
  const { overlong } = block;
  let nextOverlong = 0;
  let number = block.firstLine;
  for (let start = 0, end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start), number++) {
    const tooLong = overlong[nextOverlong] === number;
    if (tooLong) nextOverlong += 1;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    const event = assembler.push({ number, text: text.slice(start, lineEnd), tooLong });
    if (event) out.text(`${JSON.stringify(event)}\n`);
  }
  const last = assembler.finish();
  if (last) out.text(`${JSON.stringify(last)}\n`);
  return { ndjson: out.bytes(), tally: assembler.tally };
}
