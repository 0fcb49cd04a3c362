import type { SessionStore, StoredSession } from './session-store.ts';

/** An error answer of the API, with its standard body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  /** What a 422 found wrong, field by field. */
  readonly issues: readonly { path: string; message: string }[];

  constructor(status: number, code: string, detail: string, issues: readonly { path: string; message: string }[] = []) {
    super(detail);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** Not logged in, or the session ended (refresh refused). */
export class SessionError extends Error {
  override readonly name = 'SessionError';
}

/**
 * The HTTP API as the CLI uses it: bearer tokens from the session store, refreshed
 * transparently once when the access token has expired, errors turned into ApiError.
 */
export class ApiClient {
  readonly #store: SessionStore;
  #session: StoredSession | null = null;

  constructor(store: SessionStore) {
    this.#store = store;
  }

  async login(url: string, username: string, password: string): Promise<void> {
    const base = url.replace(/\/+$/, '');
    const tokens = await this.#json<{ access_token: string; refresh_token: string }>(await this.#fetch(`${base}/auth/login`, 'POST', { username, password }));
    this.#session = { url: base, accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
    await this.#store.save(this.#session);
  }

  async logout(): Promise<boolean> {
    const session = await this.#current().catch(() => null);
    if (!session) return false;
    await this.request('POST', '/auth/logout', { refresh_token: session.refreshToken }).catch(() => {});
    await this.#store.clear();
    return true;
  }

  /** An authenticated request; parsed JSON (undefined for 204). */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.#json<T>(await this.raw(method, path, body));
  }

  /** An authenticated request; the response as it came (for streams), errors thrown. */
  async raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const session = await this.#current();
    let response = await this.#fetch(`${session.url}${path}`, method, body, { ...headers, Authorization: `Bearer ${session.accessToken}` });
    if (response.status === 401) {
      const renewed = await this.#refresh(session);
      response = await this.#fetch(`${renewed.url}${path}`, method, body, { ...headers, Authorization: `Bearer ${renewed.accessToken}` });
    }
    if (!response.ok) await this.#json(response);
    return response;
  }

  async baseUrl(): Promise<string> {
    return (await this.#current()).url;
  }

  async #current(): Promise<StoredSession> {
    this.#session ??= await this.#store.load();
    if (!this.#session) throw new SessionError('Not logged in: run `ingest login --url URL` first');
    return this.#session;
  }

  async #refresh(session: StoredSession): Promise<StoredSession> {
    const response = await this.#fetch(`${session.url}/auth/refresh`, 'POST', { refresh_token: session.refreshToken });
    if (!response.ok) {
      await this.#store.clear();
      throw new SessionError('Your session has ended: run `ingest login` again');
    }
    const tokens = (await response.json()) as { access_token: string; refresh_token: string };
    this.#session = { url: session.url, accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
    await this.#store.save(this.#session);
    return this.#session;
  }

  async #fetch(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new Error(`Cannot reach ${new URL(url).origin} (${networkCause(error)})`, { cause: error });
    }
  }

  async #json<T>(response: Response): Promise<T> {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // not JSON: reported below if it was an error
    }
    if (!response.ok) {
      const issues = Array.isArray(body.errors) ? (body.errors as { path: string; message: string }[]) : [];
      throw new ApiError(response.status, String(body.error_code ?? `HTTP_${response.status}`), String(body.detail ?? (text || response.statusText)), issues);
    }
    return body as T;
  }
}

/** The system error behind a failed fetch (ECONNREFUSED, ENOTFOUND…); Node may wrap several attempts in an AggregateError. */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
  return cause?.code ?? cause?.errors?.find((e) => e.code)?.code ?? cause?.message ?? (error as Error).message;
}
