import { describe, expect, it } from 'vitest';
import { InMemoryUserRepository } from '../../../src/adapters/memory/in-memory-user-repository.ts';
import { ManualClock } from '../../../src/adapters/memory/manual-clock.ts';
import { RecentUserCache } from '../../../src/application/users/recent-user-cache.ts';
import { userRepositoryContract } from '../../contracts/user-repository.contract.ts';
import { aUser } from '../../support/builders.ts';

userRepositoryContract('recent-user cache over in-memory', async () => new RecentUserCache(new InMemoryUserRepository(), new ManualClock(), 1_000));

describe('RecentUserCache', () => {
  it('sees its own changes at once, and changes made elsewhere after the time to live', async () => {
    const store = new InMemoryUserRepository();
    const clock = new ManualClock();
    const cache = new RecentUserCache(store, clock, 1_000);
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

  it('hands out frozen users, so no caller can change what the others read', async () => {
    const cache = new RecentUserCache(new InMemoryUserRepository(), new ManualClock(), 1_000);
    const user = aUser();
    await cache.create(user);
    const first = (await cache.findById(user.id))!;
    expect(() => {
      (first as { role: string }).role = 'admin';
    }).toThrow(TypeError);
    expect((await cache.findById(user.id))?.role).toBe(user.role);
  });
});
