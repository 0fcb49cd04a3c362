import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { ConsoleAssets } from '../console-assets.ts';
import { errorResponse } from '../error-response.ts';

/**
 * The console's policy: scripts, styles and requests to this origin only, no inline script or
 * style, plus the storage origins its uploads and downloads go to when they are elsewhere.
 */
export function consolePolicy(storageOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${["'self'", ...storageOrigins].join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The web console: its page at `/`, its files under `/console/`. A driving adapter of its own
 * that talks to the public API from the browser; the server only hands out files.
 */
export function consoleRoutes(assets: ConsoleAssets, storageOrigins: readonly string[]) {
  const policy = consolePolicy(storageOrigins);
  const serve = async (c: Context<AppEnv>, path: string) => {
    const asset = await assets.read(path);
    if (!asset) return errorResponse(c, 404, 'NOT_FOUND', `No console file ${path}`);
    c.header('Content-Type', asset.contentType);
    if (asset.contentType.startsWith('text/html')) c.header('Content-Security-Policy', policy);
    // Files change with the code, not per user: short caching; the page itself is always fresh.
    c.header('Cache-Control', asset.contentType.startsWith('text/html') ? 'no-cache' : 'max-age=300');
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  };
  return new Hono<AppEnv>()
    .get('/', (c) => serve(c, 'index.html'))
    .get('/console/*', (c) => serve(c, c.req.path.slice('/console/'.length)));
}
