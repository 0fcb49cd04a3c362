import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockNormalizer } from '../../../../src/adapters/normalizer/pipeline/block-normalizer.ts';
import { eventStarts, splitIntoBlocks } from '../../../../src/adapters/normalizer/pipeline/line-blocks.ts';
import { addTally } from '../../../../src/adapters/normalizer/pipeline/tally-counter.ts';
import { emptyTally } from '../../../../src/domain/job/line-tally.ts';
import { parserFor } from '../../../../src/domain/log/parsers/parser-for.ts';
import { Re2LinePatternCompiler } from '../../../../src/adapters/re2js/re2-line-pattern-compiler.ts';
import { LOG_FORMATS, type LogFormat } from '../../../../src/domain/upload/log-format.ts';
import { nasty } from '../../domain/log/nasty-bytes.ts';

const UPLOADED = new Date('2026-01-05T12:00:00Z');

// Files of plausible lines (events, stack frames, blanks, over-long lines) cut into random chunks.
const LINES = [
  '2026-01-05 10:00:00 ERROR boom', '\tat com.example.Y(Y.java:1)', '  indented', 'Caused by: java.io.IOException', '',
  'plain words', '{"level":"info","msg":"m","n":1}', 'level=warn msg="x y"', '<13>Jan  5 10:00:00 host app: hi', 'x'.repeat(70),
];
const lineFile = fc
  .tuple(fc.array(fc.constantFrom(...LINES), { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(), { maxLength: 8 }))
  .map(([lines, eol, cuts]) => {
    const bytes = new TextEncoder().encode(lines.join(eol));
    const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    return [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length));
  });

describe('blocks of a file, normalized (fuzzed)', () => {
  it('the whole pipeline accounts for every line of random files, long lines and CRLF included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nasty, { maxLength: 20 }), fc.constantFrom(...LOG_FORMATS), fc.integer({ min: 8, max: 64 }), async (chunks, format, maxLine) => {
        const { events, tally } = await normalizeAll(chunks, format, { blockBytes: 16, maxLineBytes: maxLine });
        const newlines = chunks.reduce((n, c) => n + c.filter((b) => b === 0x0a).length, 0);
        expect(tally.linesTotal).toBeGreaterThanOrEqual(newlines);
        expect(tally.eventsParsed).toBe(events.length);
        expect(tally.eventsParsed + tally.linesRejected).toBeLessThanOrEqual(tally.linesTotal);
      }),
      { numRuns: 300 },
    );
  });

  it('cutting a file into blocks, anywhere it may be cut, changes no event and no count', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(lineFile, fc.array(nasty, { maxLength: 20 })), fc.constantFrom(...LOG_FORMATS), fc.integer({ min: 1, max: 200 }), async (chunks, format, blockBytes) => {
        const whole = await normalizeAll(chunks, format, { blockBytes: 1 << 30, maxLineBytes: 64 });
        const cut = await normalizeAll(chunks, format, { blockBytes, maxLineBytes: 64 });
        expect(cut).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });
});

/** Every event and the tally of a file read through blocks, as the worker reads it. */
async function normalizeAll(chunks: Uint8Array[], format: LogFormat, sizes: { blockBytes: number; maxLineBytes: number }) {
  // A custom format whose unmatched lines continue the event before: blocks must not split those either.
  const parsing = { format, referenceTime: UPLOADED, custom: { pattern: String.raw`^(?P<ts>\d\S*) (?P<message>.*)`, timeFormat: null, unmatchedLines: 'continue' } } as const;
  const parser = parserFor(parsing, { patterns: new Re2LinePatternCompiler() });
  const blocks = splitIntoBlocks((async function* () { yield* chunks; })(), {
    ...sizes,
    startsEvent: eventStarts(parser),
  });
  const normalizer = new BlockNormalizer();
  const tally = emptyTally();
  const events: unknown[] = [];
  for await (const block of blocks) {
    const normalized = normalizer.normalize(block, { parsing, maxEventBytes: 256 });
    events.push(...Buffer.from(normalized.ndjson).toString().split('\n').filter(Boolean).map((line): unknown => JSON.parse(line)));
    addTally(tally, normalized.tally);
  }
  return { events, tally };
}
