import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { PermanentJobError } from '../../../application/errors.ts';
import { chargeDecompression, type JobBudgets } from '../../../domain/job/job-budgets.ts';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * The file's bytes, inflated when they start with the gzip magic. The ratio budget is charged
 * against what zlib consumed, not what was read ahead, so read-ahead cannot hide a bomb.
 */
export async function* inflateIfGzip(file: AsyncIterable<Uint8Array>, budgets: JobBudgets): AsyncGenerator<Uint8Array> {
  const { start, rest } = await peek(file, GZIP_MAGIC.length);
  if (start[0] !== GZIP_MAGIC[0] || start[1] !== GZIP_MAGIC[1]) {
    yield* rest;
    return;
  }
  const gunzip = createGunzip();
  const input = Readable.from(rest, { objectMode: false, highWaterMark: 64 * 1024 });
  // Errors reach the loop below through `gunzip`; the callback only keeps them handled.
  pipeline(input, gunzip, () => {});
  let inflated = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      chargeDecompression(budgets, gunzip.bytesWritten, inflated);
      yield chunk;
    }
  } catch (error) {
    if (!isZlibError(error)) throw error;
    throw new PermanentJobError(`The file looks gzip-compressed but is corrupt (${error.message})`);
  } finally {
    gunzip.destroy();
    input.destroy();
  }
}

/** The stream's first `count` bytes (fewer if it is shorter), and the whole stream again. */
async function peek(file: AsyncIterable<Uint8Array>, count: number) {
  const iterator = file[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  const start: number[] = [];
  while (start.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    start.push(...next.value.subarray(0, count - start.length));
  }
  const rest = (async function* () {
    try {
      yield* head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  })();
  return { start, rest };
}

const isZlibError = (error: unknown): error is Error =>
  error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('Z_');
