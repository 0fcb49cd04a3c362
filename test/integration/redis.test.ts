import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, whenReady, type RedisConnection } from '../../src/adapters/redis/redis-connection.ts';
import { RedisJobChangeFeed } from '../../src/adapters/redis/redis-job-change-feed.ts';
import { RedisJobQueue } from '../../src/adapters/redis/redis-job-queue.ts';
import { RedisRateLimitStore } from '../../src/adapters/redis/redis-rate-limit-store.ts';
import { DependencyUnavailableError } from '../../src/application/errors.ts';
import { jobChangeFeedContract } from '../contracts/job-change-feed.contract.ts';
import { jobQueueContract } from '../contracts/job-queue.contract.ts';
import { rateLimitStoreContract } from '../contracts/rate-limit-store.contract.ts';
import { describeWith } from '../support/describe-with.ts';
import { createTestCore } from '../support/test-core.ts';

const VISIBILITY_MS = 300;

describeWith('Redis adapters', { servers: ['redisUrl'] }, ({ redisUrl }) => {
  let redis: RedisConnection;
  const queues: RedisJobQueue[] = [];
  const newQueue = async (prefix = `it:${randomBytes(5).toString('hex')}`) => {
    const queue = new RedisJobQueue(redis, { keyPrefix: prefix, visibilityTimeoutMs: VISIBILITY_MS });
    await queue.init();
    queues.push(queue);
    return queue;
  };
  beforeAll(async () => {
    redis = connectRedis(redisUrl);
    await whenReady(redis, 5_000);
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await redis?.close();
  });

  jobQueueContract('redis streams', async () => ({ queue: await newQueue(), visibilityTimeoutMs: VISIBILITY_MS }));
  rateLimitStoreContract('redis', async () => new RedisRateLimitStore(redis, `it:${randomBytes(5).toString('hex')}:rate`));
  const feeds: RedisJobChangeFeed[] = [];
  afterAll(async () => Promise.all(feeds.map((f) => f.close())));
  jobChangeFeedContract('redis pub/sub', async () => {
    const feed = new RedisJobChangeFeed(redis, `it:${randomBytes(5).toString('hex')}`);
    feeds.push(feed);
    return feed;
  });

  it('makes two API instances spend one rate-limit budget through Redis', async () => {
    const prefix = `it:${randomBytes(5).toString('hex')}:rate`;
    const instances = [0, 1].map(() =>
      createTestCore({ env: { RATE_LIMIT_PER_MINUTE: '3' }, rateLimits: new RedisRateLimitStore(redis, prefix) }),
    );
    const statuses = [];
    for (const i of [0, 1, 0, 1]) statuses.push((await instances[i]!.app.request('/jobs')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('lets two workers on separate connections share a stream, each job delivered once', async () => {
    const prefix = `it:${randomBytes(5).toString('hex')}`;
    const [a, b] = [await newQueue(prefix), await newQueue(prefix)];
    const ids = Array.from({ length: 20 }, (_, i) => `job-${i}`);
    for (const id of ids) await a.enqueue(id);
    const seen: string[] = [];
    const drain = async (queue: RedisJobQueue, consumer: string) => {
      for (let d = await queue.receive(consumer, 200); d; d = await queue.receive(consumer, 200)) {
        seen.push(d.jobId);
        await queue.ack(d);
      }
    };
    await Promise.all([drain(a, 'worker-a'), drain(b, 'worker-b')]);
    expect(seen.sort()).toEqual([...ids].sort());
  });
});

describe('Redis that cannot be reached', () => {
  it('answers every operation with DependencyUnavailableError at once, instead of hanging', async () => {
    const redis = connectRedis('redis://127.0.0.1:1');
    const queue = new RedisJobQueue(redis, { keyPrefix: 'it:unreachable', visibilityTimeoutMs: VISIBILITY_MS });
    await expect(queue.enqueue('x')).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(queue.ping()).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(queue.receive('c', 100)).rejects.toBeInstanceOf(DependencyUnavailableError);
    await redis.destroy();
  });
});
