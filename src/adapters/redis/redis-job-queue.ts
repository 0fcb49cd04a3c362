import { randomBytes } from 'node:crypto';
import type { Delivery, JobQueue, QueueStats } from '../../application/ports/job-queue.ts';
import { ErrorReply } from 'redis';
import { redisCall, whenReady, type RedisConnection } from './redis-connection.ts';

export interface RedisJobQueueOptions {
  /** Prefix of every key this queue uses: `<prefix>:stream`, `:delayed`, `:dead`, `:held`. */
  readonly keyPrefix: string;
  /** An unacknowledged delivery is claimed by another consumer after this long. */
  readonly visibilityTimeoutMs: number;
}

const GROUP = 'workers';

// Moves delayed messages whose time has come into the stream, atomically.
const PROMOTE_DUE = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100)
for _, member in ipairs(due) do
  redis.call('XADD', KEYS[2], '*', 'job_id', string.match(member, '^(.-)|'))
  redis.call('ZREM', KEYS[1], member)
end
return #due`;

// Resets the idle time of a delivery its consumer still holds (JUSTID: not counted as a delivery).
const EXTEND_IF_HELD = `
local entry = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)[1]
if not entry or entry[2] ~= ARGV[3] then return 0 end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
return 1`;

/**
 * A Redis Streams queue with one consumer group: XADD to enqueue, XREADGROUP to receive,
 * XAUTOCLAIM to take over deliveries left unacknowledged past the visibility timeout (a
 * dead worker's), XACK + XDEL when done. Delays live in a sorted set until due. A set of
 * the job ids with a message in flight, changed in the same transaction as the messages,
 * answers `holding` (and vanishes with them if Redis loses its data).
 */
export class RedisJobQueue implements JobQueue {
  readonly #redis: RedisConnection;
  readonly #options: RedisJobQueueOptions;
  readonly #blocking = new Map<string, RedisConnection>();
  #groupReady: Promise<void> | null = null;
  readonly #stream: string;
  readonly #delayed: string;
  readonly #dead: string;
  readonly #held: string;

  constructor(redis: RedisConnection, options: RedisJobQueueOptions) {
    this.#redis = redis;
    this.#options = options;
    this.#stream = `${options.keyPrefix}:stream`;
    this.#delayed = `${options.keyPrefix}:delayed`;
    this.#dead = `${options.keyPrefix}:dead`;
    this.#held = `${options.keyPrefix}:held`;
  }

