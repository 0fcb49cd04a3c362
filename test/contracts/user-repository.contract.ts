import { beforeEach, describe, expect, it } from 'vitest';
import type { UserRepository } from '../../src/application/ports/user-repository.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { aUser } from '../support/builders.ts';

export function userRepositoryContract(name: string, setup: () => Promise<UserRepository>): void {
  describe(`UserRepository contract: ${name}`, () => {
    let repo: UserRepository;
    beforeEach(async () => {
      repo = await setup();
    });

    it('finds a stored user by id and by username', async () => {
      const user = aUser({ role: 'viewer', fullName: null });
      await repo.create(user);
      expect(await repo.findById(user.id)).toEqual(user);
      expect(await repo.findByUsername(user.username)).toEqual(user);
    });

    it('returns null for unknown users', async () => {
      expect(await repo.findById('40000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await repo.findByUsername('nobody')).toBeNull();
    });

    it('refuses a taken username and stores nothing', async () => {
      const user = aUser();
      await repo.create(user);
      const twin = aUser({ username: user.username });
      const error = await repo.create(twin).catch((e: unknown) => e);
      expect(isDomainError(error, 'USERNAME_TAKEN')).toBe(true);
      expect(await repo.findById(twin.id)).toBeNull();
    });

    it('refuses a username that differs only in case, on create and on update', async () => {
      const user = aUser({ username: 'Admin' });
      const other = aUser({ username: 'someone' });
      await repo.create(user);
      await repo.create(other);
      for (const twin of ['admin', 'ADMIN', 'aDmIn']) {
        const error = await repo.create(aUser({ username: twin })).catch((e: unknown) => e);
        expect([twin, isDomainError(error, 'USERNAME_TAKEN')]).toEqual([twin, true]);
      }
      await expect(repo.update({ ...other, username: 'ADMIN' })).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
      await repo.update({ ...user, username: 'ADMIN' }); // its own name in another case is no conflict
      expect((await repo.list({ limit: 10, offset: 0 })).total).toBe(2);
    });

    it('finds a user by its username in any case, as it was written', async () => {
      const user = aUser({ username: 'Ada.Lovelace' });
      await repo.create(user);
      for (const name of ['Ada.Lovelace', 'ada.lovelace', 'ADA.LOVELACE']) expect(await repo.findByUsername(name)).toEqual(user);
      expect(await repo.findByUsername('ada.lovelac')).toBeNull();
    });

    it('updates a user, keeping the uniqueness rules, and refuses an unknown one', async () => {
      const user = aUser();
      const other = aUser();
      await repo.create(user);
      await repo.create(other);
      const changed = { ...user, fullName: 'New Name', role: 'admin' as const, isActive: false, email: `NEW-${user.email}`, sessionVersion: 4 };
      await repo.update(changed);
      expect(await repo.findById(user.id)).toEqual(changed);
      await expect(repo.update({ ...changed, username: other.username })).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
      await expect(repo.update({ ...changed, email: other.email.toUpperCase() })).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
      expect(await repo.findById(user.id)).toEqual(changed);
      await expect(repo.update(aUser())).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    });

    it('lists users by username, with a total for paging', async () => {
      for (const name of ['carol', 'alice', 'bob']) await repo.create(aUser({ username: name, email: `${name}@example.com` }));
      const page = await repo.list({ limit: 2, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.users.map((u) => u.username)).toEqual(['alice', 'bob']);
      expect((await repo.list({ limit: 2, offset: 2 })).users.map((u) => u.username)).toEqual(['carol']);
    });

    it('refuses a taken email, ignoring case', async () => {
      const user = aUser();
      await repo.create(user);
      const error = await repo.create(aUser({ email: user.email.toUpperCase() })).catch((e: unknown) => e);
      expect(isDomainError(error, 'EMAIL_TAKEN')).toBe(true);
    });
  });
}
