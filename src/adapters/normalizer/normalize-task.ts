import type { NormalizedOutput } from '../../application/ports/log-normalizer.ts';
import type { LineBlock } from '../../application/processing/line-blocks.ts';
import { addTally, emptyTally, type LineTally } from '../../application/processing/line-tally.ts';
import { NdjsonOutput } from '../../application/processing/ndjson-output.ts';
import { normalizeBlock, type NormalizationSpec } from '../../application/processing/normalize-block.ts';
import { chargeBudget, type JobBudgets } from '../../domain/job/job-budgets.ts';
import { deflateBlock, GzipFramer, type DeflatedBlock } from './deflated-block.ts';

/** One block normalized and compressed: what a normalizer thread sends back. */
export interface BlockResult extends DeflatedBlock {
  readonly tally: LineTally;
  /** CPU time the thread spent on the block. */
  readonly cpuMs: number;
}

/**
 * Normalizes and compresses one block where it runs (a normalizer thread, or the event loop
 * inline): compressing there instead of in one stream on the event loop took the stream's
 * plumbing and zlib's own thread off the two cores the parse threads need (docs/BENCHMARKS.md).
 */
export function normalizeAndDeflate(block: LineBlock, spec: NormalizationSpec): BlockResult {
  const started = threadCpuMs();
  const { ndjson, tally } = normalizeBlock(block, spec, output);
  const deflated = deflateBlock(ndjson);
  return { ...deflated, tally, cpuMs: threadCpuMs() - started };
}

/** One per thread, reused block after block. */
const output = new NdjsonOutput();

/** CPU time of the calling thread (Node ≥ 23.9); elsewhere the time the synchronous work took. */
const threadCpuMs: () => number =
  typeof process.threadCpuUsage === 'function'
    ? () => {
        const { user, system } = process.threadCpuUsage();
        return (user + system) / 1000;
      }
    : () => performance.now();

/**
 * The blocks' results, in order, as one gzip member, and the sum of their tallies. Lines,
 * output bytes and CPU time are charged to the job's budgets block by block.
 */
export function framedOutput(results: AsyncIterable<BlockResult>, budgets: JobBudgets): NormalizedOutput {
  const total = emptyTally();
  let finished = false;
  async function* gzip(): AsyncGenerator<Uint8Array> {
    const framer = new GzipFramer();
    let outputBytes = 0;
    let cpuMs = 0;
    yield framer.header();
    for await (const result of results) {
      addTally(total, result.tally);
      outputBytes += result.deflated.length;
      cpuMs += result.cpuMs;
      chargeBudget(budgets, 'maxLines', total.linesTotal);
      chargeBudget(budgets, 'maxOutputBytes', outputBytes);
      chargeBudget(budgets, 'maxCpuSeconds', cpuMs / 1000);
      if (result.length > 0) yield framer.add(result);
    }
    yield framer.trailer();
    finished = true;
  }
  return {
    gzip: gzip(),
    tally() {
      if (!finished) throw new Error('The tally is known once the output has been read to its end');
      return total;
    },
  };
}
