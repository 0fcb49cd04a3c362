// The README's walk-through against a running stack, as a client does it: log in, ask for an
// upload URL, PUT the file to the presigned URL, complete, follow the job, download the output.
// `--jobs N` runs N such uploads at once. Exits non-zero on the first step that goes wrong.
//   node test/compose/walkthrough.ts [--jobs N]   (BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD)
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const { values } = parseArgs({ options: { jobs: { type: 'string', default: '1' } } });
const jobs = Number(values.jobs);
const RUN = crypto.randomUUID();

/**
 * A request, sent again (twice at most) when the connection fails before any answer, as a
 * well-behaved client does: every request here may be repeated (init carries an Idempotency-Key,
 * complete and the PUT are idempotent). Each retry is printed, with its cause.
 */
async function send(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt === 3) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      console.warn(`retrying ${init.method} ${new URL(url).origin}${new URL(url).pathname}: ${cause?.code ?? ''} ${cause?.message ?? String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}

/** One API call; a 429 is waited out as its Retry-After says. */
async function call<T>(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const request = () =>
    send(`${base}${path}`, {
      method,
      headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  let response = await request();
  for (let retries = 0; response.status === 429 && retries < 10; retries++) {
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? '1') * 1000));
    response = await request();
  }
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function uploadAndFollow(token: string, n: number): Promise<number> {
  const lines = Array.from({ length: 200 }, (_, i) => `2026-03-01T10:00:${String(i % 60).padStart(2, '0')}Z ${i % 10 ? 'INFO' : 'ERROR'} job ${n} line ${i}\n`);
  const file = Buffer.from(lines.join(''));
  const init = await call<{ job_id: string; presigned_url: string }>('POST', '/ingest/files/init', token, { filename: `app-${n}.log`, size: file.length, log_format: 'text' }, { 'Idempotency-Key': `${RUN}-${n}` });
  const put = await send(init.presigned_url, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: file });
  if (!put.ok) throw new Error(`PUT to the presigned URL: ${put.status} ${await put.text()}`);
  await call('POST', '/ingest/files/complete', token, { job_id: init.job_id });
  const deadline = Date.now() + 180_000;
  for (;;) {
    const job = await call<{ status: string; error_message?: string }>('GET', `/jobs/${init.job_id}`, token);
    if (job.status === 'COMPLETED') break;
    if (job.status === 'FAILED') throw new Error(`job ${init.job_id} FAILED: ${job.error_message}`);
    if (Date.now() > deadline) throw new Error(`job ${init.job_id} still ${job.status} after 3 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const { download_url: url } = await call<{ download_url: string }>('GET', `/jobs/${init.job_id}/output`, token);
  const output = await send(url, { method: 'GET' });
  if (!output.ok) throw new Error(`output download: ${output.status}`);
  const events = gunzipSync(Buffer.from(await output.arrayBuffer())).toString().trimEnd().split('\n');
  if (events.length !== lines.length) throw new Error(`job ${init.job_id}: ${events.length} events, expected ${lines.length}`);
  return events.length;
}

const { access_token: token } = await call<{ access_token: string }>('POST', '/auth/login', null, {
  username: process.env.ADMIN_USERNAME ?? 'admin',
  password: process.env.ADMIN_PASSWORD ?? 'admin123',
});
const started = Date.now();
const counts = await Promise.all(Array.from({ length: jobs }, (_, n) => uploadAndFollow(token, n)));
console.log(`walk-through: ${jobs} job(s) COMPLETED, ${counts.reduce((a, b) => a + b, 0)} events downloaded, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
