import { beforeEach, describe, expect, it } from 'vitest';
import type { TokenIssuer } from '../../src/application/ports/token-issuer.ts';
import type { ManualClock } from '../../src/adapters/memory/manual-clock.ts';

export interface TokenIssuerSubject {
  readonly issuer: TokenIssuer;
  /** The clock the issuer reads; the suite moves it to test expiry. */
  readonly clock: ManualClock;
  /** Access-token lifetime the issuer was built with. */
  readonly accessTtlSeconds: number;
}

const access = { userId: '50000000-0000-4000-8000-000000000001', username: 'ada', role: 'user', sessionVersion: 3 } as const;
const refresh = {
  userId: access.userId,
  familyId: '50000000-0000-4000-8000-000000000002',
  tokenId: '50000000-0000-4000-8000-000000000003',
};

export function tokenIssuerContract(name: string, setup: () => Promise<TokenIssuerSubject>): void {
  describe(`TokenIssuer contract: ${name}`, () => {
    let subject: TokenIssuerSubject;
    beforeEach(async () => {
      subject = await setup();
    });

    it('verifies its own access token and gives back the claims', async () => {
      const issued = await subject.issuer.issueAccessToken(access);
      expect(issued.expiresInSeconds).toBe(subject.accessTtlSeconds);
      const verification = await subject.issuer.verify(issued.token);
      expect(verification).toMatchObject({ valid: true, claims: { type: 'access', ...access } });
    });

    it('verifies its own refresh token as a refresh token', async () => {
      const issued = await subject.issuer.issueRefreshToken(refresh);
      expect(await subject.issuer.verify(issued.token)).toMatchObject({ valid: true, claims: { type: 'refresh', ...refresh } });
    });

    it('says expired once the lifetime has passed', async () => {
      const issued = await subject.issuer.issueAccessToken(access);
      subject.clock.advance((subject.accessTtlSeconds + 1) * 1000);
      expect(await subject.issuer.verify(issued.token)).toEqual({ valid: false, reason: 'expired' });
    });

    it('says invalid for garbage, empty and altered tokens', async () => {
      const { token } = await subject.issuer.issueAccessToken(access);
      const altered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      for (const bad of ['', 'garbage', altered, `${token}x`]) {
        expect(await subject.issuer.verify(bad)).toEqual({ valid: false, reason: 'invalid' });
      }
    });

    it('issues a different token every time', async () => {
      const a = await subject.issuer.issueRefreshToken(refresh);
      const b = await subject.issuer.issueRefreshToken({ ...refresh, tokenId: '50000000-0000-4000-8000-000000000004' });
      expect(a.token).not.toBe(b.token);
    });
  });
}
