import fc from 'fast-check';

// Bytes biased towards what breaks parsers: delimiters, quotes, brackets, CR/LF, BOM, invalid UTF-8.
export const nasty = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('{', '}', '"', '\\', '=', ' ', '[', ']', '<', '>', ':', '\r', '\n', '\t', '-', '1', 'a', '\uFEFF', '\u0000', 'é') }).map((s) => new TextEncoder().encode(s)),
  fc.constantFrom(new Uint8Array([0xff, 0xfe, 0xfd]), new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xc3])),
);