  /**
   * Creates the stream and its consumer group if missing. Done lazily by every operation
   * too (and again if Redis lost them); calling it at start only surfaces problems early.
   */
  init(): Promise<void> {
    this.#groupReady ??= redisCall(async () => {
      try {
        await this.#redis.xGroupCreate(this.#stream, GROUP, '0', { MKSTREAM: true });
      } catch (error) {
        if (!String(error).includes('BUSYGROUP')) throw error;
      }
    }).catch((error: unknown) => {
      this.#groupReady = null;
      throw error;
    });
    return this.#groupReady;
  }

  async enqueue(jobId: string, options: { delayMs?: number } = {}): Promise<void> {
    const delayMs = options.delayMs ?? 0;
    await redisCall(async () => {
      const transaction = this.#redis.multi().sAdd(this.#held, jobId);
      if (delayMs <= 0) transaction.xAdd(this.#stream, '*', { job_id: jobId });
      else transaction.zAdd(this.#delayed, { score: Date.now() + delayMs, value: `${jobId}|${randomBytes(6).toString('hex')}` });
      await transaction.exec();
    });
  }

  receive(consumer: string, waitMs: number): Promise<Delivery | null> {
    return this.#withGroup(() => this.#receive(consumer, waitMs));
  }

  async #receive(consumer: string, waitMs: number): Promise<Delivery | null> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      await redisCall(() => this.#redis.eval(PROMOTE_DUE, { keys: [this.#delayed, this.#stream], arguments: [String(Date.now())] }));
      const reclaimed = await this.#reclaim(consumer);
      if (reclaimed) return reclaimed;
      const remaining = deadline - Date.now();
      const fresh = await this.#readNew(consumer, Math.max(1, Math.min(remaining, 1_000)));
      if (fresh) return fresh;
      if (Date.now() >= deadline) return null;
    }
  }

  extend(delivery: Delivery): Promise<boolean> {
    return this.#withGroup(async () => {
      const held = await redisCall(() =>
        this.#redis.eval(EXTEND_IF_HELD, { keys: [this.#stream], arguments: [GROUP, delivery.deliveryId, delivery.consumer] }),
      );
      return held === 1;
    });
  }

  async ack(delivery: Delivery): Promise<void> {
    await redisCall(async () => {
      // Acknowledged entries are never read again; deleting them keeps the stream bounded.
      await this.#redis
        .multi()
        .xAck(this.#stream, GROUP, delivery.deliveryId)
        .xDel(this.#stream, delivery.deliveryId)
        .sRem(this.#held, delivery.jobId)
        .exec();
    });
  }

  async deadLetter(delivery: Delivery, reason: string): Promise<void> {
    await redisCall(() =>
      this.#redis.xAdd(this.#dead, '*', { job_id: delivery.jobId, reason, delivery_count: String(delivery.deliveryCount) }),
    );
    await this.ack(delivery);
  }

  async holding(jobIds: readonly string[]): Promise<Set<string>> {
    if (jobIds.length === 0) return new Set();
    const held = await redisCall(() => this.#redis.smIsMember(this.#held, [...jobIds]));
    return new Set(jobIds.filter((_, i) => Boolean(held[i])));
  }

  stats(): Promise<QueueStats> {
    return this.#withGroup(() => redisCall(async () => {
      const [length, pending, delayed, dead] = await Promise.all([
        this.#redis.xLen(this.#stream),
        this.#redis.xPending(this.#stream, GROUP),
        this.#redis.zCard(this.#delayed),
        this.#redis.xLen(this.#dead),
      ]);
      return { waiting: length - pending.pending + delayed, pending: pending.pending, deadLettered: dead };
    }));
  }

  async ping(): Promise<void> {
    await redisCall(() => this.#redis.ping());
  }

  /** Closes the per-consumer connections; the shared one belongs to the caller. */
  async close(): Promise<void> {
    const connections = [...this.#blocking.values()];
    this.#blocking.clear();
    await Promise.all(connections.map((c) => c.close().catch(() => {})));
  }

  /** Runs `operation` once the group exists; recreates it once if Redis lost it (NOGROUP). */
  async #withGroup<T>(operation: () => Promise<T>): Promise<T> {
    await this.init();
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof ErrorReply && error.message.startsWith('NOGROUP'))) throw error;
      this.#groupReady = null;
      await this.init();
      return operation();
    }
  }

  async #reclaim(consumer: string): Promise<Delivery | null> {
    const claimed = await redisCall(() =>
      this.#redis.xAutoClaim(this.#stream, GROUP, consumer, this.#options.visibilityTimeoutMs, '0-0', { COUNT: 1 }),
    );
    const message = claimed.messages.find((m) => m !== null);
    if (!message) return null;
    const [entry] = await redisCall(() => this.#redis.xPendingRange(this.#stream, GROUP, message.id, message.id, 1));
    return { jobId: String(message.message.job_id), deliveryId: message.id, consumer, deliveryCount: Number(entry?.deliveriesCounter ?? 2) };
  }

  async #readNew(consumer: string, blockMs: number): Promise<Delivery | null> {
    // A blocking read holds its connection, so each consumer blocks on a connection of its own.
    const connection = await this.#blockingConnection(consumer);
    const reply = await redisCall(() =>
      connection.xReadGroup(GROUP, consumer, { key: this.#stream, id: '>' }, { COUNT: 1, BLOCK: blockMs }),
    );
    const message = Array.isArray(reply) ? reply[0]?.messages[0] : undefined;
    return message ? { jobId: String(message.message.job_id), deliveryId: message.id, consumer, deliveryCount: 1 } : null;
  }

  async #blockingConnection(consumer: string): Promise<RedisConnection> {
    let connection = this.#blocking.get(consumer);
    if (!connection) {
      connection = this.#redis.duplicate();
      connection.on('error', () => {}); // the shared client reports connection trouble
      connection.connect().catch(() => {});
      this.#blocking.set(consumer, connection);
    }
    await whenReady(connection, 3_000);
    return connection;
  }
}
