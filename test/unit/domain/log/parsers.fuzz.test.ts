import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventAssembler } from '../../../../src/application/processing/event-assembler.ts';
import { splitLines } from '../../../../src/application/processing/line-splitter.ts';
import { LOG_LEVELS } from '../../../../src/domain/job/job-result.ts';
import { parserFor } from '../../../../src/domain/log/parsers/parser-for.ts';
import { LOG_FORMATS } from '../../../../src/domain/upload/log-format.ts';

const UPLOADED = new Date('2026-01-05T12:00:00Z');
const decoder = new TextDecoder();

// Bytes biased towards what breaks parsers: delimiters, quotes, brackets, CR/LF, BOM, invalid UTF-8.
const nasty = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('{', '}', '"', '\\', '=', ' ', '[', ']', '<', '>', ':', '\r', '\n', '\t', '-', '1', 'a', '\uFEFF', '\u0000', 'é') }).map((s) => new TextEncoder().encode(s)),
  fc.constantFrom(new Uint8Array([0xff, 0xfe, 0xfd]), new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xc3])),
);

describe('parsers never throw and always classify (fuzzed)', () => {
  it.each(LOG_FORMATS)('%s', (format) => {
    const parser = parserFor(format, UPLOADED);
    fc.assert(
      fc.property(nasty, (bytes) => {
        const outcome = parser.parse(decoder.decode(bytes), 1);
        expect(['event', 'reject', 'continuation', 'blank']).toContain(outcome.kind);
        if (outcome.kind === 'event') {
          expect(LOG_LEVELS).toContain(outcome.event.level);
          expect(outcome.event.ts === null || !Number.isNaN(Date.parse(outcome.event.ts))).toBe(true);
          expect(() => JSON.stringify(outcome.event)).not.toThrow();
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('the whole pipeline accounts for every line of random files, long lines and CRLF included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nasty, { maxLength: 20 }), fc.constantFrom(...LOG_FORMATS), fc.integer({ min: 8, max: 64 }), async (chunks, format, maxLine) => {
        const assembler = new EventAssembler(parserFor(format, UPLOADED), 256);
        let events = 0;
        for await (const batch of splitLines((async function* () { yield* chunks; })(), maxLine)) {
          for (const line of batch) if (assembler.push(line)) events++;
        }
        if (assembler.finish()) events++;
        const { tally } = assembler;
        const newlines = chunks.reduce((n, c) => n + c.filter((b) => b === 0x0a).length, 0);
        expect(tally.linesTotal).toBeGreaterThanOrEqual(newlines);
        expect(tally.eventsParsed).toBe(events);
        expect(tally.eventsParsed + tally.linesRejected).toBeLessThanOrEqual(tally.linesTotal);
      }),
      { numRuns: 300 },
    );
  });
});
