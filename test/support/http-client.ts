import { request } from 'node:http';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/adapters/http/app-env.ts';

/** Sends one request to a Hono app, or to a live server given its base URL; the raw Response. */
export function requestTo(target: Hono<AppEnv> | string) {
  return (path: string, init?: RequestInit): Promise<Response> =>
    typeof target === 'string' ? fetch(`${target}${path}`, init) : Promise.resolve(target.request(path, init));
}

/** Calls a Hono app (or a live server) the way an API client would. */
export function httpClient(target: Hono<AppEnv> | string) {
  const send = requestTo(target);

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

/**
 * POSTs JSON over node:http and takes the answer even when it comes before the body is all
 * sent (as a 413 may): fetch reports such an early answer as a socket error. One chunk is
 * sent with its Content-Length; several go chunked (Transfer-Encoding), with no length.
 */
export function postRaw(url: string, token: string, chunks: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    if (chunks.length === 1) headers['Content-Length'] = Buffer.byteLength(chunks[0]!);
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // An early answer may reset the connection while the body is still being sent.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}
