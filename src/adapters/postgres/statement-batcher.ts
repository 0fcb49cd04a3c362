export interface StatementBatcherOptions {
  /** Most items in one call of `run` (one statement). */
  readonly maxBatch: number;
  /** Most calls of `run` under way at once; further items wait for one to end. */
  readonly maxInFlight: number;
  /**
   * Whether the items of a batch that failed with `error` are sent again one by one, so that
   * an item the statement refuses fails only its own caller. Not for an outage, which would
   * only be retried N times over.
   */
  readonly retryAlone: (error: unknown) => boolean;
}

interface Waiting<I, O> {
  readonly item: I;
  readonly resolve: (output: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs items through one statement in batches (writes, and reads): an item added while fewer
 * than `maxInFlight` statements are under way goes out at once (with the items added in the
 * same turn of the event loop); one added while they are all busy waits for the next
 * statement and shares it with everything else that arrived meanwhile. An item waits for
 * nothing at low load, and under load N items share one round trip and one commit (group
 * commit). `run` answers every item of its batch, in order, or throws for the batch (see
 * `retryAlone`).
 */
export class StatementBatcher<I, O> {
  readonly #run: (items: readonly I[]) => Promise<readonly O[]>;
  readonly #options: StatementBatcherOptions;
  #waiting: Waiting<I, O>[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(run: (items: readonly I[]) => Promise<readonly O[]>, options: StatementBatcherOptions) {
    this.#run = run;
    this.#options = options;
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#waiting.length === 0 || this.#inFlight >= this.#options.maxInFlight) return;
    this.#scheduled = true;
    // After the current turn's callbacks: items added by the same burst of requests go together.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#waiting.splice(0, this.#options.maxBatch);
    if (batch.length === 0) return;
    this.#inFlight += 1;
    this.#schedule(); // more than a batch waiting: the next statement starts too, if it may
    try {
      const outputs = await this.#run(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, i) => waiting.resolve(outputs[i] as O));
    } catch (error) {
      if (batch.length > 1 && this.#options.retryAlone(error)) {
        await Promise.all(batch.map((waiting) => this.#run([waiting.item]).then((outputs) => waiting.resolve(outputs[0] as O), waiting.reject)));
      } else {
        for (const waiting of batch) waiting.reject(error);
      }
    } finally {
      this.#inFlight -= 1;
      this.#schedule();
    }
  }
}
