import { createHash } from 'node:crypto';
import type { ExpectedContent } from '../../application/ports/object-store.ts';
import { DomainError } from '../../domain/errors.ts';

const CHANGED = 'The uploaded file changed after it was verified';

/**
 * Passes an object's bytes through, failing as soon as they are known to differ from what
 * was verified: past the expected size at once (nothing more is read), a short object or a
 * different SHA-256 at its end. A reader that stops early is not told anything.
 */
export async function* verifiedContent(stream: AsyncIterable<Uint8Array>, expected: ExpectedContent): AsyncGenerator<Uint8Array> {
  const hash = expected.sha256 === null ? null : createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > expected.size) throw new DomainError('UPLOAD_SIZE_MISMATCH', `${CHANGED}: it has more than the ${expected.size} bytes verified`);
    hash?.update(chunk);
    yield chunk;
  }
  if (size < expected.size) throw new DomainError('UPLOAD_SIZE_MISMATCH', `${CHANGED}: it has ${size} bytes, not the ${expected.size} verified`);
  if (hash && hash.digest('hex') !== expected.sha256) throw new DomainError('CHECKSUM_MISMATCH', `${CHANGED}: its SHA-256 no longer matches the declared one`);
}

/** The stream, verified when there is something to verify it against. */
export const verifiedIfExpected = (stream: AsyncIterable<Uint8Array>, expected: ExpectedContent | undefined): AsyncIterable<Uint8Array> =>
  expected ? verifiedContent(stream, expected) : stream;
