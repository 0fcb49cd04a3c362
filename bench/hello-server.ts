// The ceiling of the API benchmark: a bare Hono route on @hono/node-server, nothing else.
//   node bench/hello-server.ts <port>
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/hello', (c) => c.json({ hello: 'world' }));
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: '127.0.0.1' }, () => process.send?.('ready'));
