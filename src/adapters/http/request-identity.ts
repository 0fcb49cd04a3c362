import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The token of an `Authorization: Bearer <token>` header; undefined for anything else. */
export const bearerToken = (c: Context): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];

/** The peer's address; 'unknown' when the app is not served by a Node server (tests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
