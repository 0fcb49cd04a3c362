import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromEpochMs } from '../../../../src/domain/log/timestamps.ts';

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
