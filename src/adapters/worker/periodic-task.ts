import type { WorkerLogger } from './job-worker.ts';

/**
 * Runs `task` every `intervalMs` (the first run right away), never two runs at once.
 * A failing run is logged and the schedule goes on; `stop` waits for a run in progress.
 */
export class PeriodicTask {
  readonly #name: string;
  readonly #task: () => Promise<unknown>;
  readonly #intervalMs: number;
  readonly #logger: WorkerLogger;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(name: string, task: () => Promise<unknown>, intervalMs: number, logger: WorkerLogger) {
    this.#name = name;
    this.#task = task;
    this.#intervalMs = intervalMs;
    this.#logger = logger;
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#running = this.#run().finally(() => {
        if (!this.#stopped) this.#schedule(this.#intervalMs);
      });
    }, delayMs);
    this.#timer.unref();
  }

  async #run(): Promise<void> {
    try {
      const result = await this.#task();
      if (typeof result === 'number' && result > 0) this.#logger.info({ task: this.#name, count: result }, `${this.#name} done`);
    } catch (error) {
      this.#logger.warn({ task: this.#name, err: error }, `${this.#name} failed; will run again`);
    }
  }
}
