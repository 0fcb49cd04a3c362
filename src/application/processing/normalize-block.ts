import { parserFor } from '../../domain/log/parsers/parser-for.ts';
import type { LogFormat } from '../../domain/upload/log-format.ts';
import { EventAssembler } from './event-assembler.ts';
import type { LineBlock } from './line-blocks.ts';
import type { LineTally } from './line-tally.ts';

/** What a file's lines are read as. */
export interface NormalizationSpec {
  readonly format: LogFormat;
  /** Dates timestamps that carry no year (RFC 3164). */
  readonly uploadedAt: Date;
  /** An event's message with its continuation lines is cut at this length. */
  readonly maxEventBytes: number;
}

export interface NormalizedBlock {
  /** One JSON line per event, each ending in "\n". */
  readonly ndjson: string;
  readonly tally: LineTally;
}

// A byte order mark inside the file is text; the one at its start was dropped when splitting.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Parses one block's lines into normalized events, as NDJSON, and counts them. Pure. */
export function normalizeBlock(block: LineBlock, spec: NormalizationSpec): NormalizedBlock {
  const assembler = new EventAssembler(parserFor(spec.format, spec.uploadedAt), spec.maxEventBytes);
  const text = decoder.decode(block.bytes);
  const { overlong } = block;
  let nextOverlong = 0;
  let ndjson = '';
  let number = block.firstLine;
  for (let start = 0, end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start), number++) {
    const tooLong = overlong[nextOverlong] === number;
    if (tooLong) nextOverlong += 1;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    const event = assembler.push({ number, text: text.slice(start, lineEnd), tooLong });
    if (event) ndjson += `${JSON.stringify(event)}\n`;
  }
  const last = assembler.finish();
  if (last) ndjson += `${JSON.stringify(last)}\n`;
  return { ndjson, tally: assembler.tally };
}
