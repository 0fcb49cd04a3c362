import { describe, expect, it } from 'vitest';
import { BlockNormalizer } from '../../../../src/adapters/normalizer/pipeline/block-normalizer.ts';
import { eventStarts, splitIntoBlocks, type BlockOptions, type LineBlock } from '../../../../src/adapters/normalizer/pipeline/line-blocks.ts';
import { parserFor } from '../../../../src/domain/log/parsers/parser-for.ts';
import { bytesOf } from '../../../support/builders.ts';

const SPEC = { parsing: { format: 'text' as const, referenceTime: new Date('2026-03-01T12:00:00Z') }, maxEventBytes: 1000 };
const LINES_ALONE: BlockOptions = { blockBytes: 1 << 20, maxLineBytes: 100, startsEvent: null };

async function blocksOf(chunks: (string | Uint8Array)[], options: BlockOptions = LINES_ALONE): Promise<LineBlock[]> {
  const blocks: LineBlock[] = [];
  for await (const block of splitIntoBlocks(bytesOf(...chunks), options)) blocks.push(block);
  return blocks;
}

/** The events of the blocks, as the worker writes them, with the tallies' rejects. */
async function read(chunks: (string | Uint8Array)[], options: BlockOptions = LINES_ALONE) {
  const events: { line: number; message: string }[] = [];
  const rejected: { line: number; reason: string }[] = [];
  for (const block of await blocksOf(chunks, options)) {
    const { ndjson, tally } = new BlockNormalizer().normalize(block, SPEC);
    events.push(...Buffer.from(ndjson).toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { line: number; message: string }).map(({ line, message }) => ({ line, message })));
    rejected.push(...tally.sampleErrors);
  }
  return { events, rejected };
}
const messages = async (chunks: (string | Uint8Array)[]) => (await read(chunks)).events.map((e) => e.message);

describe('splitIntoBlocks', () => {
  it('numbers lines from 1 across chunks, on LF and CRLF, with or without a final newline', async () => {
    expect((await read(['a\r\nb\n', '\nc'])).events).toEqual([
      { line: 1, message: 'a' },
      { line: 2, message: 'b' },
      { line: 4, message: 'c' },
    ]);
    expect(await messages(['a\n'])).toEqual(['a']);
    expect(await blocksOf([])).toEqual([]);
  });

  it('joins lines cut across chunks, including a multi-byte character cut in half', async () => {
    const euro = Buffer.from('€');
    expect(await messages(['hel', 'lo wo', Buffer.from([0x72, 0x6c, 0x64, 0x20, euro[0]!]), euro.subarray(1), '\n'])).toEqual(['hello world €']);
  });

  it('rejects an over-long line without keeping its bytes, across chunks too, and carries on', async () => {
    const { events, rejected } = await read(['short\n', 'x'.repeat(60), 'y'.repeat(60), 'z'.repeat(500), '\nnext\n', `${'w'.repeat(101)}\nlast`]);
    expect(events).toEqual([
      { line: 1, message: 'short' },
      { line: 3, message: 'next' },
      { line: 5, message: 'last' },
    ]);
    expect(rejected).toEqual([
      { line: 2, reason: 'line exceeds the maximum line length' },
      { line: 4, reason: 'line exceeds the maximum line length' },
    ]);
    const [block] = await blocksOf(['short\n', 'x'.repeat(600), '\nnext\n']);
    expect(new TextDecoder().decode(block!.bytes)).toBe('short\n\nnext\n');
    expect(block!.overlong).toEqual([2]);
  });

  it('turns invalid UTF-8 into replacement characters instead of failing', async () => {
    expect(await messages([Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a])])).toEqual(['a\uFFFD\uFFFDb']);
  });

  it('drops a byte order mark at the start of the stream, even cut across chunks, and keeps one inside', async () => {
    expect(await messages([Buffer.from([0xef, 0xbb, 0xbf]), 'first\n'])).toEqual(['first']);
    expect(await messages([Buffer.from([0xef]), Buffer.from([0xbb, 0xbf, 0x61, 0x0a])])).toEqual(['a']);
    expect(await messages(['a\n\uFEFFb\n'])).toEqual(['a', '\uFEFFb']);
  });

  it('cuts blocks of about the block size at line boundaries, numbering on from block to block', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
    const blocks = await blocksOf([lines.join('\n')], { ...LINES_ALONE, blockBytes: 64 });
    expect(blocks.length).toBeGreaterThan(5);
    let next = 1;
    for (const block of blocks) {
      const text = new TextDecoder().decode(block.bytes);
      expect(text.endsWith('\n')).toBe(true);
      expect(block.firstLine).toBe(next);
      expect(text.startsWith(`line ${next}\n`)).toBe(true);
      next += text.split('\n').length - 1;
    }
    expect(next).toBe(101);
  });

  it('never starts a block with a line that continues the event before it', async () => {
    const parser = parserFor(SPEC.parsing);
    const trace = ['2026-03-01 10:00:00 ERROR failed', '\tat a.B.c(B.java:1)', '\tat a.B.d(B.java:2)', 'Caused by: java.io.IOException', '  more'];
    const text = Array.from({ length: 30 }, () => trace.join('\n')).join('\n');
    const options = { blockBytes: 50, maxLineBytes: 1000, startsEvent: eventStarts(parser) };
    const blocks = await blocksOf([text], options);
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) expect(new TextDecoder().decode(block.bytes)).toMatch(/^2026-03-01 10:00:00 ERROR failed\n/);
    const { events } = await read([text], options);
    expect(events).toHaveLength(30);
    expect(events[1]).toEqual({ line: 6, message: ['failed', ...trace.slice(1)].join('\n') });
  });
});
