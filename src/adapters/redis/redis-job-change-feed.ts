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
    const onMessage = (message: string): void => {
      const change = JSON.parse(message) as Omit<JobChange, 'updatedAt'> & { updatedAt: string };
      listener({ ...change, updatedAt: new Date(change.updatedAt) });
    };
    await redisCall(() => subscriber.subscribe(channel, onMessage));
    return async () => {
      await subscriber.unsubscribe(channel, onMessage).catch(() => {});
    };
  }

  async close(): Promise<void> {
    await this.#subscriber?.close().catch(() => {});
    this.#subscriber = null;
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
