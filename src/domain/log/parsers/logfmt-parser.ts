import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { eventFromRecord } from './structured-record.ts';

// key=value, key="quoted \" value", or a bare key (true).
const PAIR = /([^\s="]+)(?:=("(?:[^"\\]|\\.)*"|[^\s"]*))?/gy;
const SPACES = /\s*/y;

/** logfmt: `time=… level=info msg="something happened" user=42`. */
export const logfmtParser: LineParser = {
  joinsLines: false,
  parse(text: string, line: number): ParseOutcome {
    if (text.trim() === '') return BLANK;
    const record: Record<string, unknown> = {};
    let position = 0;
    let pairs = 0;
    while (position < text.length) {
      SPACES.lastIndex = position;
      SPACES.exec(text);
      position = SPACES.lastIndex;
      if (position >= text.length) break;
      PAIR.lastIndex = position;
      const match = PAIR.exec(text);
      if (!match?.[1] || PAIR.lastIndex === position) return reject(`unexpected character at column ${position + 1}`);
      const raw = match[2];
      if (raw !== undefined) pairs += 1;
      record[match[1]] = raw === undefined ? true : raw.startsWith('"') ? unquote(raw) : raw;
      position = PAIR.lastIndex;
    }
    if (pairs === 0) return reject('no key=value pairs');
    return { kind: 'event', event: eventFromRecord(record, line) };
  },
};

function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}
