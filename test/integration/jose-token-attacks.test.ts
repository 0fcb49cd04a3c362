import { createSecretKey } from 'node:crypto';
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { JoseTokenIssuer } from '../../src/adapters/jose/jose-token-issuer.ts';
import { SystemClock } from '../../src/adapters/system/system-clock.ts';

const settings = {
  secret: 'a-test-secret-of-at-least-32-bytes!',
  issuer: 'test-iss',
  audience: 'test-aud',
  accessTtlSeconds: 60,
  refreshTtlSeconds: 600,
};
const issuer = new JoseTokenIssuer(settings, new SystemClock());
const key = createSecretKey(Buffer.from(settings.secret));
const claims = { username: 'mallory', role: 'admin' };

/** A token that is right in every way except what `tweak` changes. */
function forge(tweak: (jwt: SignJWT) => SignJWT = (j) => j, header: Record<string, string> = {}) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...header })
    .setSubject('60000000-0000-4000-8000-000000000001')
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime('1m');
  return tweak(jwt);
}

describe('JoseTokenIssuer refuses forged and misused tokens', () => {
  it('accepts the well-formed control token', async () => {
    expect((await issuer.verify(await forge().sign(key))).valid).toBe(true);
  });

  it.each([
    ['alg none', async () => new UnsecuredJWT(claims).setSubject('x').setIssuer(settings.issuer).setAudience(settings.audience).setExpirationTime('1m').encode()],
    ['another secret', async () => forge().sign(createSecretKey(Buffer.from('another-secret-of-at-least-32-bytes')))],
    ['HS512 with the right secret (algorithm pinned)', async () => forge(undefined, { alg: 'HS512' }).sign(key)],
    ['RS256 (HS/RS confusion)', async () => forge(undefined, { alg: 'RS256' }).sign((await generateKeyPair('RS256')).privateKey)],
    ['a wrong issuer', async () => forge((j) => j.setIssuer('evil')).sign(key)],
    ['a wrong audience', async () => forge((j) => j.setAudience('other-api')).sign(key)],
    ['no expiry', async () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setSubject('x').setIssuer(settings.issuer).setAudience(settings.audience).setIssuedAt().sign(key)],
    ['an unknown role', async () => new SignJWT({ ...claims, role: 'root' }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setSubject('x').setIssuer(settings.issuer).setAudience(settings.audience).setIssuedAt().setExpirationTime('1m').sign(key)],
    ['no token type', async () => forge(undefined, { typ: 'JWT' }).sign(key)],
  ])('refuses a token with %s', async (_, make) => {
    expect(await issuer.verify(await make())).toEqual({ valid: false, reason: 'invalid' });
  });

  it('refuses a tampered payload', async () => {
    const [head, , signature] = (await forge().sign(key)).split('.');
    const payload = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    expect(await issuer.verify(`${head}.${payload}.${signature}`)).toEqual({ valid: false, reason: 'invalid' });
  });

  it('reports an expired token as expired', async () => {
    const expired = await forge((j) => j.setIssuedAt(Math.floor(Date.now() / 1000) - 120).setExpirationTime(Math.floor(Date.now() / 1000) - 60)).sign(key);
    expect(await issuer.verify(expired)).toEqual({ valid: false, reason: 'expired' });
  });

  it('reads a token signed before session versions as version 0, and refuses one whose version is not an integer', async () => {
    expect(await issuer.verify(await forge().sign(key))).toMatchObject({ valid: true, claims: { sessionVersion: 0 } });
    for (const sv of ['1', 1.5, null]) {
      const odd = await new SignJWT({ ...claims, sv }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setSubject('u').setIssuer(settings.issuer).setAudience(settings.audience).setIssuedAt().setExpirationTime('1m').sign(key);
      expect([sv, await issuer.verify(odd)]).toEqual([sv, { valid: false, reason: 'invalid' }]);
    }
  });

  it('keeps access and refresh tokens apart by type', async () => {
    const refresh = await issuer.issueRefreshToken({ userId: 'u', familyId: 'f', tokenId: 't' });
    const access = await issuer.issueAccessToken({ userId: 'u', username: 'ada', role: 'user', sessionVersion: 0 });
    expect(await issuer.verify(refresh.token)).toMatchObject({ valid: true, claims: { type: 'refresh' } });
    expect(await issuer.verify(access.token)).toMatchObject({ valid: true, claims: { type: 'access' } });
    // A refresh-typed header over access-shaped claims is neither.
    const mixed = await forge(undefined, { typ: 'rt+jwt' }).sign(key);
    expect(await issuer.verify(mixed)).toEqual({ valid: false, reason: 'invalid' });
  });
});
