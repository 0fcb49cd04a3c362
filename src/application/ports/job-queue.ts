/** One hand-over of a job id to a consumer. */
export interface Delivery {
  readonly jobId: string;
  /** Identifies this message for `ack`. */
  readonly deliveryId: string;
  /** The consumer it was given to. */
  readonly consumer: string;
  /** 1 on first delivery, higher when redelivered after a consumer went silent. */
  readonly deliveryCount: number;
}

export interface QueueStats {
  readonly waiting: number;
  readonly pending: number;
  readonly deadLettered: number;
}

/**
 * Hands job ids to workers, at least once. A job may be delivered more than once (a
 * redelivery, a duplicate enqueue); consumers make processing idempotent through the job's
 * state, not through the queue.
 */
export interface JobQueue {
  /** Makes the job deliverable now, or after `delayMs`. */
  enqueue(jobId: string, options?: { delayMs?: number }): Promise<void>;
  /**
   * The next delivery for `consumer`, waiting up to `waitMs`; null if none came. A
   * delivery not acknowledged within the visibility timeout is given out again.
   */
  receive(consumer: string, waitMs: number): Promise<Delivery | null>;
  /**
   * The consumer still works on the delivery: it is not given out again for another
   * visibility timeout. False when it no longer is this consumer's (taken over after the
   * timeout, or acknowledged); nothing changes then.
   */
  extend(delivery: Delivery): Promise<boolean>;
  /** The delivery is done with and never given out again. Idempotent. */
  ack(delivery: Delivery): Promise<void>;
  /** Parks a delivery that must not be tried again (a poison message), with the reason; acknowledges it. */
  deadLetter(delivery: Delivery, reason: string): Promise<void>;
  /**
   * Which of these jobs have a message in the queue: waiting, delayed, or delivered and not
   * yet acknowledged. A job the repository holds as QUEUED but the queue does not (the
   * enqueue failed, or the queue lost its data) must be enqueued again.
   */
  holding(jobIds: readonly string[]): Promise<Set<string>>;
  /** Messages waiting (ready or delayed), delivered but not yet acknowledged, and dead-lettered. */
  stats(): Promise<QueueStats>;
  ping(): Promise<void>;
}
