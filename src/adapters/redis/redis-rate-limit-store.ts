import type { RateLimitHit, RateLimitStore } from '../../application/ports/rate-limit-store.ts';
import { redisCall, type RedisConnection } from './redis-connection.ts';

// One round trip, atomic: count the hit, start the window's expiry on its first hit.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

/** Fixed-window counters in Redis, shared by every instance of the service. */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: RedisConnection;
  readonly #prefix: string;

  constructor(redis: RedisConnection, keyPrefix: string) {
    this.#redis = redis;
    this.#prefix = keyPrefix;
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const reply = await redisCall(() => this.#redis.eval(HIT, { keys: [`${this.#prefix}:${key}`], arguments: [String(windowMs)] }));
    const [count, ttl] = reply as [number, number];
    return { count, resetAt: new Date(Date.now() + ttl) };
  }

  async reset(key: string): Promise<void> {
    await redisCall(() => this.#redis.del(`${this.#prefix}:${key}`));
  }
}
