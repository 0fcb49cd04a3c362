/** How much of a file's start decides how it is read: enough lines to tell, little memory to hold. */
export const HEAD_BYTES = 64 * 1024;
export const HEAD_LINES = 500;

export interface FileHead {
  /** The head's whole lines (a line cut by the head's end is left out), without line endings or a byte order mark. */
  readonly lines: readonly string[];
  /** The whole stream again, the head's bytes first. */
  readonly rest: AsyncGenerator<Uint8Array>;
}

/**
 * Reads the stream's first chunks, about `maxBytes`, and gives their whole lines, then the
 * stream again. A first line longer than that is read to its end, up to `maxLineBytes` (beyond,
 * it is rejected anyway), so that a file of long lines is judged by one at least.
 */
export async function readHead(stream: AsyncIterable<Uint8Array>, maxLineBytes: number, maxBytes = HEAD_BYTES): Promise<FileHead> {
  const iterator = stream[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let ended = false;
  let sawNewline = false;
  while (bytes < maxBytes || (!sawNewline && bytes <= maxLineBytes)) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    bytes += next.value.length;
    sawNewline ||= next.value.includes(0x0a);
  }
  const rest = (async function* () {
    try {
      yield* chunks;
      if (!ended) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  })();
  return { lines: linesOf(chunks, bytes, ended), rest };
}

function linesOf(chunks: readonly Uint8Array[], bytes: number, ended: boolean): string[] {
  const head = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    head.set(chunk, at);
    at += chunk.length;
  }
  // The default decoder drops a leading byte order mark; a character cut at the end only spoils the cut line.
  const lines = new TextDecoder().decode(head).split('\n', HEAD_LINES + 1);
  if (!ended || lines.length > HEAD_LINES) lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}
