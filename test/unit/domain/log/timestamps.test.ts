import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromEpochMs, parseIsoLike, parseTimestampValue } from '../../../../src/domain/log/timestamps.ts';
import { isoLikeText } from './iso-like-text.ts';

/** The ISO-8601-like spellings parseIsoLike reads, restated as a pattern. */
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s?(Z|[+-]\d{2}:?\d{2})?$/i;

function byPattern(text: string): number | null {
  const m = ISO_LIKE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  if (Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const offset = !zone || zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
  const epochMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offset;
  return Number.isNaN(new Date(epochMs).getTime()) ? null : epochMs;
}

describe('parseIsoLike', () => {
  it('reads what the pattern describes, and nothing else (property)', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.oneof(isoLikeText, isoLikeText, fc.string({ maxLength: 40 })), (text) => {
        const want = byPattern(text);
        expect(parseIsoLike(text)).toBe(want);
        if (want !== null) read += 1;
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
    [' 2026-01-05 10:00:00 +0100 ', Date.UTC(2026, 0, 5, 9)],
  ])('reads the spellings loggers write: %s', (text, want) => {
    expect(parseIsoLike(text)).toBe(want);
  });

  it.each(['2026-13-05T10:00:00Z', '2026-01-05T10:00:00.Z', '2026-01-05T10:00:00.1234567890Z', '2026-01-05T10:00:00  Z', '2026-01-05T10:00', 'yesterday'])(
    'refuses %s',
    (text) => expect(parseIsoLike(text)).toBeNull(),
  );
});

describe('isoFromEpochMs', () => {
  it('formats exactly like Date#toISOString (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 }), (ms) => {
        expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 10_000 },
    );
  });

  it('drops fractions of a millisecond', () => {
    expect(isoFromEpochMs(1767614400250.7)).toBe('2026-01-05T12:00:00.250Z');
    expect(isoFromEpochMs(-62198755200000)).toBe(new Date(-62198755200000).toISOString());
  });
});

describe('parseTimestampValue', () => {
  // 2026-01-05T12:00:00.123Z in each unit, as a number and as a numeric string.
  it.each([
    ['seconds', 1767614400.123],
    ['milliseconds', 1767614400123],
    ['microseconds', 1767614400123456],
    ['nanoseconds', 1767614400123456000],
  ])('tells epoch %s apart by magnitude', (_, value) => {
    expect(parseTimestampValue(value)).toBeCloseTo(1767614400123, -1);
    expect(parseTimestampValue(String(value))).toBeCloseTo(1767614400123, -1);
  });

  it('reads journald\'s microsecond string exactly, and 1973 to 5138 in every unit', () => {
    expect(isoFromEpochMs(parseTimestampValue('1534860261221373')!)).toBe('2018-08-21T14:04:21.221Z');
    expect(isoFromEpochMs(parseTimestampValue('1534860261221373999')!)).toBe('2018-08-21T14:04:21.221Z');
    expect(isoFromEpochMs(parseTimestampValue(1e11 - 1)!)).toBe('5138-11-16T09:46:39.000Z');
    expect(isoFromEpochMs(parseTimestampValue(1e11)!)).toBe('1973-03-03T09:46:40.000Z');
    expect(parseTimestampValue('12345678901234567890')).toBeNull();
  });
});
