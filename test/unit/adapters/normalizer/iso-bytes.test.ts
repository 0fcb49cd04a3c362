import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochMsFromIsoBytes, IsoBytesWriter, MAX_ISO_LENGTH } from '../../../../src/adapters/normalizer/fast-json/iso-bytes.ts';
import { NdjsonOutput } from '../../../../src/adapters/normalizer/pipeline/ndjson-output.ts';
import { IntlWallClockZone } from '../../../../src/adapters/normalizer/time-zones/intl-wall-clock-zone.ts';
import { isoFromEpochMs, parseIsoLike } from '../../../../src/domain/log/timestamps.ts';
import { isoLikeText } from '../../domain/log/iso-like-text.ts';

describe('epochMsFromIsoBytes', () => {
  it("gives the domain's parseIsoLike, or NaN for it to decide (property)", () => {
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(isoLikeText, isoLikeText, fc.string({ maxLength: 40 })), (text) => {
        const bytes = new TextEncoder().encode(`"${text}"`);
        const epochMs = epochMsFromIsoBytes(bytes, 1, bytes.length - 1);
        if (Number.isNaN(epochMs)) return;
        read += 1;
        expect(epochMs).toBe(parseIsoLike(text));
      }),
      { numRuns: 20_000 },
    );
    // The property says something only if many texts were read.
    expect(read).toBeGreaterThan(500);
  });

  it("places a time without an offset in the upload's zone as parseIsoLike does (property)", () => {
    const zone = new IntlWallClockZone('America/Los_Angeles');
    let read = 0;
    fc.assert(
      fc.property(isoLikeText, (text) => {
        const bytes = new TextEncoder().encode(text);
        const epochMs = epochMsFromIsoBytes(bytes, 0, bytes.length, zone);
        if (Number.isNaN(epochMs)) return;
        read += 1;
        expect(epochMs).toBe(parseIsoLike(text, zone));
      }),
      { numRuns: 20_000 },
    );
    expect(read).toBeGreaterThan(500);
  });
});

describe('IsoBytesWriter', () => {
  it("writes the domain's isoFromEpochMs, the minute cached or not (property)", () => {
    const writer = new IsoBytesWriter();
    const out = new NdjsonOutput();
    const written = (ms: number): string => {
      out.reset();
      out.reserve(MAX_ISO_LENGTH);
      writer.write(ms, out);
      return new TextDecoder().decode(out.bytes());
    };
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 }), fc.integer({ min: 0, max: 120_000 }), (ms, step) => {
        expect(written(ms)).toBe(isoFromEpochMs(ms));
        expect(written(ms + step)).toBe(isoFromEpochMs(ms + step));
        expect(written(ms + 0.5)).toBe(isoFromEpochMs(ms + 0.5));
      }),
      { numRuns: 20_000 },
    );
  });
});
