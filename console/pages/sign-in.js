import { html, useState } from '../vendor/preact-htm.js';
import { signIn } from '../api.js';

export function SignIn({ onSignedIn }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(form.get('username'), form.get('password'));
      await onSignedIn();
    } catch (e) {
      setError(e.message);
      setBusy(false);
    }
  };
  return html`
    <main class="sign-in">
      <h1>Ingest Service</h1>
      <p>Sign in to upload log files and follow their processing.</p>
      <form onSubmit=${submit}>
        <label>Username<input name="username" autocomplete="username" required autofocus /></label>
        <label>Password<input name="password" type="password" autocomplete="current-password" required /></label>
        ${error && html`<p class="error" role="alert">${error}</p>`}
        <button type="submit" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <p class="small"><a href="/docs">API reference</a></p>
    </main>`;
}
