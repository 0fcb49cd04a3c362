import { isDependencyUnavailable } from '../errors.ts';
import { concatBytes } from './bytes.ts';
import { PermanentJobError } from './errors.ts';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * Passes a byte stream through, decompressing it on the fly when it starts with the gzip
 * magic bytes. Decompression stops with a permanent error past `maxBytes` (a gzip bomb
 * must not fill the disk) or on corrupt data.
 */
export async function* gunzipIfCompressed(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLength = 0;
  while (headLength < GZIP_MAGIC.length) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    headLength += next.value.length;
  }
  const start = concatBytes(head);
  const rest = (async function* () {
    if (start.length > 0) yield start;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  if (start[0] !== GZIP_MAGIC[0] || start[1] !== GZIP_MAGIC[1]) {
    yield* rest;
    return;
  }

  let total = 0;
  try {
    for await (const chunk of ReadableStream.from(rest).pipeThrough(new DecompressionStream('gzip'))) {
      total += chunk.length;
      if (total > maxBytes) throw new PermanentJobError(`Decompressed data exceeds ${maxBytes} bytes; refusing to inflate it further`);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof PermanentJobError || isDependencyUnavailable(error)) throw error;
    throw new PermanentJobError(`The file looks gzip-compressed but is corrupt (${error instanceof Error ? error.message : String(error)})`);
  }
}
