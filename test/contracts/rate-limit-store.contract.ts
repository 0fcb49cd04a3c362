import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RateLimitStore } from '../../src/application/ports/rate-limit-store.ts';

export function rateLimitStoreContract(name: string, setup: () => Promise<RateLimitStore>): void {
  describe(`RateLimitStore contract: ${name}`, () => {
    let store: RateLimitStore;
    let key: string;
    beforeEach(async () => {
      store = await setup();
      key = `user:${randomBytes(4).toString('hex')}`;
    });

    it('counts hits in a window and says when it resets', async () => {
      const before = Date.now();
      const first = await store.hit(key, 60_000);
      expect(first.count).toBe(1);
      expect(first.resetAt.getTime()).toBeGreaterThan(before + 55_000);
      expect((await store.hit(key, 60_000)).count).toBe(2);
      expect((await store.hit(key, 60_000)).resetAt.getTime()).toBeLessThanOrEqual(first.resetAt.getTime() + 50);
    });

    it('keeps keys apart', async () => {
      await store.hit(key, 60_000);
      expect((await store.hit(`${key}-other`, 60_000)).count).toBe(1);
    });

    it('starts a new window once the old one is over', async () => {
      await store.hit(key, 200);
      await store.hit(key, 200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await store.hit(key, 200)).count).toBe(1);
    });

    it('forgets a key on reset', async () => {
      await store.hit(key, 60_000);
      await store.reset(key);
      expect((await store.hit(key, 60_000)).count).toBe(1);
    });

    it('gives concurrent hits distinct counts', async () => {
      const hits = await Promise.all(Array.from({ length: 50 }, () => store.hit(key, 60_000)));
      expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });
  });
}
