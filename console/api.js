// The public HTTP API as the console uses it. The access token lives in this module only;
// the refresh token is an httpOnly cookie the browser sends to /auth, never seen by scripts.

let accessToken = null;
let refreshing = null;
let refreshTimer = null;
const signedOutListeners = new Set();
// Not a secret: only whether an earlier page load signed in, so a fresh visitor is not sent to /auth/refresh.
const HINT = 'ingest-console.signed-in';

/** An API refusal, with a message a person can act on. */
export class ApiError extends Error {
  constructor(status, body, headers) {
    super(explain(status, body, headers));
    this.status = status;
    this.code = body?.error_code ?? null;
  }
}

/** What a refusal means for the person who asked, by status first, then by the API's detail. */
export function explain(status, body, headers) {
  const detail = body?.detail ?? '';
  const fields = (body?.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ');
  switch (status) {
    case 0: return 'The service cannot be reached. Check your connection and try again.';
    case 401: return detail || 'Your session has ended. Sign in again.';
    case 403: return detail || 'Your role does not allow this.';
    case 413: return `Too large: ${detail || 'the service refuses a request or file this big.'}`;
    case 422: return `Not accepted: ${fields || detail}`;
    case 429: {
      const wait = headers?.get?.('Retry-After');
      return `Too many requests${wait ? `: try again in ${wait} s` : ', try again in a minute'}.`;
    }
    case 503: return `The service is unavailable for now (${detail || 'a dependency is down'}). Try again shortly.`;
    default: return detail || `The service answered ${status}.`;
  }
}

/** Called with no argument when the session ends (logout, refresh refused). */
export const onSignedOut = (listener) => { signedOutListeners.add(listener); return () => signedOutListeners.delete(listener); };

async function send(method, path, { json, token } = {}) {
  const headers = {};
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json), credentials: 'same-origin' });
  } catch {
    return { status: 0, body: null, headers: new Headers() };
  }
  const text = await res.text();
  let body;
  try { body = text ? JSON.parse(text) : null; } catch { body = { detail: text.slice(0, 200) }; }
  return { status: res.status, body, headers: res.headers };
}

function keep(tokens) {
  accessToken = tokens.access_token;
  clearTimeout(refreshTimer);
  // Renew a minute before the access token expires, so requests rarely meet a 401.
  refreshTimer = setTimeout(() => refresh().catch(() => {}), Math.max(5, tokens.expires_in - 60) * 1000);
}

function forget() {
  accessToken = null;
  localStorage.removeItem(HINT);
  clearTimeout(refreshTimer);
  for (const listener of signedOutListeners) listener();
}

/**
 * A new access token from the refresh cookie. One refresh at a time, across tabs too (Web Locks):
 * each use rotates the cookie, and presenting a rotated one would end the session everywhere.
 */
export function refresh() {
  const rotate = () => send('POST', '/auth/refresh', { json: {} });
  refreshing ??= (navigator.locks ? navigator.locks.request('ingest-console-refresh', rotate) : rotate())
    .then((res) => {
      if (res.status !== 200) throw new ApiError(res.status, res.body, res.headers);
      keep(res.body);
      return true;
    })
    .finally(() => { refreshing = null; });
  return refreshing;
}

/** Resumes the session of an earlier page load, if the browser still has its cookie. */
export async function resume() {
  if (!localStorage.getItem(HINT)) return false;
  try { return await refresh(); } catch { localStorage.removeItem(HINT); return false; }
}

export async function signIn(username, password) {
  const res = await send('POST', '/auth/login', { json: { username, password, refresh_token_cookie: true } });
  if (res.status !== 200) {
    throw new ApiError(res.status, res.status === 401 ? { detail: 'Wrong username or password.' } : res.body, res.headers);
  }
  keep(res.body);
  localStorage.setItem(HINT, '1');
}

export async function signOut() {
  if (accessToken) await send('POST', '/auth/logout', { json: {}, token: accessToken });
  forget();
}

/** The current access token, for requests made outside `api` (event streams). */
export async function bearer() {
  if (!accessToken) await refresh();
  return accessToken;
}

/** Calls the API; one transparent refresh and retry on 401. Resolves `{ body, headers }`, throws ApiError. */
export async function api(method, path, json) {
  let res = await send(method, path, { json, token: accessToken });
  if (res.status === 401) {
    try { await refresh(); } catch { forget(); throw new ApiError(401, res.body, res.headers); }
    res = await send(method, path, { json, token: accessToken });
  }
  if (res.status >= 400 || res.status === 0) throw new ApiError(res.status, res.body, res.headers);
  return { body: res.body, headers: res.headers };
}
