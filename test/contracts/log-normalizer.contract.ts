import { once } from 'node:events';
import { createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlockNormalizer } from '../../src/adapters/normalizer/pipeline/block-normalizer.ts';
import { DependencyUnavailableError, PermanentJobError } from '../../src/application/errors.ts';
import type { FileNormalization, LogNormalizer } from '../../src/application/ports/log-normalizer.ts';
import type { ParsingSpec } from '../../src/domain/log/parsers/parser-for.ts';
import { JobBudgetExceededError, type JobBudgets } from '../../src/domain/job/job-budgets.ts';
import { emptyTally } from '../../src/domain/job/line-tally.ts';
import { collect } from '../support/builders.ts';

/** Files are cut into blocks of about this size, so a file of a few hundred KiB makes dozens. */
export const CONTRACT_BLOCK_BYTES = 4 * 1024;

const GENEROUS: JobBudgets = {
  maxDecompressedBytes: 1 << 30,
  maxDecompressionRatio: 1000,
  maxLines: 1e9,
  maxOutputBytes: 1 << 30,
  maxCpuSeconds: 3600,
};

const UPLOADED = new Date('2026-01-05T12:00:00Z');
const specWith = (budgets: Partial<JobBudgets> = {}): FileNormalization => ({
  parsing: { format: 'logfmt', referenceTime: UPLOADED },
  maxLineBytes: 1024,
  budgets: { ...GENEROUS, ...budgets },
});
const SPEC = specWith();

/** logfmt lines, every seventh a rejected (empty-key) one. */
function logfmt(count: number, tag = 'a'): string {
  return Array.from({ length: count }, (_, i) =>
    i % 7 === 6 ? '=novalue\n' : `time=2026-01-05T10:${String(i % 60).padStart(2, '0')}:00Z level=${i % 2 ? 'warn' : 'info'} msg="${tag} line ${i}" n=${i}\n`,
  ).join('');
}

/** What reading the whole file line by line must produce: the reference for every adapter. */
function expected(text: string, parsing: ParsingSpec = { format: 'logfmt', referenceTime: UPLOADED }) {
  const { ndjson, tally } = new BlockNormalizer().normalize({ bytes: new TextEncoder().encode(text), firstLine: 1, overlong: [] }, { parsing, maxEventBytes: SPEC.maxLineBytes });
  return { ndjson: Buffer.from(ndjson).toString(), tally };
}

/**
 * Synthetic: a logback-like file whose ERROR events carry a stack trace with unindented lines
 * (an exception header, a response body) that only the file's dialect joins to them.
 */
function tracedLog(count: number): string {
  return Array.from({ length: count }, (_, i) => {
    const time = `2026-01-05 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}`;
    if (i % 5 !== 4) return `${time} INFO  [main] c.e.Service - request ${i} served\n`;
    return (
      `${time} ERROR [main] c.e.Service - request ${i} failed\n` +
      `java.io.IOException: upstream said no (${i})\n\tat c.e.Client.call(Client.java:42)\n\tat c.e.Service.serve(Service.java:7)\n` +
      `response body: <html>${'x'.repeat(i % 300)}</html>\n` +
      `Caused by: java.net.SocketException: reset\n\t... 2 more\n`
    );
  }).join('');
}

/** The bytes in chunks of `chunkBytes`, counting how many chunks were taken. */
function fileOf(bytes: Uint8Array, chunkBytes = 1000, taken = { count: 0 }): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      taken.count += 1;
      yield bytes.slice(offset, offset + chunkBytes);
    }
  })();
}
const textFile = (text: string, chunkBytes?: number) => fileOf(Buffer.from(text), chunkBytes);

/** 512 MiB of one short line, gzip'd at level 9: about a thousand times smaller. Made once. */
let bomb: Promise<Buffer> | null = null;
function gzipBomb(): Promise<Buffer> {
  bomb ??= (async () => {
    const lines = Buffer.alloc(1024 * 1024, 'a=1\n');
    const gzip = createGzip({ level: 9 });
    const compressed = collect(gzip);
    for (let i = 0; i < 512; i++) if (!gzip.write(lines)) await once(gzip, 'drain');
    gzip.end();
    return compressed;
  })();
  return bomb;
}

async function normalized(normalizer: LogNormalizer, file: AsyncIterable<Uint8Array>, spec = SPEC) {
  const output = normalizer.normalize(file, spec);
  // gunzipSync checks the CRC-32 and length of the trailer too.
  return { ndjson: gunzipSync(await collect(output.gzip)).toString(), tally: output.tally() };
}

