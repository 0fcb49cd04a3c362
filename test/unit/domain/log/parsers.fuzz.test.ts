import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOG_LEVELS } from '../../../../src/domain/job/job-result.ts';
import { parserFor } from '../../../../src/domain/log/parsers/parser-for.ts';
import { LOG_FORMATS } from '../../../../src/domain/upload/log-format.ts';
import { Re2LinePatternCompiler } from '../../../../src/adapters/re2js/re2-line-pattern-compiler.ts';
import { nasty } from './nasty-bytes.ts';

const UPLOADED = new Date('2026-01-05T12:00:00Z');
const decoder = new TextDecoder();
// The custom format with every role and a time layout: each of them meets the nasty bytes.
const CUSTOM = { pattern: String.raw`^(?P<ts>\S+ \S+) \[(?P<level>\w*)\] (?P<who>[^:]*): (?P<message>.*)$`, timeFormat: '%Y-%m-%d %H:%M:%S', unmatchedLines: 'reject' } as const;

describe('parsers never throw and always classify (fuzzed)', () => {
  it.each(LOG_FORMATS)('%s', (format) => {
    const parser = parserFor({ format, referenceTime: UPLOADED, custom: CUSTOM }, { patterns: new Re2LinePatternCompiler() });
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
});
