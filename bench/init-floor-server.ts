// A reference for the API writes benchmark: the least an init can do over HTTP — a bare Hono
// route that reads the JSON body and stores the job through the service's own repository
// (inits arriving together written in one statement, on a pool as large as the service's). No token, validation,
// presigning, logs or metrics: the gap between it and pgbench is what HTTP and Node cost here.
//   node bench/init-floor-server.ts <port> <database url> <owner id> <pool size>
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Database } from '../src/adapters/postgres/database.ts';
import { PgJobRepository } from '../src/adapters/postgres/pg-job-repository.ts';
import { createJob } from '../src/domain/job/job.ts';
import type { LogFormat } from '../src/domain/upload/log-format.ts';

const [port, databaseUrl, ownerId, poolSize] = process.argv.slice(2) as [string, string, string, string];
const db = new Database({ url: databaseUrl, maxConnections: Number(poolSize) });
const jobs = new PgJobRepository(db);

const app = new Hono()
  .get('/ready', async (c) => c.json(await db.query('SELECT 1')))
  .post('/init', async (c) => {
    const { filename, size, log_format: logFormat } = await c.req.json<{ filename: string; size: number; log_format: LogFormat }>();
    const now = new Date();
    const job = createJob({ id: randomUUID(), ownerId, source: 'api' }, now);
    const objectKey = `uploads/${job.id}/${filename}`;
    await jobs.create(job, {
      jobId: job.id, storageType: 'local', bucket: null, objectKey, localPath: `/tmp/floor/${objectKey}`, fileSize: size,
      logFormat, filename, checksumSha256: null, timeZone: null, year: null, createdAt: now,
    });
    return c.json({ job_id: job.id, status: job.status }, 201);
  });
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' });
