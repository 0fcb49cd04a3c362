export interface Line {
  /** 1-based line number. */
  readonly number: number;
  /** Decoded text without its line ending; invalid UTF-8 becomes U+FFFD. */
  readonly text: string;
  /** True when the line was longer than the limit; `text` then holds only its start. */
  readonly tooLong: boolean;
}

/**
 * Splits a byte stream into lines, one batch per chunk read (a promise per line would
 * cost more than parsing it). Holds at most one partial line of `maxLineLength` characters
 * whatever the stream's size: the rest of an over-long line is skipped, not buffered.
 * A UTF-8 byte order mark at the start is dropped.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>, maxLineLength: number): AsyncGenerator<Line[]> {
  const decoder = new TextDecoder('utf-8');
  let partial = '';
  let tooLong = false;
  let number = 0;

  const keep = (piece: string): void => {
    if (tooLong || piece.length === 0) return;
    if (partial.length + piece.length > maxLineLength) {
      partial = (partial + piece).slice(0, maxLineLength);
      tooLong = true;
    } else {
      partial = partial.length === 0 ? piece : partial + piece;
    }
  };
  const finish = (piece: string): Line => {
    keep(piece);
    const text = !tooLong && partial.endsWith('\r') ? partial.slice(0, -1) : partial;
    const line = { number: ++number, text, tooLong };
    partial = '';
    tooLong = false;
    return line;
  };

  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    const lines: Line[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      lines.push(finish(text.slice(start, newline)));
      start = newline + 1;
    }
    keep(text.slice(start));
    if (lines.length > 0) yield lines;
  }
  keep(decoder.decode());
  if (partial.length > 0 || tooLong) yield [finish('')];
}
