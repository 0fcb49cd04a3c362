import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RefreshSession, SessionRepository } from '../../src/application/ports/session-repository.ts';
import { T0 } from '../support/builders.ts';

const HOUR = 3_600_000;

export function sessionRepositoryContract(name: string, setup: () => Promise<SessionRepository>): void {
  describe(`SessionRepository contract: ${name}`, () => {
    let repo: SessionRepository;
    const userId = randomUUID();
    const session = (familyId: string, overrides: Partial<RefreshSession> = {}): RefreshSession => ({
      tokenId: randomUUID(),
      userId,
      familyId,
      expiresAt: new Date(T0.getTime() + HOUR),
      ...overrides,
    });
    beforeEach(async () => {
      repo = await setup();
    });

    it('rotates a current token once; the next one is then current', async () => {
      const family = randomUUID();
      const first = session(family);
      const second = session(family);
      await repo.add(first);
      expect(await repo.rotate(first.tokenId, second, T0)).toBe('rotated');
      expect(await repo.rotate(second.tokenId, session(family), T0)).toBe('rotated');
    });

    it('treats a second use of a rotated token as reuse and revokes the family', async () => {
      const family = randomUUID();
      const first = session(family);
      const second = session(family);
      await repo.add(first);
      await repo.rotate(first.tokenId, second, T0);
      expect(await repo.rotate(first.tokenId, session(family), T0)).toBe('reused');
      expect(await repo.rotate(second.tokenId, session(family), T0)).toBe('revoked');
    });

    it('refuses unknown and expired tokens', async () => {
      expect(await repo.rotate(randomUUID(), session(randomUUID()), T0)).toBe('revoked');
      const expired = session(randomUUID(), { expiresAt: new Date(T0.getTime() - 1) });
      await repo.add(expired);
      expect(await repo.rotate(expired.tokenId, session(expired.familyId), T0)).toBe('revoked');
    });

    it('revokes a family, leaving other families alone', async () => {
      const revoked = session(randomUUID());
      const kept = session(randomUUID());
      await repo.add(revoked);
      await repo.add(kept);
      await repo.revokeFamily(revoked.familyId);
      await repo.revokeFamily(randomUUID());
      expect(await repo.rotate(revoked.tokenId, session(revoked.familyId), T0)).toBe('revoked');
      expect(await repo.rotate(kept.tokenId, session(kept.familyId), T0)).toBe('rotated');
    });

    it("revokes every session of a user, and only that user's", async () => {
      const a = session(randomUUID());
      const b = session(randomUUID());
      const stranger = session(randomUUID(), { userId: randomUUID() });
      for (const s of [a, b, stranger]) await repo.add(s);
      await repo.revokeAllForUser(userId);
      expect(await repo.rotate(a.tokenId, session(a.familyId), T0)).toBe('revoked');
      expect(await repo.rotate(b.tokenId, session(b.familyId), T0)).toBe('revoked');
      expect(await repo.rotate(stranger.tokenId, session(stranger.familyId, { userId: stranger.userId }), T0)).toBe('rotated');
    });

    it('says a token is current until it is rotated, expires, or its family or user is revoked', async () => {
      const family = randomUUID();
      const first = session(family);
      const second = session(family);
      await repo.add(first);
      expect(await repo.isCurrent(first.tokenId, T0)).toBe(true);
      expect(await repo.isCurrent(first.tokenId, first.expiresAt)).toBe(false);
      expect(await repo.isCurrent(randomUUID(), T0)).toBe(false);
      await repo.rotate(first.tokenId, second, T0);
      expect([await repo.isCurrent(first.tokenId, T0), await repo.isCurrent(second.tokenId, T0)]).toEqual([false, true]);
      await repo.revokeFamily(family);
      expect(await repo.isCurrent(second.tokenId, T0)).toBe(false);

      const other = session(randomUUID());
      await repo.add(other);
      await repo.revokeAllForUser(userId);
      expect(await repo.isCurrent(other.tokenId, T0)).toBe(false);
    });

    it('lets exactly one of concurrent rotations of a token succeed', async () => {
      const family = randomUUID();
      const first = session(family);
      await repo.add(first);
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => repo.rotate(first.tokenId, session(family), T0)));
      expect(outcomes.filter((o) => o === 'rotated')).toHaveLength(1);
    });
  });
}
