import type { JobChange, JobChangeFeed } from '../../application/ports/job-change-feed.ts';
import { redisCall, whenReady, type RedisConnection } from './redis-connection.ts';

/** Job changes through Redis pub/sub: API processes hear what workers elsewhere do. */
export class RedisJobChangeFeed implements JobChangeFeed {
  readonly #redis: RedisConnection;
  readonly #prefix: string;
  #subscriber: RedisConnection | null = null;

  constructor(redis: RedisConnection, keyPrefix: string) {
    this.#redis = redis;
    this.#prefix = keyPrefix;
  }

  async publish(change: JobChange): Promise<void> {
    await redisCall(() => this.#redis.publish(this.#channel(change.jobId), JSON.stringify(change)));
  }

  async subscribe(jobId: string, listener: (change: JobChange) => void): Promise<() => Promise<void>> {
    const subscriber = await this.#subscriberConnection();
    const channel = this.#channel(jobId);
    const onMessage = (message: string): void => listener(parseChange(message));
    await redisCall(() => subscriber.subscribe(channel, onMessage));
    return async () => {
      if (this.#subscribed(subscriber)) await subscriber.unsubscribe(channel, onMessage).catch(() => {});
    };
  }

  async subscribeAll(listener: (change: JobChange) => void): Promise<() => Promise<void>> {
    const subscriber = await this.#subscriberConnection();
    const pattern = this.#channel('*');
    const onMessage = (message: string): void => listener(parseChange(message));
    await redisCall(() => subscriber.pSubscribe(pattern, onMessage));
    return async () => {
      if (this.#subscribed(subscriber)) await subscriber.pUnsubscribe(pattern, onMessage).catch(() => {});
    };
  }

  async close(): Promise<void> {
    await this.#subscriber?.close().catch(() => {});
    this.#subscriber = null;
  }

  /** Whether a subscription on `subscriber` still needs ending: closing the feed ended them all. */
  #subscribed(subscriber: RedisConnection): boolean {
    return this.#subscriber === subscriber && subscriber.isOpen;
  }

  #channel(jobId: string): string {
    return `${this.#prefix}:job:${jobId}`;
  }

  /** A connection in subscriber mode takes no other commands, so subscriptions get their own. */
  async #subscriberConnection(): Promise<RedisConnection> {
    if (!this.#subscriber) {
      this.#subscriber = this.#redis.duplicate();
      this.#subscriber.on('error', () => {}); // the shared client reports connection trouble
      this.#subscriber.connect().catch(() => {});
    }
    await whenReady(this.#subscriber, 3_000);
    return this.#subscriber;
  }
}

function parseChange(message: string): JobChange {
  const change = JSON.parse(message) as Omit<JobChange, 'updatedAt'> & { updatedAt: string };
  return { ...change, updatedAt: new Date(change.updatedAt) };
}
