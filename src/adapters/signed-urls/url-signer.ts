import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { Clock } from '../../application/ports/clock.ts';

export type SignedMethod = 'PUT' | 'GET';

export type SignedUrlCheck =
  | { readonly ok: true; readonly maxBytes: number | null }
  | { readonly ok: false; readonly reason: 'expired' | 'invalid' };

/** Path under which the service itself serves signed storage URLs. */
export const STORAGE_ROUTE_PREFIX = '/storage/';

/**
 * Expiring HMAC-SHA256 URLs for storage the service serves itself (the local and in-memory
 * object stores), the counterpart of S3 presigned URLs. The signature covers the method,
 * the key, the expiry and the size limit, so none of them can be changed.
 */
export class UrlSigner {
  // Built once: a KeyObject spares every HMAC preparing the raw key again.
  readonly #key: KeyObject;
  readonly #baseUrl: string;
  readonly #clock: Clock;

  constructor(secret: string | Uint8Array, publicBaseUrl: string, clock: Clock) {
    this.#key = createSecretKey(typeof secret === 'string' ? Buffer.from(secret) : secret);
    this.#baseUrl = publicBaseUrl.replace(/\/+$/, '');
    this.#clock = clock;
  }

  sign(method: SignedMethod, key: string, expiresInSeconds: number, maxBytes: number | null = null): string {
    const expires = Math.floor(this.#clock.now().getTime() / 1000) + expiresInSeconds;
    const query = new URLSearchParams({ expires: String(expires) });
    if (maxBytes !== null) query.set('max_bytes', String(maxBytes));
    query.set('signature', this.#signature(method, key, String(expires), maxBytes === null ? '' : String(maxBytes)));
    return `${this.#baseUrl}${STORAGE_ROUTE_PREFIX}${encodeKey(key)}?${query}`;
  }

  check(method: SignedMethod, key: string, query: URLSearchParams): SignedUrlCheck {
    const expires = query.get('expires') ?? '';
    const maxBytes = query.get('max_bytes') ?? '';
    const given = Buffer.from(query.get('signature') ?? '', 'base64url');
    const expected = Buffer.from(this.#signature(method, key, expires, maxBytes), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    if (Number(expires) * 1000 <= this.#clock.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, maxBytes: maxBytes === '' ? null : Number(maxBytes) };
  }

  #signature(method: string, key: string, expires: string, maxBytes: string): string {
    return createHmac('sha256', this.#key).update(`${method}\n${key}\n${expires}\n${maxBytes}`).digest('base64url');
  }
}

const encodeKey = (key: string): string => key.split('/').map(encodeURIComponent).join('/');

/** The object key addressed by a storage URL path, or null for a path outside the route. */
export function keyFromStoragePath(path: string): string | null {
  if (!path.startsWith(STORAGE_ROUTE_PREFIX)) return null;
  try {
    return path.slice(STORAGE_ROUTE_PREFIX.length).split('/').map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
}
