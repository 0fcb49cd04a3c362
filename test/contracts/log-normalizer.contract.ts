import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogNormalizer } from '../../src/application/ports/log-normalizer.ts';
import type { LineBlock } from '../../src/application/processing/line-blocks.ts';
import { addTally, emptyTally } from '../../src/application/processing/line-tally.ts';
import { normalizeBlock, type NormalizationSpec } from '../../src/application/processing/normalize-block.ts';
import { collect } from '../support/builders.ts';

const SPEC: NormalizationSpec = { format: 'logfmt', uploadedAt: new Date('2026-01-05T12:00:00Z'), maxEventBytes: 1024 };

/** Blocks of logfmt lines, every few a rejected (empty-key) one, numbered on from block to block. */
function blocksOf(sizes: readonly number[]): LineBlock[] {
  let line = 1;
  return sizes.map((count, b) => {
    const text = Array.from({ length: count }, (_, i) =>
      i % 7 === 6 ? '=novalue' : `time=2026-01-05T10:${String(b % 60).padStart(2, '0')}:00Z level=${i % 2 ? 'warn' : 'info'} msg="block ${b} line ${i}" n=${i}`,
    ).join('\n');
    const block = { bytes: new TextEncoder().encode(count === 0 ? '' : `${text}\n`), firstLine: line, overlong: [] };
    line += count;
    return block;
  });
}

/** What normalizing the blocks one after the other must produce. */
function expected(blocks: readonly LineBlock[]) {
  const tally = emptyTally();
  let ndjson = '';
  for (const block of blocks) {
    const normalized = normalizeBlock({ ...block, bytes: block.bytes.slice() }, SPEC);
    ndjson += Buffer.from(normalized.ndjson).toString();
    addTally(tally, normalized.tally);
  }
  return { ndjson, tally };
}

/** The blocks as a stream, counting how many were taken. */
function streamOf(blocks: readonly LineBlock[], taken = { count: 0 }): AsyncIterable<LineBlock> {
  return (async function* () {
    for (const block of blocks) {
      taken.count += 1;
      yield { ...block, bytes: block.bytes.slice() };
    }
  })();
}

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

    it('normalizes every block, in order, into one valid gzip stream, and sums the tallies', async () => {
      const blocks = blocksOf([50, 1, 300, 0, 7, 120, 33, 64, 2, 90, 11, 250]);
      const output = normalizer.normalize(streamOf(blocks), SPEC);
      // gunzipSync checks the CRC-32 and length of the trailer too.
      const ndjson = gunzipSync(await collect(output.gzip)).toString();
      const want = expected(blocks);
      expect(ndjson).toBe(want.ndjson);
      expect(output.tally()).toEqual(want.tally);
      const { linesTotal, linesRejected, eventsParsed } = output.tally();
      expect({ linesTotal, accounted: linesRejected + eventsParsed }).toEqual({ linesTotal: 928, accounted: 928 });
      expect(linesRejected).toBeGreaterThan(100);
    });

    it('gives a valid, empty gzip stream and a zero tally for no blocks', async () => {
      const output = normalizer.normalize(streamOf([]), SPEC);
      expect(gunzipSync(await collect(output.gzip)).length).toBe(0);
      expect(output.tally()).toEqual(emptyTally());
    });

    it('tells the tally only once the output has been read to its end', async () => {
      const output = normalizer.normalize(streamOf(blocksOf([3])), SPEC);
      expect(() => output.tally()).toThrow(/read to its end/);
      await collect(output.gzip);
      expect(output.tally().linesTotal).toBe(3);
    });

    it('reads blocks only a little ahead of the output it is asked for, and stops when the reader does', async () => {
      const taken = { count: 0 };
      const output = normalizer.normalize(streamOf(blocksOf(Array(3000).fill(20)), taken), SPEC);
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

    it('fails with the error of the block stream, as it comes', async () => {
      const failing = (async function* () {
        yield* streamOf(blocksOf([5, 5]));
        throw new Error('the upload could not be read');
      })();
      await expect(collect(normalizer.normalize(failing, SPEC).gzip)).rejects.toThrow('the upload could not be read');
    });

    it('serves several files at once, each in its own order', async () => {
      const files = [blocksOf([40, 3, 80, 9]), blocksOf([5, 200, 1]), blocksOf([60, 60, 60, 60, 60])];
      const outputs = await Promise.all(
        files.map(async (blocks) => {
          const output = normalizer.normalize(streamOf(blocks), SPEC);
          return { ndjson: gunzipSync(await collect(output.gzip)).toString(), tally: output.tally() };
        }),
      );
      expect(outputs).toEqual(files.map(expected));
    });
  });
}
