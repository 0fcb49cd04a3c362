import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { PresetHeadersResponse } from './preset-headers-response.ts';

/**
 * Sets a header of the response to come, from middleware that runs before the handler.
 *
 * Served by @hono/node-server, the header goes straight to Node's ServerResponse, which
 * merges it with the headers of the Response the handler returns; those win, as a handler's
 * own choice should (an event stream's `Cache-Control: no-cache` over the default
 * `no-store`). Served as the service deploys (serveOverNode), the response is a
 * PresetHeadersResponse, which holds it in a plain list for the one `writeHead`; on any other
 * Node server it is `setHeader`. Through Hono's `c.header()` instead, every answer's headers
 * became a web Headers object, which @hono/node-server then sorts and copies back into a
 * plain one for Node: that cost a read a sixth of its CPU (docs/BENCHMARKS.md). Anywhere
 * else (another runtime, `app.request()` in tests) it is `c.header()`.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (!outgoing || outgoing.headersSent) c.header(name, value);
  else if (outgoing instanceof PresetHeadersResponse) outgoing.presetHeader(name, value);
  else outgoing.setHeader(name, value);
}
