import fc from 'fast-check';

// Fields mostly in range, now and then just beyond it.
const field = (max: number) => fc.oneof({ arbitrary: fc.integer({ min: 0, max }), weight: 9 }, { arbitrary: fc.integer({ min: 0, max: 99 }), weight: 1 }).map((n) => String(n).padStart(2, '0'));
/** Texts close to the ISO-8601 spellings loggers write, and now and then just beside them. */
export const isoLikeText = fc
  .tuple(
    fc.constantFrom('', '', '', ' ', '\t'),
    fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    field(12), field(31), fc.constantFrom('T', 'T', 't', ' ', '_'), field(23), field(59), field(60),
    fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('.', ','), fc.stringMatching(/^\d{0,11}$/)).map(([s, d]) => s + d)),
    fc.constantFrom('', '', 'Z', 'Z', 'z', 'Q', ' ', ' Z', '\u00a0', '  '),
    fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('+', '-'), field(23), fc.constantFrom('', ':', ':', ';'), field(59), fc.constantFrom('', '', '0')).map((parts) => parts.join(''))),
    fc.constantFrom('', '', '', ' ', 'x'),
  )
  .map(([lead, y, mo, d, t, h, mi, s, fraction, z, zone, tail]) => `${lead}${y}-${mo}-${d}${t}${h}:${mi}:${s}${fraction}${z}${zone}${tail}`);
