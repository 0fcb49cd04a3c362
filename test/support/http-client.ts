import type { Hono } from 'hono';
import type { AppEnv } from '../../src/adapters/http/app-env.ts';

/** Calls a Hono app (or a live server) the way an API client would. */
export function httpClient(target: Hono<AppEnv> | string) {
  const send = (path: string, init: RequestInit) =>
    typeof target === 'string' ? fetch(`${target}${path}`, init) : Promise.resolve(target.request(path, init));

  return async function call(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await send(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (an event stream, a download): keep the text
    }
    // Tests read arbitrary response JSON; `any` keeps their assertions free of casts.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, headers: response.headers, body: parsed as any, text };
  };
}

export type HttpCall = ReturnType<typeof httpClient>;
