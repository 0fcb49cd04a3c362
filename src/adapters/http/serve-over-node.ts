import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { PresetHeadersResponse } from './preset-headers-response.ts';

/**
 * A Hono app served by @hono/node-server as the service deploys it: with responses that take
 * the headers middleware presets (see setResponseHeader) on Node's fast path.
 */
export function serveOverNode(app: Pick<Hono, 'fetch'>, port: number, hostname: string): Promise<{ server: ServerType; address: AddressInfo }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname, serverOptions: { ServerResponse: PresetHeadersResponse } }, (address) =>
      resolve({ server, address }),
    );
  });
}
