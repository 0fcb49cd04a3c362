// The console's shell: session, navigation (hash routes: no server routes needed) and layout.
import { html, render, useEffect, useState } from './vendor/preact-htm.js';
import { api, onSignedOut, resume, signOut } from './api.js';
import { startFollowing, stopFollowing } from './live.js';
import { SignIn } from './pages/sign-in.js';
import { JobsPage } from './pages/jobs.js';
import { JobPage } from './pages/job.js';
import { UploadPage } from './pages/upload.js';
import { UsersPage } from './pages/users.js';
import { ProfilePage } from './pages/profile.js';

const currentRoute = () => location.hash.replace(/^#/, '') || '/jobs';

function useRoute() {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const changed = () => setRoute(currentRoute());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function page(route, me) {
  const job = route.match(/^\/jobs\/([0-9a-f-]{36})$/);
  if (job) return { title: 'Job', body: html`<${JobPage} id=${job[1]} me=${me} />` };
  if (route === '/upload') return { title: 'Upload', body: html`<${UploadPage} me=${me} />` };
  if (route === '/users' && me.role === 'admin') return { title: 'Users', body: html`<${UsersPage} me=${me} />` };
  if (route === '/profile') return { title: 'Profile', body: html`<${ProfilePage} me=${me} />` };
  return { title: 'Jobs', body: html`<${JobsPage} me=${me} />` };
}

function Shell({ me, onSignOut }) {
  const route = useRoute();
  const { title, body } = page(route, me);
  useEffect(() => { document.title = `${title} · Ingest Service`; }, [title]);
  const link = (href, label) => html`<a href=${href} aria-current=${route === href.slice(1) || (label === 'Jobs' && route.startsWith('/jobs')) ? 'page' : undefined}>${label}</a>`;
  return html`
    <header class="top">
      <a class="brand" href="#/jobs">Ingest Service</a>
      <nav aria-label="Main">
        ${link('#/jobs', 'Jobs')}
        ${me.role !== 'viewer' && link('#/upload', 'Upload')}
        ${me.role === 'admin' && link('#/users', 'Users')}
        ${link('#/profile', 'Profile')}
        <a href="/docs" target="_blank" rel="noopener">API reference</a>
      </nav>
      <div class="who">
        <span>${me.username} <span class="role">${me.role}</span></span>
        <button type="button" onClick=${onSignOut}>Sign out</button>
      </div>
    </header>
    <main id="main" tabindex="-1">${body}</main>`;
}

function App() {
  const [me, setMe] = useState(undefined);
  const loadMe = async () => {
    try { setMe((await api('GET', '/auth/me')).body); } catch { setMe(null); }
  };
  useEffect(() => {
    const off = onSignedOut(() => {
      stopFollowing();
      // The next person to sign in starts from the jobs, not from this one's page.
      history.replaceState(null, '', '#/jobs');
      setMe(null);
    });
    resume().then((ok) => (ok ? loadMe() : setMe(null)));
    return off;
  }, []);
  useEffect(() => { if (me && me.role !== 'viewer') startFollowing(); }, [me?.user_id]);

  if (me === undefined) return html`<p class="loading">Loading the console…</p>`;
  if (me === null) return html`<${SignIn} onSignedIn=${loadMe} />`;
  return html`<${Shell} me=${me} onSignOut=${() => signOut()} />`;
}

render(html`<${App} />`, document.getElementById('app'));
