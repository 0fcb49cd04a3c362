import { html, useState } from '../vendor/preact-htm.js';
import { api, signIn } from '../api.js';

export function ProfilePage({ me }) {
  const [user, setUser] = useState(me);
  const [message, setMessage] = useState(null);
  const save = async (event, body, done) => {
    event.preventDefault();
    const form = event.currentTarget;
    try {
      setUser((await api('PATCH', `/users/${me.user_id}`, body)).body);
      // A new password ends every session, this one too: open a new one with it.
      if (body.password) {
        await signIn(me.username, body.password);
        form.reset();
      }
      setMessage({ text: done });
    } catch (e) { setMessage({ error: true, text: e.message }); }
  };
  const fields = (event) => Object.fromEntries(new FormData(event.currentTarget));
  return html`
    <div class="page-head"><h1>Profile</h1></div>
    ${message && html`<p class=${message.error ? 'error' : 'notice'} role=${message.error ? 'alert' : 'status'}>${message.text}</p>`}
    <dl class="facts">
      <dt>Username</dt><dd>${user.username}</dd>
      <dt>Email</dt><dd>${user.email}</dd>
      <dt>Role</dt><dd>${user.role}</dd>
    </dl>
    <section aria-labelledby="name-h">
      <h2 id="name-h">Name</h2>
      <form class="grid-form" onSubmit=${(e) => save(e, { full_name: fields(e).full_name || null }, 'Name saved.')}>
        <label>Full name<input name="full_name" value=${user.full_name ?? ''} autocomplete="name" /></label>
        <button type="submit">Save name</button>
      </form>
    </section>
    <section aria-labelledby="password-h">
      <h2 id="password-h">Password</h2>
      <form class="grid-form" onSubmit=${(e) => {
        const { current_password, password, confirm } = fields(e);
        if (password !== confirm) { e.preventDefault(); return setMessage({ error: true, text: 'The new passwords differ.' }); }
        return save(e, { current_password, password }, 'Password changed. Your other sessions have ended.');
      }}>
        <label>Current password<input name="current_password" type="password" required autocomplete="current-password" /></label>
        <label>New password<input name="password" type="password" minlength="8" required autocomplete="new-password" /></label>
        <label>Repeat new password<input name="confirm" type="password" minlength="8" required autocomplete="new-password" /></label>
        <button type="submit">Change password</button>
      </form>
    </section>`;
}
