import type { RefreshSession, RotationOutcome, SessionRepository } from '../../application/ports/session-repository.ts';

interface StoredSession {
  readonly session: RefreshSession;
  rotated: boolean;
}

/** Refresh-token records in process memory. */
export class InMemorySessionRepository implements SessionRepository {
  readonly #sessions = new Map<string, StoredSession>();
  readonly #revokedFamilies = new Set<string>();

  async add(session: RefreshSession): Promise<void> {
    this.#sessions.set(session.tokenId, { session: structuredClone(session), rotated: false });
  }

  async isCurrent(tokenId: string, now: Date): Promise<boolean> {
    const stored = this.#sessions.get(tokenId);
    return !!stored && !stored.rotated && stored.session.expiresAt > now && !this.#revokedFamilies.has(stored.session.familyId);
  }

  async rotate(tokenId: string, next: RefreshSession, now: Date): Promise<RotationOutcome> {
    const stored = this.#sessions.get(tokenId);
    if (!stored || this.#revokedFamilies.has(stored.session.familyId) || stored.session.expiresAt <= now) {
      return 'revoked';
    }
    if (stored.rotated) {
      this.#revokedFamilies.add(stored.session.familyId);
      return 'reused';
    }
    stored.rotated = true;
    this.#sessions.set(next.tokenId, { session: structuredClone(next), rotated: false });
    return 'rotated';
  }

  async revokeFamily(familyId: string): Promise<void> {
    this.#revokedFamilies.add(familyId);
  }

  async revokeAllForUser(userId: string): Promise<void> {
    for (const { session } of this.#sessions.values()) {
      if (session.userId === userId) this.#revokedFamilies.add(session.familyId);
    }
  }
}
