import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { JobChange } from '../../../application/ports/job-change-feed.ts';
import type { AppEnv } from '../app-env.ts';
import type { HttpUseCases } from '../use-cases.ts';

/** How long a client told the server is shutting down waits before it reconnects (EventSource `retry`). */
const RECONNECT_AFTER_MS = 2_000;

/**
 * `GET /jobs/events`: every later change of every job the caller may follow, as Server-Sent
 * Events, until the client leaves or the service shuts down. One stream serves a whole page
 * of jobs; a comment every `keepAliveMs` keeps proxies from closing a quiet stream. Best
 * effort like the feed: a client that reconnects re-reads the jobs it shows.
 */
export async function streamJobChanges(
  c: Context<AppEnv>,
  useCases: HttpUseCases,
  options: { keepAliveMs: number; closing: AbortSignal },
): Promise<Response> {
  const { keepAliveMs, closing } = options;
  const pending: JobChange[] = [];
  let wake: () => void = () => {};
  const stop = await useCases.watchJobs.execute(c.get('actor'), (change) => {
    pending.push(change);
    wake();
  });

  return streamSSE(c, async (stream) => {
    let sequence = 0;
    const closed = (): void => wake();
    closing.addEventListener('abort', closed);
    try {
      await stream.write(': following your jobs\n\n');
      while (!stream.aborted && !closing.aborted) {
        if (pending.length === 0) {
          const heard = new Promise<void>((resolve) => (wake = resolve));
          const quiet = await Promise.race([heard.then(() => false), stream.sleep(keepAliveMs).then(() => true)]);
          if (quiet && !stream.aborted) await stream.write(': still here\n\n');
          continue;
        }
        const change = pending.shift()!;
        const data = { job_id: change.jobId, status: change.status, progress: change.progress, error_message: change.errorMessage };
        await stream.writeSSE({ event: 'status', id: String(++sequence), data: JSON.stringify(data) });
      }
      if (closing.aborted && !stream.aborted) await stream.write(`: the server is shutting down\nretry: ${RECONNECT_AFTER_MS}\n\n`);
    } finally {
      closing.removeEventListener('abort', closed);
      await stop();
    }
  });
}
