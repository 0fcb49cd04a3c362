import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeEventLine } from '../../../../src/adapters/normalizer/pipeline/event-line.ts';
import { NdjsonOutput } from '../../../../src/adapters/normalizer/pipeline/ndjson-output.ts';
import type { NormalizedEvent } from '../../../../src/domain/log/normalized-event.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** What writeEventLine wrote, decoded (fatal: it must be valid UTF-8). */
function written(...events: NormalizedEvent[]): string {
  const out = new NdjsonOutput();
  for (const event of events) writeEventLine(out, event);
  return decoder.decode(out.bytes());
}

const reference = (...events: NormalizedEvent[]) => events.map((event) => `${JSON.stringify(event)}\n`).join('');

const event = (message: string, attrs: Record<string, unknown> = {}, ts: string | null = '2026-01-05T00:00:00.000Z'): NormalizedEvent => ({
  ts, level: 'info', message, attrs, line: 7,
});

// Any UTF-16 code units, lone surrogates included.
const anyText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));

describe('an event written as a JSON line straight into bytes', () => {
  it.each([
    ['plain ASCII', 'GET /index.html HTTP/1.1'],
    ['quotes and backslashes', 'say "hi" \\ C:\\path\\"x"'],
    ['every control character', Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('') + '\u007f'],
    ['a stack trace joined to its line', 'failed\n\tat com.example.Run(Run.java:1)\r\n'],
    ['non-ASCII of two, three and four bytes', 'café — 東京 😀'],
    ['lone surrogates, high and low, at the ends and inside', '\ud800x\udc00 \udbff\ud83d'],
    ['the empty string', ''],
  ])('writes %s as JSON.stringify does', (_, message) => {
    const tricky = event(message, { [message]: message, note: `${message}!` }, null);
    expect(written(tricky)).toBe(reference(tricky));
  });

  it('writes attrs of every kind as JSON.stringify does: numbers, booleans, null, nested values, left-out members', () => {
    const attrs = {
      int: 42, negative: -3, fraction: 1.5, tiny: 1e-7, huge: 2 ** 70, minusZero: -0, nan: Number.NaN, infinite: Infinity,
      yes: true, no: false, nothing: null, missing: undefined, fn: () => 1,
      list: ['a', 1, null, undefined], nested: { deep: { "k\"ey": 'v\n' }, gone: undefined }, date: new Date(0),
      2: 'an index key, written first', '': 'empty key',
    };
    const tricky = event('m', attrs);
    expect(written(tricky)).toBe(reference(tricky));
  });

  it('writes any strings as JSON.stringify does, one event after another', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyText, anyText, anyText), { minLength: 1, maxLength: 5 }), (parts) => {
        const events = parts.map(([message, key, value]) => event(message, { [key]: value, n: message.length }));
        expect(written(...events)).toBe(reference(...events));
      }),
    );
  });

  it('grows its buffer for a long message', () => {
    const long = event(`${'x'.repeat(300_000)}é"${'\u0001'.repeat(100_000)}`);
    expect(written(long)).toBe(reference(long));
  });
});
