import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ThreadPoolLogNormalizer } from '../../src/adapters/normalizer/threads/thread-pool-log-normalizer.ts';
import type { FileNormalization } from '../../src/application/ports/log-normalizer.ts';
import { bytesOf, collect } from '../support/builders.ts';

const SPEC: FileNormalization = {
  parsing: { format: 'json', referenceTime: new Date('2026-01-05T12:00:00Z') },
  maxLineBytes: 1 << 20,
  budgets: { maxDecompressedBytes: 1 << 30, maxDecompressionRatio: 200, maxLines: 1e9, maxOutputBytes: 1 << 30, maxCpuSeconds: 3600 },
};

/** A file of these parts, each a chunk of its stream. */
const blocksOf = (...texts: string[]) => bytesOf(...texts);

// Behaviour of the pool beyond the LogNormalizer contract (which it passes in local-adapters.test.ts).
describe('ThreadPoolLogNormalizer', () => {
  it('parses the largest lines the worker accepts (1 MiB of JSON members, or of tiny objects) within the default thread limits', async () => {
    const pool = new ThreadPoolLogNormalizer({ threads: 1 });
    try {
      const members = Array.from({ length: 70_000 }, (_, i) => `"k${i}":${i}`).join(',');
      const wide = `{"msg":"wide",${members}}\n`;
      const objects = Array.from({ length: 80_000 }, (_, i) => `{"a":${i}}`).join(',');
      const long = `{"msg":"long","list":[${objects}]}\n`;
      for (const line of [wide, long]) expect(line.length).toBeLessThan(1 << 20);
      const output = pool.normalize(blocksOf(wide, long, '{"msg":"next"}\n'), SPEC);
      const events = gunzipSync(await collect(output.gzip)).toString().trim().split('\n').map((l) => JSON.parse(l));
      expect(events.map((e) => [e.message, Object.keys(e.attrs).length])).toEqual([['wide', 70_000], ['long', 1], ['next', 0]]);
      expect(events[1].attrs.list).toHaveLength(80_000);
    } finally {
      await pool.close();
    }
  });

  it('normalizes a block too big for the heap of a thread on the calling thread instead of failing it', async () => {
    const pool = new ThreadPoolLogNormalizer({ threads: 1, resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 4 } });
    try {
      const members = Array.from({ length: 45_000 }, (_, i) => `"k${i}":"${'v'.repeat(8)}"`).join(',');
      const output = pool.normalize(blocksOf(`{"msg":"wide",${members}}\n`, '{"msg":"next"}\n'), SPEC);
      const events = gunzipSync(await collect(output.gzip)).toString().trim().split('\n').map((l) => JSON.parse(l));
      expect(events.map((e) => [e.message, Object.keys(e.attrs).length])).toEqual([['wide', 45_000], ['next', 0]]);
      expect(output.tally().eventsParsed).toBe(2);
      expect(pool.threadCount).toBe(0); // the thread died of the block
    } finally {
      await pool.close();
    }
  });

  it("reads times in the upload's timezone on its threads, which build the zone from its name", async () => {
    const pool = new ThreadPoolLogNormalizer({ threads: 1, inlineBelowBytes: 0 });
    try {
      const spec: FileNormalization = { ...SPEC, parsing: { format: 'text', referenceTime: SPEC.parsing.referenceTime, timeZone: 'America/Los_Angeles', year: 2024 } };
      // PDT (UTC-7) in August; the year-less syslog time is in 2024 and PST (UTC-8) in January.
      const output = pool.normalize(blocksOf('2025-08-13 01:45:01.123 LOG:  checkpoint\n', 'Jan  5 11:00:00 host app: started\n'), spec);
      const events = gunzipSync(await collect(output.gzip)).toString().trim().split('\n').map((l) => JSON.parse(l));
      expect(events.map((e) => e.ts)).toEqual(['2025-08-13T08:45:01.123Z', '2024-01-05T19:00:00.000Z']);
      expect(pool.threadCount).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('normalizes small blocks on the calling thread, starting threads only for larger ones', async () => {
    const pool = new ThreadPoolLogNormalizer({ threads: 2, inlineBelowBytes: 1024 });
    try {
      const small = await collect(pool.normalize(blocksOf('{"msg":"small"}\n'), SPEC).gzip);
      expect(gunzipSync(small).toString()).toContain('"message":"small"');
      expect(pool.threadCount).toBe(0);
      const large = `${'{"msg":"large"}\n'.repeat(100)}`;
      expect(gunzipSync(await collect(pool.normalize(blocksOf(large), SPEC).gzip)).toString().split('\n')).toHaveLength(101);
      expect(pool.threadCount).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('gives the same output whether blocks travel through its shared slots or, when those are taken or too small, in messages', async () => {
    // Blocks of 250 KiB and a line: the 8 KiB lines make some of them larger than a slot (256 KiB).
    const lines = (tag: string, count: number) =>
      Array.from({ length: count }, (_, i) => `{"msg":"${tag} ${i}","n":${i}${i % 500 === 0 ? `,"pad":"${'p'.repeat(8192)}"` : ''}}\n`).join('');
    const texts = (tag: string) => [lines(tag, 2_000), lines(tag, 20_000), lines(tag, 3_000)];
    const blockBytes = 250 * 1024;
    const expected = async (tag: string) => {
      const pool = new ThreadPoolLogNormalizer({ threads: 1, inlineBelowBytes: Infinity, blockBytes }); // no thread: the reference
      try {
        return gunzipSync(await collect(pool.normalize(blocksOf(...texts(tag)), SPEC).gzip)).toString();
      } finally {
        await pool.close();
      }
    };
    // One thread with two slots, and two files at once: most blocks find their slots taken.
    const pool = new ThreadPoolLogNormalizer({ threads: 1, blocksAheadPerThread: 2, inlineBelowBytes: 0, blockBytes });
    try {
      const outputs = await Promise.all(['a', 'b'].map(async (tag) => gunzipSync(await collect(pool.normalize(blocksOf(...texts(tag), ...texts(tag)), SPEC).gzip)).toString()));
      for (const [i, tag] of ['a', 'b'].entries()) {
        const once = await expected(tag);
        expect(outputs[i]!.split('\n')).toHaveLength(2 * 25_000 + 1);
        expect(outputs[i]!.slice(0, once.length - 1).split('\n').map((l) => JSON.parse(l).message)).toEqual(once.trim().split('\n').map((l) => JSON.parse(l).message));
      }
      expect(pool.threadCount).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('finishes the blocks its threads hold when it is closed, and then stops every thread', async () => {
    // Ten blocks, all in the threads (2 threads × 8 ahead) once the first result is out.
    const pool = new ThreadPoolLogNormalizer({ threads: 2, inlineBelowBytes: 0, blockBytes: 4096 });
    const text = Array.from({ length: 400 }, (_, i) => `{"msg":"line ${i}","pad":"${'p'.repeat(64)}"}\n`).join('');
    const output = pool.normalize(blocksOf(text), SPEC).gzip[Symbol.asyncIterator]();
    const chunks = [(await output.next()).value, (await output.next()).value];
    await pool.close();
    for (let next = await output.next(); !next.done; next = await output.next()) chunks.push(next.value);
    const lines = gunzipSync(Buffer.concat(chunks)).toString().trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(Array.from({ length: 400 }, (_, i) => `line ${i}`));
    expect(pool.threadCount).toBe(0);
  });

  it('refuses work once closed, with a clear error', async () => {
    const pool = new ThreadPoolLogNormalizer({ threads: 2 });
    await collect(pool.normalize(blocksOf('{"msg":"warm up"}\n'), SPEC).gzip);
    await pool.close();
    await expect(collect(pool.normalize(blocksOf('{"msg":"late"}\n'), SPEC).gzip)).rejects.toThrow(/closed/);
  });
});
