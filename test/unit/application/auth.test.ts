import { beforeEach, describe, expect, it } from 'vitest';
import type { Authenticate } from '../../../src/application/auth/authenticate.ts';
import type { Login } from '../../../src/application/auth/login.ts';
import type { Logout } from '../../../src/application/auth/logout.ts';
import type { RefreshSession } from '../../../src/application/auth/refresh-session.ts';
import type { VerifyToken } from '../../../src/application/auth/verify-token.ts';
import type { EnsureAdminUser } from '../../../src/application/auth/ensure-admin-user.ts';
import type { DeactivateUser } from '../../../src/application/users/deactivate-user.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import type { DomainError } from '../../../src/domain/errors.ts';
import { createTestCore, PASSWORD, type TestCore } from '../../support/test-core.ts';

describe('authentication use cases', () => {
  let core: TestCore;
  let login: Login;
  let refresh: RefreshSession;
  let authenticate: Authenticate;
  beforeEach(() => {
    core = createTestCore();
    login = core.get(TOKENS.Login);
    refresh = core.get(TOKENS.RefreshSession);
    authenticate = core.get(TOKENS.Authenticate);
  });

  it('logs in with the right password and the access token authenticates the user', async () => {
    const { user } = await core.addUser('user');
    const pair = await login.execute(user.username, PASSWORD);
    expect(pair.expiresInSeconds).toBe(1800);
    expect(await authenticate.execute(pair.accessToken)).toEqual({ userId: user.id, username: user.username, role: 'user' });
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const { user } = await core.addUser('user');
    const failure = (attempt: Promise<unknown>) => attempt.then(() => null, (e: DomainError) => e);
    const wrongPassword = (await failure(login.execute(user.username, 'wrong-password')))!;
    const unknownUser = (await failure(login.execute('nobody', PASSWORD)))!;
    expect([wrongPassword.code, wrongPassword.message]).toEqual([unknownUser.code, unknownUser.message]);
    expect(wrongPassword.code).toBe('INVALID_CREDENTIALS');
  });

  it('spends one password verification on an unknown user too, so timing does not tell who exists', async () => {
    const { user } = await core.addUser('user');
    const hasher = core.ports.hasher;
    const verify = hasher.verify.bind(hasher);
    const checked: string[] = [];
    hasher.verify = async (password, hash) => {
      checked.push(hash.split('$')[0] ?? '');
      return verify(password, hash);
    };
    await login.execute('nobody', 'some-password').catch(() => {});
    await login.execute(user.username, 'wrong-password').catch(() => {});
    expect(checked).toEqual(['sha256', 'sha256']);
  });

  it('refuses a deactivated account, after checking its password', async () => {
    const { user } = await core.addUser('user', { isActive: false });
    await expect(login.execute(user.username, PASSWORD)).rejects.toMatchObject({ code: 'USER_INACTIVE' });
    await expect(login.execute(user.username, 'wrong-password')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('rotates refresh tokens: the new pair works, the old refresh token is spent', async () => {
    const { user } = await core.addUser('user');
    const first = await login.execute(user.username, PASSWORD);
    const second = await refresh.execute(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await authenticate.execute(second.accessToken)).userId).toBe(user.id);
    const third = await refresh.execute(second.refreshToken);
    expect(third.accessToken).toBeTruthy();
  });

  it('revokes the whole session when a spent refresh token comes back', async () => {
    const { user } = await core.addUser('user');
    const first = await login.execute(user.username, PASSWORD);
    const second = await refresh.execute(first.refreshToken);
    await expect(refresh.execute(first.refreshToken)).rejects.toMatchObject({ code: 'INVALID_TOKEN', message: expect.stringMatching(/revoked/) });
    await expect(refresh.execute(second.refreshToken)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('never accepts an access token as a refresh token, or the reverse', async () => {
    const { user } = await core.addUser('user');
    const pair = await login.execute(user.username, PASSWORD);
    await expect(refresh.execute(pair.accessToken)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(authenticate.execute(pair.refreshToken)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('refuses expired access tokens', async () => {
    const { user } = await core.addUser('user');
    const pair = await login.execute(user.username, PASSWORD);
    core.clock.advance(31 * 60_000);
    await expect(authenticate.execute(pair.accessToken)).rejects.toMatchObject({ code: 'INVALID_TOKEN', message: 'Token expired' });
  });

  it('stops authenticating a user deactivated after login at once, though the account was just read', async () => {
    const { user } = await core.addUser('user');
    const { actor: admin } = await core.addUser('admin');
    const pair = await login.execute(user.username, PASSWORD);
    await authenticate.execute(pair.accessToken);
    await core.get<DeactivateUser>(TOKENS.DeactivateUser).execute(admin, user.id);
    await expect(authenticate.execute(pair.accessToken)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('sees a deactivation made by another process once the account is no longer remembered', async () => {
    const { user } = await core.addUser('user');
    const pair = await login.execute(user.username, PASSWORD);
    await authenticate.execute(pair.accessToken);
    await core.stores.users.update({ ...user, isActive: false }); // behind this process's back, as the users CLI does
    expect(await authenticate.execute(pair.accessToken)).toMatchObject({ userId: user.id });
    core.clock.advance(1_001);
    await expect(authenticate.execute(pair.accessToken)).rejects.toMatchObject({ code: 'INVALID_TOKEN', message: 'Account is not active' });
  });

  it("logs out: the session's refresh token stops working; a foreign token is left alone", async () => {
    const a = await core.addUser('user');
    const b = await core.addUser('user');
    const pairA = await login.execute(a.user.username, PASSWORD);
    const pairB = await login.execute(b.user.username, PASSWORD);
    const logout = core.get<Logout>(TOKENS.Logout);
    await logout.execute(a.actor, pairB.refreshToken);
    await logout.execute(a.actor, 'not-a-token');
    await logout.execute(a.actor, pairA.refreshToken);
    await expect(refresh.execute(pairA.refreshToken)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    expect((await refresh.execute(pairB.refreshToken)).accessToken).toBeTruthy();
  });

  it('turns a verification made earlier into the actor, by the same rules as a token', async () => {
    const { user } = await core.addUser('user');
    const pair = await login.execute(user.username, PASSWORD);
    const verify = core.get<VerifyToken>(TOKENS.VerifyToken);
    expect(await authenticate.actorFor(await verify.execute(pair.accessToken))).toEqual({ userId: user.id, username: user.username, role: 'user' });
    await expect(authenticate.actorFor(await verify.execute(pair.refreshToken))).rejects.toMatchObject({ code: 'INVALID_TOKEN', message: 'Not an access token' });
    await expect(authenticate.actorFor(await verify.execute('garbage'))).rejects.toMatchObject({ code: 'INVALID_TOKEN', message: 'Invalid token' });
    const verified = await verify.execute(pair.accessToken);
    const { actor: admin } = await core.addUser('admin');
    await core.get<DeactivateUser>(TOKENS.DeactivateUser).execute(admin, user.id);
    await expect(authenticate.actorFor(verified)).rejects.toMatchObject({ code: 'INVALID_TOKEN', message: 'Account is not active' });
  });

  it('verifies tokens for other services', async () => {
    const { user } = await core.addUser('viewer');
    const pair = await login.execute(user.username, PASSWORD);
    const verify = core.get<VerifyToken>(TOKENS.VerifyToken);
    expect(await verify.execute(pair.accessToken)).toMatchObject({ valid: true, claims: { type: 'access', role: 'viewer' } });
    expect(await verify.execute('garbage')).toEqual({ valid: false, reason: 'invalid' });
  });

  it('creates the bootstrap admin once', async () => {
    const ensure = core.get<EnsureAdminUser>(TOKENS.EnsureAdminUser);
    expect(await ensure.execute({ username: 'root', password: 'root-password' })).toBe(true);
    expect(await ensure.execute({ username: 'root', password: 'other-password' })).toBe(false);
    expect(await login.execute('root', 'root-password')).toHaveProperty('accessToken');
  });
});
