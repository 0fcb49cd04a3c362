import { beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, PASSWORD, type TestCore } from '../../support/test-core.ts';
import { httpClient, type HttpCall } from '../../support/http-client.ts';

describe('users over HTTP', () => {
  let core: TestCore;
  let call: HttpCall;
  let admin: string;

  const login = async (username: string, password = PASSWORD) =>
    (await call('POST', '/auth/login', { json: { username, password } })).body as { access_token: string; refresh_token: string };
  const newUser = { username: 'ada', email: 'ada@example.com', password: 'analytical-engine', full_name: 'Ada Lovelace', role: 'user' };

  beforeEach(async () => {
    core = createTestCore();
    call = httpClient(core.app);
    const { user } = await core.addUser('admin');
    admin = (await login(user.username)).access_token;
  });

  it('lets an admin create, list, read, change and deactivate users, never showing a password hash', async () => {
    const created = await call('POST', '/users', { token: admin, json: newUser });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ user_id: expect.any(String), username: 'ada', email: 'ada@example.com', full_name: 'Ada Lovelace', role: 'user', is_active: true });
    const id = created.body.user_id;

    const listed = await call('GET', '/users?limit=10', { token: admin });
    expect(listed.headers.get('X-Total-Count')).toBe('2');
    expect(listed.body.map((u: { username: string }) => u.username)).toContain('ada');
    expect((await call('GET', `/users/${id}`, { token: admin })).body.username).toBe('ada');
    const patched = await call('PATCH', `/users/${id}`, { token: admin, json: { role: 'viewer', full_name: null } });
    expect(patched.body).toMatchObject({ role: 'viewer', full_name: null });
    expect((await call('DELETE', `/users/${id}`, { token: admin })).status).toBe(204);
    expect((await call('GET', `/users/${id}`, { token: admin })).body.is_active).toBe(false);

    for (const res of [created, listed, patched]) expect(res.text).not.toMatch(/password|sha256\$|\$2[aby]\$/);
  });

  it('refuses taken usernames and emails with 409, and bad fields with 422', async () => {
    await call('POST', '/users', { token: admin, json: newUser });
    const sameName = await call('POST', '/users', { token: admin, json: { ...newUser, email: 'other@example.com' } });
    const sameEmail = await call('POST', '/users', { token: admin, json: { ...newUser, username: 'ada2', email: 'ADA@example.com' } });
    expect([sameName.status, sameName.body.error_code]).toEqual([409, 'USERNAME_TAKEN']);
    expect([sameEmail.status, sameEmail.body.error_code]).toEqual([409, 'EMAIL_TAKEN']);
    const bad = await call('POST', '/users', { token: admin, json: { ...newUser, username: 'x', email: 'nope', password: 'short', role: 'root' } });
    expect(bad.status).toBe(422);
    const extra = await call('POST', '/users', { token: admin, json: { ...newUser, is_admin: true } });
    expect([extra.status, extra.body.errors]).toEqual([422, [{ path: 'is_admin', message: 'is not an accepted field' }]]);
  });

  it('keeps non-admins to their own profile: name and password only', async () => {
    const id = (await call('POST', '/users', { token: admin, json: newUser })).body.user_id;
    const ada = (await login('ada', newUser.password)).access_token;
    const other = (await core.addUser('user')).user;

    expect((await call('GET', `/users/${id}`, { token: ada })).status).toBe(200);
    expect((await call('GET', `/users/${other.id}`, { token: ada })).status).toBe(404);
    expect((await call('GET', '/users', { token: ada })).status).toBe(403);
    expect((await call('POST', '/users', { token: ada, json: { ...newUser, username: 'eve', email: 'eve@example.com' } })).status).toBe(403);

    const escalate = await call('PATCH', `/users/${id}`, { token: ada, json: { role: 'admin', is_active: true } });
    expect([escalate.status, escalate.body.detail]).toEqual([403, 'You may not change: role, isActive']);
    expect((await call('GET', `/users/${id}`, { token: ada })).body.role).toBe('user');
    expect((await call('PATCH', `/users/${id}`, { token: ada, json: { full_name: 'Countess' } })).body.full_name).toBe('Countess');
  });

  it('changes a password only with the current one, and ends the old sessions', async () => {
    const id = (await call('POST', '/users', { token: admin, json: newUser })).body.user_id;
    const session = await login('ada', newUser.password);
    const noCurrent = await call('PATCH', `/users/${id}`, { token: session.access_token, json: { password: 'new-password-1' } });
    expect(noCurrent.status).toBe(422);
    const wrong = await call('PATCH', `/users/${id}`, { token: session.access_token, json: { password: 'new-password-1', current_password: 'guess' } });
    expect(wrong.status).toBe(401);
    const ok = await call('PATCH', `/users/${id}`, { token: session.access_token, json: { password: 'new-password-1', current_password: newUser.password } });
    expect(ok.status).toBe(200);
    expect((await call('POST', '/auth/refresh', { json: { refresh_token: session.refresh_token } })).status).toBe(401);
    expect((await call('POST', '/auth/login', { json: { username: 'ada', password: newUser.password } })).status).toBe(401);
    expect((await call('POST', '/auth/login', { json: { username: 'ada', password: 'new-password-1' } })).status).toBe(200);
  });

  it('cuts a deactivated user off at once: access token, refresh token and login', async () => {
    const id = (await call('POST', '/users', { token: admin, json: newUser })).body.user_id;
    const session = await login('ada', newUser.password);
    expect((await call('GET', '/jobs', { token: session.access_token })).status).toBe(200);
    await call('DELETE', `/users/${id}`, { token: admin });
    expect((await call('GET', '/jobs', { token: session.access_token })).status).toBe(401);
    expect((await call('POST', '/auth/refresh', { json: { refresh_token: session.refresh_token } })).status).toBe(401);
    expect((await call('POST', '/auth/login', { json: { username: 'ada', password: newUser.password } })).body.error_code).toBe('USER_INACTIVE');
  });

  it('does not let an admin deactivate their own account', async () => {
    const me = (await call('GET', '/auth/me', { token: admin })).body.user_id;
    const refused = await call('DELETE', `/users/${me}`, { token: admin });
    expect([refused.status, refused.body.error_code]).toEqual([409, 'SELF_LOCKOUT']);
  });
});
