import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { FileNormalization, LogNormalizer, NormalizedOutput } from '../../../application/ports/log-normalizer.ts';
import type { BlockSpec } from '../pipeline/block-normalizer.ts';
import { BlockPipeline, type BlockResult } from '../pipeline/block-pipeline.ts';
import { blocksOfFile, DEFAULT_BLOCK_BYTES, type FileBlocks } from '../pipeline/file-blocks.ts';
import { joinedOutput } from '../pipeline/joined-output.ts';
import type { LineBlock } from '../pipeline/line-blocks.ts';
import { Re2LinePatternCompiler } from '../../re2js/re2-line-pattern-compiler.ts';
import { SharedSlots } from './shared-slots.ts';
import type { StopRequest, TaskReply, TaskRequest } from './thread-protocol.ts';

const THREAD_SCRIPT = new URL('./normalizer-thread.ts', import.meta.url);

export interface ThreadPoolOptions {
  /** Threads in the pool, shared by every job of the process. */
  readonly threads: number;
  /** Blocks of one job in flight per thread: enough that a thread always has the next block while the event loop reads and writes. */
  readonly blocksAheadPerThread?: number;
  /** V8 heap limits of each thread; a thread over them dies alone and its blocks fail. */
  readonly resourceLimits?: ResourceLimits;
  /**
   * Blocks smaller than this are normalized on the calling thread, where they cost less than
   * the round trip to a thread (two wake-ups across cores). 0 sends every block.
   */
  readonly inlineBelowBytes?: number;
  /** A file is cut into blocks of about this size (see blocksOfFile). */
  readonly blockBytes?: number;
}

const DEFAULT_INLINE_BELOW_BYTES = 16 * 1024;
const DEFAULT_BLOCKS_AHEAD_PER_THREAD = 8;
/** A shared slot holds a usual block (64 KiB and the rest of a line); larger ones are sent in messages. */
const SLOT_BYTES = 256 * 1024;
/** A block takes milliseconds; a thread still busy after this is stuck. */
const STOP_DEADLINE_MS = 5_000;

/**
 * Small heaps keep memory flat: a block's garbage dies young, and a small old generation is
 * collected often, and with it the native memory of each block's zlib stream. A block too big
 * for them kills its thread and is normalized again on the calling thread, whose heap is not capped.
 */
const DEFAULT_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 16 };

/**
 * Normalizes a file's blocks on a pool of worker threads, in parallel, and compresses their
 * results, in order, as one gzip stream. Parsing then uses every core for a single big file,
 * and the event loop (the API, in `all` mode) stays responsive while it runs. Threads start
 * on first use; a thread that dies fails only the blocks it held and is replaced.
 */
export class ThreadPoolLogNormalizer implements LogNormalizer {
  readonly #options: ThreadPoolOptions;
  /** For blocks normalized on the calling thread. */
  readonly #inline = new BlockPipeline();
  /** The custom formats' patterns, compiled on the event loop to cut a file into blocks. */
  readonly #patterns = new Re2LinePatternCompiler();
  #threads: NormalizerThread[] = [];
  #closed = false;

