import { constants, crc32, deflateRawSync } from 'node:zlib';
import { crc32Combine } from './crc32-combine.ts';

/** One block's output compressed on its own, ready to be joined with its neighbours'. */
export interface DeflatedBlock {
  /** Raw deflate data ending in a sync flush: byte-aligned, not final. */
  readonly deflated: Uint8Array;
  /** CRC-32 and length of the uncompressed bytes. */
  readonly crc32: number;
  readonly length: number;
}

/** Level 1: several times faster than the default 6 on log lines, for about a third more bytes. */
const OUTPUT_COMPRESSION_LEVEL = 1;

/**
 * Compresses bytes so that pieces compressed apart concatenate into one deflate stream
 * (each ends in a sync flush and refers to nothing before it), as pigz does.
 */
export function deflateBlock(bytes: Uint8Array): DeflatedBlock {
  if (bytes.length === 0) return { deflated: new Uint8Array(0), crc32: 0, length: 0 };
  const deflated = deflateRawSync(bytes, { level: OUTPUT_COMPRESSION_LEVEL, finishFlush: constants.Z_SYNC_FLUSH });
  // Transferred between threads, it must own all of its memory: zlib's result mostly does (a
  // buffer of its own size); a view of a larger one, or of Buffer's shared pool, is copied.
  const owned = deflated.byteOffset === 0 && deflated.byteLength === deflated.buffer.byteLength ? deflated : new Uint8Array(deflated);
  return { deflated: owned, crc32: crc32(bytes), length: bytes.length };
}

// RFC 1952: magic, deflate, no flags, no mtime, no extra flags, OS unknown.
const GZIP_HEADER = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff] as const;
// A final, empty block with fixed codes: ends the deflate stream.
const FINAL_EMPTY_BLOCK = [0x03, 0x00] as const;

/** Frames deflated blocks, given in order, as a single gzip member. */
export class GzipFramer {
  #crc = 0;
  #length = 0;

  header(): Uint8Array {
    return Uint8Array.from(GZIP_HEADER);
  }

  add(block: DeflatedBlock): Uint8Array {
    this.#crc = crc32Combine(this.#crc, block.crc32, block.length);
    this.#length += block.length;
    return block.deflated;
  }

  trailer(): Uint8Array {
    const trailer = new Uint8Array(10);
    trailer.set(FINAL_EMPTY_BLOCK);
    const view = new DataView(trailer.buffer);
    view.setUint32(2, this.#crc, true);
    view.setUint32(6, this.#length % 2 ** 32, true);
    return trailer;
  }
}
