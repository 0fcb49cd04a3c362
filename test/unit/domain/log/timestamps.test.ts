import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochMsFromIsoBytes, isoFromEpochMs, isoLikeByPattern, parseIsoLike } from '../../../../src/domain/log/timestamps.ts';

describe('isoFromEpochMs', () => {
  it('formats exactly like Date#toISOString, cached minute or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 }), fc.integer({ min: 0, max: 120_000 }), (ms, step) => {
        expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
        expect(isoFromEpochMs(ms + step)).toBe(new Date(ms + step).toISOString());
      }),
      { numRuns: 5_000 },
    );
  });

  it('drops fractions of a millisecond as Date does for positive times', () => {
    expect(isoFromEpochMs(1767614400250.7)).toBe('2026-01-05T12:00:00.250Z');
  });
});

describe('epochMsFromIsoBytes', () => {
  // Fields mostly in range, now and then just beyond it.
  const field = (max: number) => fc.oneof({ arbitrary: fc.integer({ min: 0, max }), weight: 9 }, { arbitrary: fc.integer({ min: 0, max: 99 }), weight: 1 }).map((n) => String(n).padStart(2, '0'));
  const isoLike = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      field(12), field(31), fc.constantFrom('T', 'T', 't', ' ', '_'), field(23), field(59), field(60),
      fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('.', ','), fc.stringMatching(/^\d{0,11}$/)).map(([s, d]) => s + d)),
      fc.constantFrom('', '', 'Z', 'Z', 'z', 'Q', ' ', ' Z'),
      fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('+', '-'), field(23), fc.constantFrom('', ':', ':', ';'), field(59), fc.constantFrom('', '', '0')).map((parts) => parts.join(''))),
      fc.constantFrom('', '', '', ' ', 'x'),
    )
    .map(([y, mo, d, t, h, mi, s, fraction, z, zone, tail]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${fraction}${z}${zone}${tail}`);

  it('gives what the pattern gives, or NaN for it to decide; parseIsoLike gives what the pattern gives (property)', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(isoLike, isoLike, fc.string({ maxLength: 40 })), (text) => {
        const bytes = new TextEncoder().encode(`"${text}"`);
        expect(parseIsoLike(text)).toEqual(isoLikeByPattern(text));
        const epochMs = epochMsFromIsoBytes(bytes, 1, bytes.length - 1);
        if (Number.isNaN(epochMs)) return;
        read += 1;
        expect(epochMs).toBe(isoLikeByPattern(text)?.getTime());
      }),
      { numRuns: 20_000 },
    );
    // The property says something only if many texts were read.
    expect(read).toBeGreaterThan(1_000);
  });

  it.each([
    ['2026-01-05T10:00:00Z', Date.UTC(2026, 0, 5, 10)],
    ['2026-01-05 10:00:00,5', Date.UTC(2026, 0, 5, 10, 0, 0, 500)],
    ['2026-01-05T10:00:00.123456789+02:00', Date.UTC(2026, 0, 5, 8, 0, 0, 123)],
    ['2026-01-05T10:00:00-0130', Date.UTC(2026, 0, 5, 11, 30)],
  ])('reads the spellings loggers write: %s', (text, want) => {
    const bytes = new TextEncoder().encode(text);
    expect(epochMsFromIsoBytes(bytes, 0, bytes.length)).toBe(want);
  });
});
