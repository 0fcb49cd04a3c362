// A reference for the API writes benchmark: the least an init can do over HTTP — a bare Hono
// route that reads the JSON body and runs init's own statement (CREATE_JOB) as a prepared
// statement on a pool as large as the service's. No token, validation, presigning, logs or
// metrics: the gap between it and pgbench is what HTTP and Node cost on this machine.
//   node bench/init-floor-server.ts <port> <database url> <owner id> <pool size>
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { CREATE_JOB } from '../src/adapters/postgres/pg-job-repository.ts';

const [port, databaseUrl, ownerId, poolSize] = process.argv.slice(2) as [string, string, string, string];
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(poolSize) });

const app = new Hono().post('/init', async (c) => {
  const { filename, size, log_format: format } = await c.req.json<{ filename: string; size: number; log_format: string }>();
  const id = randomUUID();
  const now = new Date();
  const key = `uploads/${id}/${filename}`;
  await pool.query({
    name: 'create-job',
    text: CREATE_JOB,
    values: [id, 'FILE_UPLOAD', 'api', ownerId, 'CREATED', 0, 0, 0, null, now, null, null, null, now, null, null,
      'local', null, key, `/tmp/floor/${key}`, size, format, filename, null, now],
  });
  return c.json({ job_id: id, status: 'CREATED' }, 201);
});
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' });
