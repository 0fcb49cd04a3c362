import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { keyFromStoragePath, type SignedMethod } from '../../signed-urls/url-signer.ts';
import type { SelfServedObjectStore } from '../../signed-urls/self-served-store.ts';
import type { AppEnv } from '../app-env.ts';
import { errorResponse } from '../error-response.ts';

/**
 * The service's own answer to presigned URLs when objects live on its disk or in its
 * memory: PUT streams an upload to storage (never buffered whole), GET streams it back.
 */
export function storageRoutes(store: SelfServedObjectStore) {
  return new Hono<AppEnv>()
    .put('/*', async (c) => {
      const access = checkSignature(c, store, 'PUT');
      if (access instanceof Response) return access;
      const limit = access.maxBytes ?? Number.MAX_SAFE_INTEGER;
      if (Number(c.req.header('Content-Length') ?? 0) > limit) return tooLarge(c, limit);
      const stored = await store.write(access.key, limitBytes(requestBody(c), limit));
      return c.json({ key: access.key, size: stored.size });
    })
    .get('/*', async (c) => {
      const access = checkSignature(c, store, 'GET');
      if (access instanceof Response) return access;
      const stream = await store.read(access.key);
      if (!stream) return errorResponse(c, 404, 'OBJECT_NOT_FOUND', 'No such object');
      return c.body(ReadableStream.from(stream), 200, { 'Content-Type': 'application/octet-stream' });
    });
}

function checkSignature(c: Context<AppEnv>, store: SelfServedObjectStore, method: SignedMethod) {
  const key = keyFromStoragePath(c.req.path);
  const check = key === null ? null : store.signer.check(method, key, new URL(c.req.url).searchParams);
  if (key === null || !check?.ok) {
    const expired = check?.ok === false && check.reason === 'expired';
    return errorResponse(
      c,
      403,
      expired ? 'URL_EXPIRED' : 'SIGNATURE_INVALID',
      expired ? 'This URL has expired; ask for a new one' : 'The URL signature does not match',
    );
  }
  return { key, maxBytes: check.maxBytes };
}

const tooLarge = (c: Context<AppEnv>, limit: number): Response =>
  errorResponse(c, 413, 'PAYLOAD_TOO_LARGE', `Upload exceeds the ${limit} bytes declared for it`);

/** Passes the body through, failing with 413 as soon as it grows past `limit`. */
async function* limitBytes(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw new HTTPException(413, { message: `Upload exceeds the ${limit} bytes declared for it` });
    yield chunk;
  }
}

/**
 * The upload's bytes: Node's request stream itself when @hono/node-server serves the app (a web
 * stream built around it would cost more than storing a small upload), else the Request's body
 * (any other Hono adapter, and app.request in tests).
 */
function requestBody(c: Context<AppEnv>): AsyncIterable<Uint8Array> {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  return incoming ?? c.req.raw.body ?? emptyBody();
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
