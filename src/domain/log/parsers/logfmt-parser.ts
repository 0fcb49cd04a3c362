import { UTC_WALL_CLOCK, type WallClockZone } from '../wall-clock-zone.ts';
import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { StructuredRecords } from './structured-record.ts';

// key=value, key="quoted \" value", or a bare key (true).
const PAIR = /([^\s="]+)(?:=("(?:[^"\\]|\\.)*"|[^\s"]*))?/gy;
const SPACES = /\s*/y;

/** logfmt: `time=… level=info msg="something happened" user=42`; `zone` places times written without an offset. */
export function logfmtParser(zone: WallClockZone = UTC_WALL_CLOCK): LineParser {
  const records = new StructuredRecords(zone);
  // Sticky expressions keep their position in lastIndex: each parser has its own.
  const pairAt = new RegExp(PAIR);
  const spacesAt = new RegExp(SPACES);
  return {
    joinsLines: false,
    parse(text: string, line: number): ParseOutcome {
      if (text.trim() === '') return BLANK;
      const record: Record<string, unknown> = {};
      let position = 0;
      let pairs = 0;
      while (position < text.length) {
        spacesAt.lastIndex = position;
        spacesAt.exec(text);
        position = spacesAt.lastIndex;
        if (position >= text.length) break;
        pairAt.lastIndex = position;
        const match = pairAt.exec(text);
        if (!match?.[1] || pairAt.lastIndex === position) return reject(`unexpected character at column ${position + 1}`);
        const raw = match[2];
        if (raw !== undefined) pairs += 1;
        record[match[1]] = raw === undefined ? true : raw.startsWith('"') ? unquote(raw) : raw;
        position = pairAt.lastIndex;
      }
      if (pairs === 0) return reject('no key=value pairs');
      return { kind: 'event', event: records.eventOf(record, line) };
    },
  };
}

function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}
