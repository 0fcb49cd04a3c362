import { concatBytes } from './bytes.ts';

export interface Line {
  /** 1-based line number. */
  readonly number: number;
  /** Decoded text without its line ending; invalid UTF-8 becomes U+FFFD. */
  readonly text: string;
  /** True when the line was longer than the limit; `text` then holds only its start. */
  readonly tooLong: boolean;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into lines, holding at most one line of `maxLineBytes` in memory
 * whatever the stream's size: the rest of an over-long line is skipped, not buffered.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let parts: Uint8Array[] = [];
  let held = 0;
  let tooLong = false;
  let number = 0;

  const finish = (): Line => {
    const bytes = concatBytes(parts);
    const end = !tooLong && bytes.at(-1) === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    const line = { number: ++number, text: decoder.decode(bytes.subarray(0, end)), tooLong };
    parts = [];
    held = 0;
    tooLong = false;
    return line;
  };
  const keep = (piece: Uint8Array): void => {
    const room = maxLineBytes - held;
    if (piece.length > room) tooLong = true;
    const kept = piece.length > room ? piece.subarray(0, room) : piece;
    if (kept.length > 0) {
      parts.push(kept.slice());
      held += kept.length;
    }
  };

  for await (const chunk of chunks) {
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      keep(chunk.subarray(start, newline));
      yield finish();
      start = newline + 1;
    }
    keep(chunk.subarray(start));
  }
  if (held > 0 || tooLong) yield finish();
}
