import { chargeBudget, type JobBudgets } from '../../../domain/job/job-budgets.ts';
import { emptyTally } from '../../../domain/job/line-tally.ts';
import type { NormalizedOutput } from '../../../application/ports/log-normalizer.ts';
import type { FormatDetection } from '../../../domain/log/format-detection.ts';
import { GzipFramer } from '../gzip/deflated-block.ts';
import type { BlockResult } from './block-pipeline.ts';
import { addTally } from './tally-counter.ts';

/**
 * The blocks' results, in order, as one gzip member, and the sum of their tallies. Lines,
 * output bytes and CPU time are charged to the job's budgets block by block.
 */
export function joinedOutput(results: AsyncIterable<BlockResult>, budgets: JobBudgets, detection: () => FormatDetection): NormalizedOutput {
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
    detection() {
      if (!finished) throw new Error('The detection is known once the output has been read to its end');
      return detection();
    },
  };
}
