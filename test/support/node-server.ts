import type { Hono } from 'hono';
import type { AppEnv } from '../../src/adapters/http/app-env.ts';
import { serveOverNode } from '../../src/adapters/http/serve-over-node.ts';

/** The app served on a free 127.0.0.1 port as the service deploys it; its base URL. */
export async function serveOnFreePort(app: Hono<AppEnv>): Promise<{ url: string; close(): Promise<void> }> {
  const { server, address } = await serveOverNode(app, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
