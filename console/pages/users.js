import { html, useEffect, useState } from '../vendor/preact-htm.js';
import { api } from '../api.js';

const ROLES = ['user', 'viewer', 'admin'];
const PAGE_SIZE = 50;

export function UsersPage({ me }) {
  const [users, setUsers] = useState(null);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  const [message, setMessage] = useState(null);

  const load = async () => {
    try {
      const { body, headers } = await api('GET', `/users?limit=${PAGE_SIZE}&offset=${offset}`);
      setUsers(body);
      setTotal(Number(headers.get('X-Total-Count') ?? body.length));
    } catch (e) { setMessage({ error: true, text: e.message }); }
  };
  useEffect(() => { load(); }, [offset]);

  const act = async (work, done) => {
    try { await work(); setMessage({ text: done }); await load(); } catch (e) { setMessage({ error: true, text: e.message }); }
  };

  const create = (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    if (!data.full_name) delete data.full_name;
    act(async () => { await api('POST', '/users', data); form.reset(); }, `User ${data.username} created.`);
  };

  return html`
    <div class="page-head"><h1>Users</h1></div>
    ${message && html`<p class=${message.error ? 'error' : 'notice'} role=${message.error ? 'alert' : 'status'}>${message.text}</p>`}
    <section aria-labelledby="new-user-h">
      <h2 id="new-user-h">New user</h2>
      <form class="grid-form" onSubmit=${create}>
        <label>Username<input name="username" required autocomplete="off" /></label>
        <label>Email<input name="email" type="email" required autocomplete="off" /></label>
        <label>Full name<input name="full_name" autocomplete="off" /></label>
        <label>Password<input name="password" type="password" minlength="8" required autocomplete="new-password" /></label>
        <label>Role<select name="role" aria-label="Role">${ROLES.map((r) => html`<option value=${r}>${r}</option>`)}</select></label>
        <button type="submit">Create user</button>
      </form>
    </section>
    <section aria-labelledby="users-h">
      <h2 id="users-h">All users</h2>
      ${users === null ? html`<p>Loading…</p>` : html`
        <table class="users">
          <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${users.map((u) => html`
            <tr key=${u.user_id}>
              <td class="file"><strong>${u.username}</strong><div class="small">${u.full_name ? `${u.full_name} · ` : ''}${u.email}</div></td>
              <td><select aria-label=${`Role of ${u.username}`} value=${u.role} disabled=${u.user_id === me.user_id}
                onChange=${(e) => act(() => api('PATCH', `/users/${u.user_id}`, { role: e.currentTarget.value }), `${u.username} is now ${e.currentTarget.value}.`)}>
                ${ROLES.map((r) => html`<option value=${r}>${r}</option>`)}</select></td>
              <td>${u.is_active ? 'active' : 'deactivated'}</td>
              <td>${u.user_id !== me.user_id && (u.is_active
                ? html`<button type="button" aria-label=${`Deactivate ${u.username}`} onClick=${() => act(() => api('DELETE', `/users/${u.user_id}`), `${u.username} is deactivated; their sessions ended.`)}>Deactivate</button>`
                : html`<button type="button" aria-label=${`Reactivate ${u.username}`} onClick=${() => act(() => api('PATCH', `/users/${u.user_id}`, { is_active: true }), `${u.username} is active again.`)}>Reactivate</button>`)}</td>
            </tr>`)}</tbody>
        </table>
        <nav class="pager" aria-label="User pages">
          <button type="button" disabled=${offset === 0} onClick=${() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Previous page</button>
          <span>${total === 0 ? 0 : offset + 1}–${Math.min(offset + PAGE_SIZE, total)} of ${total}</span>
          <button type="button" disabled=${offset + PAGE_SIZE >= total} onClick=${() => setOffset(offset + PAGE_SIZE)}>Next page</button>
        </nav>`}
    </section>`;
}