/**
 * The LogNormalizer port: a file's bytes, plain or gzip'd, in any chunking, become the
 * events of reading it line by line, as one gzip stream, within the job's budgets.
 * `setup` builds the adapter to cut files into blocks of CONTRACT_BLOCK_BYTES.
 */
export function logNormalizerContract(name: string, setup: () => Promise<{ normalizer: LogNormalizer; close?: () => Promise<void> }>): void {
  describe(`LogNormalizer contract: ${name}`, () => {
    let normalizer: LogNormalizer;
    let close: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      ({ normalizer, close } = await setup());
    });
    afterEach(async () => {
      await close?.();
    });

    it('normalizes a file of many blocks, in order, into one valid gzip stream, with the tally of the whole', async () => {
      const text = logfmt(3_000);
      const result = await normalized(normalizer, textFile(text, 777));
      expect(result).toEqual(expected(text));
      const { linesTotal, linesRejected, eventsParsed } = result.tally;
      expect({ linesTotal, accounted: linesRejected + eventsParsed }).toEqual({ linesTotal: 3_000, accounted: 3_000 });
      expect(linesRejected).toBeGreaterThan(400);
    });

    it('reads a custom format over many blocks as line by line, unmatched lines joined to the event before', async () => {
      // Where blocks run on threads, each thread compiles the pattern from the plain spec.
      const parsing: ParsingSpec = {
        format: 'custom',
        referenceTime: SPEC.parsing.referenceTime,
        custom: { pattern: String.raw`^(?P<ts>\S+) (?P<level>\w+) (?P<message>.*?)(?: n=(?P<n>\d+))?$`, timeFormat: '%Y-%m-%dT%H:%M:%S%z', unmatchedLines: 'continue' },
      };
      const spec: FileNormalization = { ...SPEC, parsing };
      const text = Array.from({ length: 2_000 }, (_, i) => `2026-01-05T10:00:${String(i % 60).padStart(2, '0')}Z ${i % 2 ? 'WARN' : 'INFO'} line ${i} n=${i}\n${i % 5 ? '' : '\tat frame\n'}`).join('');
      const result = await normalized(normalizer, textFile(text, 777), spec);
      const line = new BlockNormalizer().normalize({ bytes: new TextEncoder().encode(text), firstLine: 1, overlong: [] }, { parsing, maxEventBytes: spec.maxLineBytes });
      expect(result).toEqual({ ndjson: Buffer.from(line.ndjson).toString(), tally: line.tally });
      expect(result.tally).toMatchObject({ linesTotal: 2_400, eventsParsed: 2_000, linesRejected: 0 });
      expect(JSON.parse(result.ndjson.split('\n')[0]!)).toEqual({ ts: '2026-01-05T10:00:00.000Z', level: 'info', message: 'line 0\n\tat frame', attrs: { n: '0' }, line: 1 });
    });

    it('reads a gzip\'d file as its content, whatever its chunking (the magic bytes split too)', async () => {
      const text = logfmt(2_000);
      const gz = gzipSync(text);
      for (const chunkBytes of [1, 3, 4096]) expect(await normalized(normalizer, fileOf(gz, chunkBytes))).toEqual(expected(text));
    });

    it('gives a valid, empty gzip stream and a zero tally for an empty file', async () => {
      expect(await normalized(normalizer, fileOf(new Uint8Array(0)))).toEqual({ ndjson: '', tally: emptyTally() });
      expect((await normalized(normalizer, fileOf(gzipSync('')))).tally).toEqual(emptyTally());
    });

    it('tells the tally only once the output has been read to its end', async () => {
      const output = normalizer.normalize(textFile(logfmt(3)), SPEC);
      expect(() => output.tally()).toThrow(/read to its end/);
      await collect(output.gzip);
      expect(output.tally().linesTotal).toBe(3);
    });

    it('reads the file only a little ahead of the output it is asked for, and stops when the reader does', async () => {
      const taken = { count: 0 };
      const output = normalizer.normalize(fileOf(Buffer.from(logfmt(60_000)), 4096, taken), SPEC);
      const iterator = output.gzip[Symbol.asyncIterator]();
      await iterator.next();
      await iterator.next();
      expect(taken.count).toBeGreaterThan(0);
      expect(taken.count).toBeLessThan(600);
      await iterator.return?.(undefined);
      const atStop = taken.count;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(taken.count).toBeLessThanOrEqual(atStop + 16);
    });

    it('fails with the error of the file stream, as it comes, plain or gzip\'d', async () => {
      for (const bytes of [Buffer.from(logfmt(500)), gzipSync(logfmt(500))]) {
        const failing = (async function* () {
          yield bytes.subarray(0, 5_000);
          throw new DependencyUnavailableError('storage');
        })();
        await expect(collect(normalizer.normalize(failing, SPEC).gzip)).rejects.toBeInstanceOf(DependencyUnavailableError);
      }
    });

    it('fails a corrupt or truncated gzip file with a permanent error', async () => {
      const gz = gzipSync(logfmt(200));
      const damaged = Buffer.concat([gz.subarray(0, 12), Buffer.from('garbage garbage garbage'), gz.subarray(12)]);
      for (const bytes of [damaged, gz.subarray(0, gz.length - 6)]) {
        const failure = collect(normalizer.normalize(fileOf(bytes), SPEC).gzip);
        await expect(failure).rejects.toBeInstanceOf(PermanentJobError);
        await expect(failure).rejects.toThrow(/gzip-compressed but is corrupt/);
      }
    });

    it('fails a file past a budget at once, naming the budget', async () => {
      const bomb = await gzipBomb();
      const cases: [Partial<JobBudgets>, Uint8Array, string][] = [
        [{ maxDecompressedBytes: 1024 * 1024 }, gzipSync(logfmt(20_000)), 'maxDecompressedBytes'],
        [{ maxDecompressionRatio: 100 }, bomb, 'maxDecompressionRatio'],
        [{ maxLines: 1_000 }, Buffer.from(logfmt(20_000)), 'maxLines'],
        [{ maxOutputBytes: 10_000 }, Buffer.from(logfmt(20_000)), 'maxOutputBytes'],
        [{ maxCpuSeconds: 1e-6 }, Buffer.from(logfmt(20_000)), 'maxCpuSeconds'],
      ];
      for (const [budgets, bytes, budget] of cases) {
        const taken = { count: 0 };
        const failure = collect(normalizer.normalize(fileOf(bytes, 4096, taken), specWith(budgets)).gzip);
        await expect(failure, budget).rejects.toBeInstanceOf(JobBudgetExceededError);
        await expect(failure, budget).rejects.toMatchObject({ budget, code: 'JOB_BUDGET_EXCEEDED', message: expect.stringContaining(budget) });
        // At once: the bomb fails long before its 512 MiB are inflated (a fraction of it is read).
        if (budget === 'maxDecompressionRatio') expect(taken.count * 4096).toBeLessThan(bytes.length / 2);
      }
    });

    it('keeps within its budgets a gzip\'d file of ordinary ratio', async () => {
      const text = logfmt(40_000);
      const gz = gzipSync(text, { level: 9 });
      expect(text.length / gz.length).toBeLessThan(50);
      expect((await normalized(normalizer, fileOf(gz, 4096), specWith({ maxDecompressionRatio: 50 }))).tally.linesTotal).toBe(40_000);
    });

    it('reads an `auto` file as its head says, every block with the same dialect: no trace is split or cut loose', async () => {
      const text = tracedLog(2_000);
      const spec: FileNormalization = { ...SPEC, maxLineBytes: 4096, parsing: { format: 'auto', referenceTime: UPLOADED } };
      const output = normalizer.normalize(textFile(text, 1000), spec);
      const ndjson = gunzipSync(await collect(output.gzip)).toString();
      const dialect = { time: { layout: 'iso8601', column: 0 }, level: 'after-time' };
      expect(output.detection()).toEqual({ format: 'text', dialect, readsAs: 'text' });
      const reference = { ...expected(text, { format: 'text', referenceTime: UPLOADED, dialect: output.detection().dialect }) };
      expect({ ndjson, tally: output.tally() }).toEqual(reference);
      expect(output.tally().eventsParsed).toBe(2_000);
      const events = ndjson.trimEnd().split('\n').map((line) => JSON.parse(line) as { level: string; message: string });
      expect(events.filter((event) => event.message.includes('\nresponse body:')).map((event) => event.level)).toEqual(Array(400).fill('error'));
    });

    it('tells what the file was read as only once the output has been read to its end', async () => {
      const output = normalizer.normalize(textFile(logfmt(3)), { ...SPEC, parsing: { format: 'auto', referenceTime: UPLOADED } });
      expect(() => output.detection()).toThrow(/read to its end/);
      await collect(output.gzip);
      expect(output.detection()).toEqual({ format: 'logfmt', dialect: null, readsAs: 'logfmt' });
    });

    it('serves several files at once, each in its own order', async () => {
      const texts = [logfmt(1_000, 'a'), logfmt(3_000, 'b'), logfmt(50, 'c')];
      const outputs = await Promise.all(texts.map((text, i) => normalized(normalizer, i === 1 ? fileOf(gzipSync(text), 512) : textFile(text))));
      expect(outputs).toEqual(texts.map((text) => expected(text)));
    });
  });
}
