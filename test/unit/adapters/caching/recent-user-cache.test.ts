import { describe, expect, it } from 'vitest';
import { RecentUserCache } from '../../../../src/adapters/caching/recent-user-cache.ts';
import { InMemoryUserRepository } from '../../../../src/adapters/memory/in-memory-user-repository.ts';
import { ManualClock } from '../../../../src/adapters/memory/manual-clock.ts';
import type { User } from '../../../../src/domain/user/user.ts';
import { aUser } from '../../../support/builders.ts';

/** A user store whose reads can be held back. */
class HeldUserRepository extends InMemoryUserRepository {
  hold: Promise<void> | null = null;
  override async findById(userId: string): Promise<User | null> {
    const user = await super.findById(userId);
    await this.hold;
    return user;
  }
}

describe('RecentUserCache', () => {
  const limits = { ttlMs: 1_000, maxEntries: 100 };

  it('sees its own changes at once, and changes made elsewhere after the time to live', async () => {
    const store = new InMemoryUserRepository();
    const clock = new ManualClock();
    const cache = new RecentUserCache(store, clock, limits);
    const user = aUser();
    await cache.create(user);
    expect((await cache.findById(user.id))?.isActive).toBe(true);

    await cache.update({ ...user, role: 'viewer' });
    expect((await cache.findById(user.id))?.role).toBe('viewer');

    await store.update({ ...user, role: 'viewer', isActive: false }); // another instance deactivates
    expect((await cache.findById(user.id))?.isActive).toBe(true);
    clock.advance(1_001);
    expect((await cache.findById(user.id))?.isActive).toBe(false);
  });

  it('does not keep a read that raced a change made through it', async () => {
    const store = new HeldUserRepository();
    const cache = new RecentUserCache(store, new ManualClock(), limits);
    const user = aUser();
    await cache.create(user);
    let release!: () => void;
    store.hold = new Promise((resolve) => (release = resolve));
    const racing = cache.findById(user.id);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await cache.update({ ...user, isActive: false });
    store.hold = null;
    release();
    expect((await racing)?.isActive).toBe(true); // read before the change: fine to answer
    expect((await cache.findById(user.id))?.isActive).toBe(false);
  });

  it('keeps nothing for an unknown user', async () => {
    const store = new InMemoryUserRepository();
    const cache = new RecentUserCache(store, new ManualClock(), limits);
    const user = aUser();
    expect(await cache.findById(user.id)).toBeNull();
    await store.create(user); // created elsewhere
    expect((await cache.findById(user.id))?.id).toBe(user.id);
  });
});
