/** An upload read once, to its end, whatever its reader does. */
export interface WholeRead {
  /** The upload's bytes; a reader that stops early leaves the rest to `toTheEnd`. */
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Reads whatever the reader left (a gzip stream may end before its file does); fails as the source fails. */
  toTheEnd(): Promise<void>;
  /** Releases the source (its file or connection) when it was not read to its end. */
  close(): Promise<void>;
}

/**
 * The source read to its end before a job's output is published, so that every byte of the
 * upload passes the store's verification, not only those the normalizer asked for.
 */
export function wholeRead(source: AsyncIterable<Uint8Array>): WholeRead {
  const iterator = source[Symbol.asyncIterator]();
  let ended = false;
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    const result = await iterator.next();
    if (result.done) ended = true;
    return result;
  };
  return {
    chunks: { [Symbol.asyncIterator]: () => ({ next, return: async () => ({ done: true, value: undefined }) }) },
    async toTheEnd() {
      while (!ended) await next();
    },
    async close() {
      if (!ended) await iterator.return?.();
    },
  };
}
