import { describe, expect, it } from 'vitest';
import { InMemoryRateLimitStore } from '../../../src/adapters/memory/in-memory-rate-limit-store.ts';
import { FailoverRateLimitStore } from '../../../src/adapters/resilience/failover-rate-limit-store.ts';
import { DependencyUnavailableError } from '../../../src/application/errors.ts';
import { rateLimitStoreContract } from '../../contracts/rate-limit-store.contract.ts';

/** A shared store that can be taken down, as Redis can. */
class SwitchableStore extends InMemoryRateLimitStore {
  down = false;
  override async hit(key: string, windowMs: number) {
    if (this.down) throw new DependencyUnavailableError('queue');
    return super.hit(key, windowMs);
  }
}

rateLimitStoreContract('failover (shared store up)', async () => new FailoverRateLimitStore(new SwitchableStore(), new InMemoryRateLimitStore()));

describe('FailoverRateLimitStore', () => {
  it('counts per instance while the shared store is down, and in the shared one again once it is back', async () => {
    const shared = new SwitchableStore();
    const store = new FailoverRateLimitStore(shared, new InMemoryRateLimitStore());
    expect((await store.hit('k', 60_000)).count).toBe(1);
    shared.down = true;
    expect((await store.hit('k', 60_000)).count).toBe(1);
    expect((await store.hit('k', 60_000)).count).toBe(2);
    shared.down = false;
    expect((await store.hit('k', 60_000)).count).toBe(2);
  });

  it('lets other errors through', async () => {
    const broken = new InMemoryRateLimitStore();
    broken.hit = async () => {
      throw new TypeError('a bug');
    };
    await expect(new FailoverRateLimitStore(broken, new InMemoryRateLimitStore()).hit('k', 1000)).rejects.toThrow('a bug');
  });
});
