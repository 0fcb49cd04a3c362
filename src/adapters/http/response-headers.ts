import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { PresetHeadersResponse } from './preset-headers-response.ts';

/**
 * Sets a header of the response to come, from middleware that runs before the handler; the
 * handler's own headers win (an event stream's `Cache-Control: no-cache` over `no-store`).
 * On Node it keeps out of Hono's `c.header()`, which would make every answer's headers a web
 * Headers object to be converted back: it goes to a PresetHeadersResponse's list (serveOverNode)
 * or to Node's `setHeader`. Elsewhere (another runtime, `app.request()` in tests) it is `c.header()`.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (!outgoing || outgoing.headersSent) c.header(name, value);
  else if (outgoing instanceof PresetHeadersResponse) outgoing.presetHeader(name, value);
  else outgoing.setHeader(name, value);
}