  constructor(options: ThreadPoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1) throw new RangeError('A thread pool needs at least one thread');
    this.#options = options;
  }

  normalize(file: AsyncIterable<Uint8Array>, spec: FileNormalization): NormalizedOutput {
    const blocks = blocksOfFile(file, spec, this.#options.blockBytes ?? DEFAULT_BLOCK_BYTES, this.#patterns);
    return joinedOutput(this.#results(blocks), spec.budgets, blocks.detection);
  }

  /** Threads running now (they start on the first block that needs one). */
  get threadCount(): number {
    return this.#threads.filter((thread) => thread.alive).length;
  }

  /** Stops the threads once they have finished the blocks they hold (a thread stuck past a deadline is terminated). */
  async close(): Promise<void> {
    this.#closed = true;
    const threads = this.#threads;
    this.#threads = [];
    await Promise.all(threads.map((thread) => thread.stop(STOP_DEADLINE_MS)));
  }

  /** The blocks' results in order, with up to `threads × blocksAheadPerThread` blocks in flight. */
  async *#results(file: FileBlocks): AsyncGenerator<BlockResult> {
    const ahead = this.#options.threads * this.#blocksAheadPerThread;
    const running: Promise<BlockResult>[] = [];
    const iterator = file.blocks;
    let exhausted = false;
    try {
      for (;;) {
        while (!exhausted && running.length < ahead) {
          const next = await iterator.next();
          if (next.done) exhausted = true;
          else running.push(this.#submit(next.value, file.blockSpec()));
        }
        const oldest = running.shift();
        if (!oldest) return;
        yield await oldest;
      }
    } finally {
      if (!exhausted) await iterator.return(undefined);
    }
  }

  #submit(block: LineBlock, spec: BlockSpec): Promise<BlockResult> {
    if (this.#closed) return Promise.reject(new Error('The normalizer thread pool is closed'));
    if (block.bytes.length < (this.#options.inlineBelowBytes ?? DEFAULT_INLINE_BELOW_BYTES)) {
      return new Promise((resolve) => resolve(this.#inline.run(block, spec)));
    }
    const promise = this.#leastBusyThread()
      .run(block, spec)
      .catch((error: unknown) => (error instanceof ThreadOutOfMemory ? this.#inline.run(block, spec) : Promise.reject(error)));
    // Awaited in order later; a failure of a block never awaited (the job already failed) must not go unhandled.
    promise.catch(() => {});
    return promise;
  }

  get #blocksAheadPerThread(): number {
    return this.#options.blocksAheadPerThread ?? DEFAULT_BLOCKS_AHEAD_PER_THREAD;
  }

  #leastBusyThread(): NormalizerThread {
    this.#threads = this.#threads.filter((thread) => thread.alive);
    while (this.#threads.length < this.#options.threads) {
      // A slot per block one job keeps in flight on a thread; blocks beyond that (several big jobs at once) go in messages.
      const slots = new SharedSlots(this.#blocksAheadPerThread, SLOT_BYTES);
      this.#threads.push(new NormalizerThread(this.#options.resourceLimits ?? DEFAULT_THREAD_LIMITS, slots));
    }
    return this.#threads.reduce((best, thread) => (thread.busy < best.busy ? thread : best));
  }
}

/** A thread died of its heap limits: the blocks it held may fit elsewhere. */
class ThreadOutOfMemory extends Error {}

/** One worker thread, the blocks it was given, and the slots it shares with the pool. */
class NormalizerThread {
  readonly #worker: Worker;
  readonly #slots: SharedSlots;
  readonly #waiting = new Map<number, { resolve: (result: BlockResult) => void; reject: (error: Error) => void; slot: number | null }>();
  #nextId = 0;
  #failure: Error | null = null;
  #exited = false;

  constructor(resourceLimits: ResourceLimits, slots: SharedSlots) {
    this.#slots = slots;
    this.#worker = new Worker(THREAD_SCRIPT, { name: 'log-normalizer', resourceLimits, workerData: slots.memory });
    // An idle thread must not keep the process alive; a busy one is awaited anyway.
    this.#worker.unref();
    this.#worker.on('message', (reply: TaskReply) => this.#settle(reply));
    this.#worker.on('error', (error: Error & { code?: string }) => {
      const Failure = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? ThreadOutOfMemory : Error;
      this.#fail(new Failure(`A normalizer thread failed: ${error.message}`));
    });
    this.#worker.on('exit', (code) => {
      this.#exited = true;
      this.#fail(new Error(`A normalizer thread exited (code ${code})`));
    });
  }

  get busy(): number {
    return this.#waiting.size;
  }

  get alive(): boolean {
    return this.#failure === null;
  }

  /** The block's bytes are copied (into a slot, or into a buffer transferred): the block stays here, should the thread die of it. */
  run(block: LineBlock, spec: BlockSpec): Promise<BlockResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const slot = this.#slots.put(block.bytes);
    return new Promise<BlockResult>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject, slot });
      if (this.#waiting.size === 1) this.#worker.ref();
      if (slot !== null) {
        const request: TaskRequest = { id, spec, slot, length: block.bytes.length, firstLine: block.firstLine, overlong: block.overlong };
        this.#worker.postMessage(request);
      } else {
        const bytes = block.bytes.slice();
        const request: TaskRequest = { id, spec, block: { ...block, bytes } };
        this.#worker.postMessage(request, [bytes.buffer as ArrayBuffer]);
      }
    });
  }

  async stop(deadlineMs: number): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    const stop: StopRequest = { stop: true };
    this.#worker.postMessage(stop);
    this.#worker.ref();
    let deadline: NodeJS.Timeout | undefined;
    const overdue = new Promise<'overdue'>((resolve) => (deadline = setTimeout(() => resolve('overdue'), deadlineMs)));
    if ((await Promise.race([exited, overdue])) === 'overdue') await this.#worker.terminate();
    clearTimeout(deadline);
  }

  #settle(reply: TaskReply): void {
    const waiter = this.#waiting.get(reply.id);
    if (!waiter) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) this.#worker.unref();
    if ('slotted' in reply) {
      const { deflatedLength, ...rest } = reply.slotted;
      waiter.resolve({ ...rest, deflated: this.#slots.takeResult(waiter.slot!, deflatedLength) });
      return;
    }
    if (waiter.slot !== null) this.#slots.release(waiter.slot);
    if ('result' in reply) waiter.resolve(reply.result);
    else waiter.reject(new Error(`Normalizing a block failed: ${reply.error}`));
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiter of this.#waiting.values()) waiter.reject(this.#failure);
    this.#waiting.clear();
  }
}
