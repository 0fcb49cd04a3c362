import { beforeEach, describe, expect, it } from 'vitest';
import type { ResetPassword } from '../../../src/application/users/reset-password.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { aJob, anUpload } from '../../support/builders.ts';
import { httpClient, type HttpCall } from '../../support/http-client.ts';
import { createTestCore, PASSWORD, type TestCore } from '../../support/test-core.ts';

/** Sessions, tokens and accounts: what must stop working at once, and what an admin may not do to itself. */
describe('account security over HTTP', () => {
  let core: TestCore;
  let call: HttpCall;
  let admin: { token: string; id: string };

  const login = async (username: string, password = PASSWORD) => {
    const res = await call('POST', '/auth/login', { json: { username, password } });
    expect(res.status).toBe(200);
    return res.body as { access_token: string; refresh_token: string };
  };
  const verify = async (token: string) => (await call('POST', '/auth/verify', { json: { token } })).body;
  const newUser = (username: string, password = 'a-long-password') =>
    call('POST', '/users', { token: admin.token, json: { username, email: `${username}@example.com`, password, role: 'user' } });

  beforeEach(async () => {
    core = createTestCore();
    call = httpClient(core.app);
    const { user } = await core.addUser('admin');
    admin = { token: (await login(user.username)).access_token, id: user.id };
  });

  describe('POST /auth/verify', () => {
    it('answers valid: false for a logged-out refresh token, and for a rotated (spent) one', async () => {
      const { user } = await core.addUser('user');
      const session = await login(user.username);
      expect(await verify(session.refresh_token)).toMatchObject({ valid: true });
      expect((await call('POST', '/auth/logout', { token: session.access_token, json: { refresh_token: session.refresh_token } })).status).toBe(204);
      expect(await verify(session.refresh_token)).toEqual({ valid: false, reason: 'invalid' });

      const other = await login(user.username);
      const rotated = (await call('POST', '/auth/refresh', { json: { refresh_token: other.refresh_token } })).body;
      expect(await verify(other.refresh_token)).toEqual({ valid: false, reason: 'invalid' });
      expect(await verify(rotated.refresh_token)).toMatchObject({ valid: true });
    });

    it("answers valid: false for both tokens of a deactivated account, and again valid once it is reactivated and logs in", async () => {
      const { user } = await core.addUser('user');
      const session = await login(user.username);
      expect((await call('DELETE', `/users/${user.id}`, { token: admin.token })).status).toBe(204);
      expect(await verify(session.access_token)).toEqual({ valid: false, reason: 'invalid' });
      expect(await verify(session.refresh_token)).toEqual({ valid: false, reason: 'invalid' });

      expect((await call('PATCH', `/users/${user.id}`, { token: admin.token, json: { is_active: true } })).status).toBe(200);
      // Reactivation does not bring the old session back.
      expect(await verify(session.access_token)).toEqual({ valid: false, reason: 'invalid' });
      expect(await verify((await login(user.username)).access_token)).toMatchObject({ valid: true });
    });

    it("tells an access token's role as the account has it now, not as it was when the token was issued", async () => {
      const { user } = await core.addUser('admin');
      const session = await login(user.username);
      expect(await verify(session.access_token)).toMatchObject({ valid: true, claims: { role: 'admin' } });
      expect((await call('PATCH', `/users/${user.id}`, { token: admin.token, json: { role: 'viewer' } })).status).toBe(200);
      expect(await verify(session.access_token)).toMatchObject({ valid: true, claims: { role: 'viewer' } });
    });
  });

  describe('a new password', () => {
    it('stops the access tokens issued before it at once, whoever sets it', async () => {
      const { user } = await core.addUser('user');
      const own = await login(user.username);
      const byAdmin = await login(user.username);
      const changed = await call('PATCH', `/users/${user.id}`, { token: own.access_token, json: { password: 'new-password-1', current_password: PASSWORD } });
      expect(changed.status).toBe(200);
      for (const token of [own.access_token, byAdmin.access_token]) {
        expect((await call('GET', '/auth/me', { token })).status).toBe(401);
        expect(await verify(token)).toEqual({ valid: false, reason: 'invalid' });
      }
      const fresh = await login(user.username, 'new-password-1');
      expect((await call('GET', '/auth/me', { token: fresh.access_token })).status).toBe(200);

      expect((await call('PATCH', `/users/${user.id}`, { token: admin.token, json: { password: 'new-password-2' } })).status).toBe(200);
      expect((await call('GET', '/auth/me', { token: fresh.access_token })).status).toBe(401);

      const again = await login(user.username, 'new-password-2');
      await core.get<ResetPassword>(TOKENS.ResetPassword).execute(user.username, 'new-password-3');
      expect((await call('GET', '/auth/me', { token: again.access_token })).status).toBe(401);
    });

    it('is refused with 422 past the 72 bytes of UTF-8 bcrypt reads; 72 bytes are fine', async () => {
      const umlauts = 'ü'.repeat(37); // 37 characters, 74 bytes
      for (const password of [umlauts, 'x'.repeat(73)]) {
        const res = await newUser('long', password);
        expect([res.status, res.body.error_code, res.body.errors?.[0]?.path]).toEqual([422, 'VALIDATION_ERROR', 'password']);
      }
      expect((await newUser('exact', 'ü'.repeat(36))).status).toBe(201);
      await login('exact', 'ü'.repeat(36));
      const { user } = await core.addUser('user');
      const own = await login(user.username);
      const change = await call('PATCH', `/users/${user.id}`, { token: own.access_token, json: { password: umlauts, current_password: PASSWORD } });
      expect([change.status, change.body.errors?.[0]?.path]).toEqual([422, 'password']);
      await expect(core.get<ResetPassword>(TOKENS.ResetPassword).execute(user.username, umlauts)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    });
  });

  describe('an admin and its own account', () => {
    it('may not deactivate or demote itself through PATCH or DELETE: 409 SELF_LOCKOUT, nothing changed', async () => {
      for (const [method, json] of [
        ['PATCH', { is_active: false }],
        ['PATCH', { role: 'user' }],
        ['PATCH', { role: 'viewer', full_name: 'Demoted' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await call(method, `/users/${admin.id}`, { token: admin.token, ...(json ? { json } : {}) });
        expect([method, json, res.status, res.body.error_code]).toEqual([method, json, 409, 'SELF_LOCKOUT']);
      }
      const me = (await call('GET', '/auth/me', { token: admin.token })).body;
      expect(me).toMatchObject({ role: 'admin', is_active: true, full_name: 'admin 1' });
      // What does not lock it out is still allowed.
      expect((await call('PATCH', `/users/${admin.id}`, { token: admin.token, json: { role: 'admin', is_active: true, full_name: 'Root' } })).status).toBe(200);
    });

    it('may still deactivate and demote other admins', async () => {
      const { user } = await core.addUser('admin');
      expect((await call('PATCH', `/users/${user.id}`, { token: admin.token, json: { role: 'user' } })).status).toBe(200);
      expect((await call('DELETE', `/users/${user.id}`, { token: admin.token })).status).toBe(204);
    });
  });

  describe('usernames', () => {
    it('are unique whatever their case, and log in by any case as the same user', async () => {
      expect((await newUser('Ada')).status).toBe(201);
      for (const twin of ['ada', 'ADA', 'aDa']) {
        const res = await newUser(twin);
        expect([twin, res.status, res.body.error_code]).toEqual([twin, 409, 'USERNAME_TAKEN']);
      }
      const ids = new Set<string>();
      for (const name of ['Ada', 'ada', 'ADA']) {
        const me = (await call('GET', '/auth/me', { token: (await login(name, 'a-long-password')).access_token })).body;
        expect(me.username).toBe('Ada');
        ids.add(me.user_id);
      }
      expect(ids.size).toBe(1);
    });
  });

  describe('job event streams', () => {
    it('are for the owner and admins: a viewer gets 404 like for any foreign job', async () => {
      const owner = await core.addUser('user');
      const { user: viewer } = await core.addUser('viewer');
      const job = aJob({ ownerId: owner.user.id, status: 'FAILED' });
      await core.ports.jobs.create(job, anUpload(job));
      const viewerToken = (await login(viewer.username)).access_token;

      expect((await call('GET', `/jobs/${job.id}`, { token: viewerToken })).status).toBe(200);
      const refused = await call('GET', `/jobs/${job.id}/events`, { token: viewerToken });
      expect([refused.status, refused.body.error_code]).toEqual([404, 'JOB_NOT_FOUND']);
      for (const token of [(await login(owner.user.username)).access_token, admin.token]) {
        const stream = await call('GET', `/jobs/${job.id}/events`, { token });
        expect([stream.status, stream.text]).toEqual([200, expect.stringContaining('"status":"FAILED"')]);
      }
    });
  });
});
