/** How much of a file's start decides how it is read: enough lines to tell, little memory to hold. */
export const HEAD_BYTES = 64 * 1024;
export const HEAD_LINES = 500;

export interface FileHead {
  /** The head's whole lines (a line cut by the head's end is left out), without line endings or a byte order mark. */
  readonly lines: readonly string[];
  /** The whole stream again, the head's bytes first. */
  readonly rest: AsyncGenerator<Uint8Array>;
}

/** Reads about the first `maxBytes` of a stream (whole chunks) and gives them as lines, then the stream again. */
export async function readHead(stream: AsyncIterable<Uint8Array>, maxBytes = HEAD_BYTES, maxLines = HEAD_LINES): Promise<FileHead> {
  const iterator = stream[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let ended = false;
  while (bytes < maxBytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    bytes += next.value.length;
  }
  const rest = (async function* () {
    try {
      yield* chunks;
      if (!ended) for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  })();
  return { lines: linesOf(chunks, Math.min(bytes, maxBytes), ended, maxLines), rest };
}

function linesOf(chunks: readonly Uint8Array[], maxBytes: number, ended: boolean, maxLines: number): string[] {
  const head = new Uint8Array(maxBytes);
  let at = 0;
  for (const chunk of chunks) {
    if (at >= maxBytes) break;
    const part = chunk.subarray(0, maxBytes - at);
    head.set(part, at);
    at += part.length;
  }
  // The default decoder drops a leading byte order mark; a character cut at the end only spoils the cut line.
  const lines = new TextDecoder().decode(head).split('\n');
  if (!ended || at < chunks.reduce((sum, chunk) => sum + chunk.length, 0)) lines.pop();
  return lines.slice(0, maxLines).map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}
