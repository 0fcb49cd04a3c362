import { crc32, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from '../../../../src/adapters/normalizer/gzip/crc32-combine.ts';
import { deflateBlock, GzipFramer } from '../../../../src/adapters/normalizer/gzip/deflated-block.ts';

describe('CRC-32 of joined byte runs', () => {
  it('equals the CRC-32 of the concatenation, for any two runs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 }), (a, b) => {
        const joined = new Uint8Array([...a, ...b]);
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(joined));
      }),
      { numRuns: 500 },
    );
  });

  it('stays consistent for runs longer than 4 GiB: (A‖B)‖C = A‖(B‖C)', () => {
    // Any 32-bit value is the CRC of some run of a given length (of 4 bytes or more).
    const [a, b, c] = [0x12345678, 0x9abcdef0, 0x0badf00d];
    const lengthB = 2 ** 32 + 5;
    const lengthC = 3 * 2 ** 31;
    expect(crc32Combine(crc32Combine(a, b, lengthB), c, lengthC)).toBe(crc32Combine(a, crc32Combine(b, c, lengthC), lengthB + lengthC));
    // And a run of zeros we can afford to check directly.
    const zeros = new Uint8Array(1 << 20);
    expect(crc32Combine(crc32('x'), crc32(zeros), zeros.length)).toBe(crc32(Buffer.concat([Buffer.from('x'), zeros])));
  });
});

describe('gzip framing of blocks deflated apart', () => {
  it('gives one gzip member that any gunzip reads back, CRC and length checked', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 500 }), { maxLength: 12 }), (texts) => {
        const framer = new GzipFramer();
        const parts = [framer.header(), ...texts.map((text) => framer.add(deflateBlock(Buffer.from(text)))), framer.trailer()];
        expect(gunzipSync(Buffer.concat(parts)).toString()).toBe(texts.join(''));
      }),
      { numRuns: 200 },
    );
  });
});
