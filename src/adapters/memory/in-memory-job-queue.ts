import type { Delivery, JobQueue, QueueStats } from '../../application/ports/job-queue.ts';

interface Message {
  readonly id: string;
  readonly jobId: string;
  /** When it may be delivered (ms since epoch): enqueue time plus delay, or redelivery time. */
  dueAt: number;
  deliveryCount: number;
  /** Who holds it while pending. */
  consumer: string | null;
}

export interface InMemoryJobQueueOptions {
  /** An unacknowledged delivery is given out again after this long. */
  readonly visibilityTimeoutMs?: number;
  readonly now?: () => number;
}

/**
 * The in-process queue of the embedded run mode, with the semantics of the Redis one:
 * at-least-once, delayed messages, redelivery of deliveries not acknowledged in time.
 * Nothing survives a restart; the bootstrap re-enqueues QUEUED jobs from the repository.
 */
export class InMemoryJobQueue implements JobQueue {
  readonly #waiting: Message[] = [];
  readonly #pending = new Map<string, Message>();
  readonly #wakers = new Set<() => void>();
  readonly #dead: { jobId: string; reason: string }[] = [];
  readonly #visibilityTimeoutMs: number;
  readonly #now: () => number;
  #sequence = 0;

  constructor(options: InMemoryJobQueueOptions = {}) {
    this.#visibilityTimeoutMs = options.visibilityTimeoutMs ?? 300_000;
    this.#now = options.now ?? Date.now;
  }

  async enqueue(jobId: string, options: { delayMs?: number } = {}): Promise<void> {
    const id = String(++this.#sequence);
    this.#waiting.push({ id, jobId, dueAt: this.#now() + (options.delayMs ?? 0), deliveryCount: 0, consumer: null });
    this.#wakeAll();
  }

  async receive(consumer: string, waitMs: number): Promise<Delivery | null> {
    const deadline = this.#now() + waitMs;
    for (;;) {
      const message = this.#takeDue();
      if (message) {
        message.deliveryCount += 1;
        message.dueAt = this.#now() + this.#visibilityTimeoutMs;
        message.consumer = consumer;
        this.#pending.set(message.id, message);
        return { jobId: message.jobId, deliveryId: message.id, consumer, deliveryCount: message.deliveryCount };
      }
      const remaining = deadline - this.#now();
      if (remaining <= 0) return null;
      await this.#sleep(Math.min(remaining, this.#nextDueIn()));
    }
  }

  async extend(delivery: Delivery): Promise<boolean> {
    const message = this.#pending.get(delivery.deliveryId);
    if (message?.consumer !== delivery.consumer) return false;
    message.dueAt = this.#now() + this.#visibilityTimeoutMs;
    return true;
  }

  async ack(delivery: Delivery): Promise<void> {
    this.#pending.delete(delivery.deliveryId);
  }

  async deadLetter(delivery: Delivery, reason: string): Promise<void> {
    this.#dead.push({ jobId: delivery.jobId, reason });
    await this.ack(delivery);
  }

  async holding(jobIds: readonly string[]): Promise<Set<string>> {
    const held = new Set([...this.#waiting, ...this.#pending.values()].map((m) => m.jobId));
    return new Set(jobIds.filter((id) => held.has(id)));
  }

  async stats(): Promise<QueueStats> {
    return { waiting: this.#waiting.length, pending: this.#pending.size, deadLettered: this.#dead.length };
  }

  async ping(): Promise<void> {}

  /** The oldest waiting message that is due, else a pending one whose visibility expired. */
  #takeDue(): Message | undefined {
    const now = this.#now();
    const index = this.#waiting.findIndex((m) => m.dueAt <= now);
    if (index !== -1) return this.#waiting.splice(index, 1)[0];
    for (const message of this.#pending.values()) {
      if (message.dueAt <= now) {
        this.#pending.delete(message.id);
        return message;
      }
    }
    return undefined;
  }

  #nextDueIn(): number {
    const dues = [...this.#waiting, ...this.#pending.values()].map((m) => m.dueAt - this.#now());
    return Math.max(1, Math.min(Number.MAX_SAFE_INTEGER, ...dues));
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#wakers.add(wake);
    });
  }

  #wakeAll(): void {
    for (const wake of [...this.#wakers]) wake();
  }
}
