import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InlineLogNormalizer } from '../../../../src/adapters/normalizer/inline-log-normalizer.ts';
import type { FileNormalization } from '../../../../src/application/ports/log-normalizer.ts';
import type { RequestedLogFormat } from '../../../../src/domain/upload/log-format.ts';
import { collect } from '../../../support/builders.ts';

const spec = (format: RequestedLogFormat, maxLineBytes = 1 << 20): FileNormalization => ({
  parsing: { format, referenceTime: new Date('2026-01-05T12:00:00Z') },
  maxLineBytes,
  budgets: { maxDecompressedBytes: 1 << 30, maxDecompressionRatio: 1000, maxLines: 1e9, maxOutputBytes: 1 << 30, maxCpuSeconds: 600 },
});

async function read(content: string | Uint8Array, format: RequestedLogFormat, options: { blockBytes?: number; maxLineBytes?: number } = {}) {
  const output = new InlineLogNormalizer({ blockBytes: options.blockBytes }).normalize(
    (async function* () {
      yield typeof content === 'string' ? new TextEncoder().encode(content) : content;
    })(),
    spec(format, options.maxLineBytes),
  );
  const text = gunzipSync(await collect(output.gzip)).toString();
  const events = text === '' ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as { message: string; line: number });
  return { events, detection: output.detection() };
}

// Synthetic files through the LogNormalizer port: what `auto` and a text dialect do to a whole file.
describe('log_format auto, through the normalizer', () => {
  it('detects the format of a gzip\'d file from its inflated lines', async () => {
    const { detection, events } = await read(gzipSync('{"msg":"a"}\n{"msg":"b"}\n'), 'auto');
    expect(detection.format).toBe('json');
    expect(events.map((event) => event.message)).toEqual(['a', 'b']);
  });

  it('judges a file whose first line is longer than the head by that whole line', async () => {
    const long = `{"msg":"${'x'.repeat(100_000)}"}`;
    expect((await read(`${long}\n{"msg":"b"}\n`, 'auto')).detection.format).toBe('json');
  });

  it('reads a text file asked for as text with its dialect: an unindented line without the time continues the event', async () => {
    const file = '2026-01-05 10:00:00 ERROR request failed\nresponse body: <html>oops</html>\n2026-01-05 10:00:01 INFO next\n';
    const { events, detection } = await read(file, 'text');
    expect(detection).toEqual({ format: 'text', dialect: { time: { layout: 'iso8601', column: 0 }, level: 'after-time' }, readsAs: 'text' });
    expect(events.map((event) => event.message)).toEqual(['request failed\nresponse body: <html>oops</html>', 'next']);
  });

  it('cuts blocks only where the dialect starts an event, so a long trace stays whole across many blocks', async () => {
    const trace = Array.from({ length: 400 }, (_, i) => `main.handler${i}()`).join('\n');
    const file = `2026-01-05 10:00:00 ERROR panic\n${trace}\n2026-01-05 10:00:01 INFO after\n`;
    const { events } = await read(file, 'auto', { blockBytes: 512 });
    expect(events.map((event) => event.line)).toEqual([1, 402]);
    expect(events[0]!.message.split('\n')).toHaveLength(401);
  });

  it('still starts an event at a line opening with a time in another spelling (two logs joined into one file)', async () => {
    const first = Array.from({ length: 20 }, (_, i) => `2026-01-05 10:00:${String(i).padStart(2, '0')} INFO a${i}`);
    const second = ['2026/01/05 11:00:00 [error] b0', 'detail of b0', '2026/01/05 11:00:01 [warn] b1'];
    const { events } = await read([...first, ...second, ''].join('\n'), 'auto');
    expect(events.slice(-3).map((event) => event.message)).toEqual(['a19', 'b0\ndetail of b0', 'b1']);
    expect(events).toHaveLength(22);
  });

  it('reads an empty file as text, with nothing detected', async () => {
    expect(await read('', 'auto')).toEqual({ events: [], detection: { format: 'text', dialect: null, readsAs: null } });
  });
});
