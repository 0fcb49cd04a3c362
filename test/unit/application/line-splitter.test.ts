import { describe, expect, it } from 'vitest';
import { countBytes } from '../../../src/application/processing/bytes.ts';
import { splitLines, type Line } from '../../../src/application/processing/line-splitter.ts';
import { bytesOf } from '../../support/builders.ts';

async function collectLines(source: AsyncIterable<Line[]>): Promise<Line[]> {
  const lines: Line[] = [];
  for await (const batch of source) lines.push(...batch);
  return lines;
}
const split = (chunks: (string | Uint8Array)[], max = 100) => collectLines(splitLines(bytesOf(...chunks), max));
const texts = (lines: Line[]) => lines.map((l) => l.text);

describe('splitLines', () => {
  it('splits on LF and CRLF, numbering lines from 1, with or without a final newline', async () => {
    expect(await split(['a\r\nb\n', '\nc'])).toEqual([
      { number: 1, text: 'a', tooLong: false },
      { number: 2, text: 'b', tooLong: false },
      { number: 3, text: '', tooLong: false },
      { number: 4, text: 'c', tooLong: false },
    ]);
    expect(texts(await split(['a\n']))).toEqual(['a']);
    expect(await split([])).toEqual([]);
  });

  it('joins lines cut across chunks, including a multi-byte character cut in half', async () => {
    const euro = Buffer.from('€');
    expect(texts(await split(['hel', 'lo wo', Buffer.from([0x72, 0x6c, 0x64, 0x20, euro[0]!]), euro.subarray(1), '\n']))).toEqual(['hello world €']);
  });

  it('flags an over-long line, keeps only its start, and carries on', async () => {
    const lines = await split(['short\n', 'x'.repeat(60), 'y'.repeat(60), '\nnext\n'], 100);
    expect(lines[1]).toEqual({ number: 2, text: 'x'.repeat(60) + 'y'.repeat(40), tooLong: true });
    expect(lines[2]).toEqual({ number: 3, text: 'next', tooLong: false });
  });

  it('turns invalid UTF-8 into replacement characters instead of failing', async () => {
    expect(texts(await split([Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a])]))).toEqual(['a\uFFFD\uFFFDb']);
  });

  it('drops a UTF-8 byte order mark at the start of the stream', async () => {
    expect(texts(await split([Buffer.from([0xef, 0xbb, 0xbf]), 'first\n']))).toEqual(['first']);
  });

  it('hands over one batch of lines per chunk read', async () => {
    const batches: number[] = [];
    for await (const batch of splitLines(bytesOf('a\nb\nc', '\nd\n'), 10)) batches.push(batch.length);
    expect(batches).toEqual([2, 2]);
  });

  it('counts every byte read, passing the stream through unchanged', async () => {
    let bytes = 0;
    const lines = await collectLines(splitLines(countBytes(bytesOf('ab\n', 'cd'), (n) => (bytes += n)), 10));
    expect(bytes).toBe(5);
    expect(texts(lines)).toEqual(['ab', 'cd']);
  });
});
