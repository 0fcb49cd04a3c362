import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InlineLogNormalizer } from '../../src/adapters/normalizer/inline-log-normalizer.ts';
import type { FormatDetection } from '../../src/domain/log/format-detection.ts';
import type { TextDialect } from '../../src/domain/log/text-dialect.ts';
import type { LogFormat, RequestedLogFormat } from '../../src/domain/upload/log-format.ts';
import { collect } from './builders.ts';

const CORPUS = join(import.meta.dirname, '../corpus');

/** What a careful human reading the file gets from it, written from its lines, not from the parser's output. */
export interface CorpusCase {
  /** Path under test/corpus (its origin and licence in test/corpus/SOURCES.md). */
  readonly file: string;
  readonly format: LogFormat;
  /** What `auto` must pick for it, when a person would pick another format than `format` (rare). */
  readonly detected?: LogFormat;
  /** For text: the dialect its first lines teach (null: none, the built-in continuation rules apply). */
  readonly dialect?: TextDialect | null;
  /** When the file was uploaded: dates times without a year. */
  readonly uploadedAt?: string;
  readonly events: number;
  readonly withTime: number;
  readonly withLevel: number;
  /** Events made of more than one line (a stack trace joined to the line that logged it). */
  readonly multiLine?: number;
  /** A few events, exactly: by their first line's number. */
  readonly samples?: readonly { readonly line: number; readonly ts: string | null; readonly level: string; readonly message: string; readonly attrs?: Record<string, unknown> }[];
}

interface Event {
  readonly ts: string | null;
  readonly level: string;
  readonly message: string;
  readonly attrs: Record<string, unknown>;
  readonly line: number;
}

/** The file's events, read through the LogNormalizer port as the worker reads an upload. */
export async function eventsOf(file: string, format: RequestedLogFormat, uploadedAt = '2026-01-05T12:00:00Z'): Promise<Event[]> {
  return (await readCorpusFile(file, format, uploadedAt)).events;
}

/** The file's events and what the normalizer decided from its head. */
export async function readCorpusFile(
  file: string,
  format: RequestedLogFormat,
  uploadedAt = '2026-01-05T12:00:00Z',
): Promise<{ events: Event[]; detection: FormatDetection }> {
  const bytes = readFileSync(join(CORPUS, file));
  const output = new InlineLogNormalizer().normalize(
    (async function* () {
      yield new Uint8Array(bytes);
    })(),
    {
      parsing: { format, referenceTime: new Date(uploadedAt) },
      maxLineBytes: 1 << 20,
      budgets: { maxDecompressedBytes: 1 << 30, maxDecompressionRatio: 1000, maxLines: 1e9, maxOutputBytes: 1 << 30, maxCpuSeconds: 600 },
    },
  );
  const text = gunzipSync(await collect(output.gzip)).toString('utf8');
  const events = text === '' ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as Event);
  return { events, detection: output.detection() };
}

/** Per file: its counts and its sample events, and that `auto` picks the format a person would, with the same events. */
export function corpusSuite(name: string, cases: readonly CorpusCase[]): void {
  describe(`real-world corpus: ${name}`, () => {
    for (const corpusCase of cases) {
      it(`reads ${corpusCase.file} as ${corpusCase.format}`, async () => {
        const events = await eventsOf(corpusCase.file, corpusCase.format, corpusCase.uploadedAt);
        const counts = {
          events: events.length,
          withTime: events.filter((event) => event.ts !== null).length,
          withLevel: events.filter((event) => event.level !== 'unknown').length,
          ...(corpusCase.multiLine === undefined ? {} : { multiLine: events.filter((event) => event.message.includes('\n')).length }),
        };
        const { file: _f, format: _fo, detected: _d, dialect: _di, uploadedAt: _u, samples = [], ...expected } = corpusCase;
        expect(counts).toEqual(expected);
        for (const sample of samples) {
          const event = events.find((candidate) => candidate.line === sample.line);
          expect(event, `an event starting at line ${sample.line}`).toBeDefined();
          const { attrs, ...rest } = sample;
          expect({ ts: event!.ts, level: event!.level, message: event!.message, line: event!.line }).toEqual(rest);
          if (attrs) expect(event!.attrs).toMatchObject(attrs);
        }
      });
      const detected = corpusCase.detected ?? corpusCase.format;
      it(`detects ${corpusCase.file} as ${detected} under auto`, async () => {
        const auto = await readCorpusFile(corpusCase.file, 'auto', corpusCase.uploadedAt);
        expect(auto.detection.format).toBe(detected);
        if (corpusCase.dialect !== undefined) expect(auto.detection.dialect).toEqual(corpusCase.dialect);
        if (detected === corpusCase.format) expect(auto.events).toEqual(await eventsOf(corpusCase.file, corpusCase.format, corpusCase.uploadedAt));
      });
    }
  });
}
