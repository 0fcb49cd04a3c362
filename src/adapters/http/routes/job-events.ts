import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { JobChange } from '../../../application/ports/job-change-feed.ts';
import { isTerminal } from '../../../domain/job/job-status.ts';
import type { AppEnv } from '../app-env.ts';
import type { HttpUseCases } from '../use-cases.ts';

/** How long a client told the server is shutting down waits before it reconnects (EventSource `retry`). */
const RECONNECT_AFTER_MS = 2_000;

/**
 * `GET /jobs/{id}/events`: the job's state, then every change as it is announced, as
 * Server-Sent Events; closes after a terminal state. When the feed stays quiet for
 * `quietMs`, the job is read again, so a lost announcement delays an event but never loses it.
 * When `closing` aborts (shutdown), the stream ends at once with a comment and a `retry`
 * hint: no event, so clients that read every `data` line as a state are not misled.
 */
export async function streamJobEvents(
  c: Context<AppEnv>,
  useCases: HttpUseCases,
  jobId: string,
  options: { quietMs: number; closing: AbortSignal },
): Promise<Response> {
  const { quietMs, closing } = options;
  const actor = c.get('actor');
  const pending: JobChange[] = [];
  let wake: () => void = () => {};
  // Resolved before streaming, so an unknown or foreign id still gets a proper 404.
  const watch = await useCases.watchJob.execute(actor, jobId, (change) => {
    pending.push(change);
    wake();
  });

  return streamSSE(c, async (stream) => {
    let sequence = 0;
    let last: JobChange | null = null;
    const send = async (change: JobChange): Promise<void> => {
      // Stale (already superseded) or unchanged announcements are not worth an event.
      if (last && (change.updatedAt < last.updatedAt || sameState(change, last))) return;
      last = change;
      const data = { job_id: change.jobId, status: change.status, progress: change.progress, error_message: change.errorMessage };
      await stream.writeSSE({ event: 'status', id: String(++sequence), data: JSON.stringify(data) });
    };
    const closed = (): void => wake();
    closing.addEventListener('abort', closed);
    try {
      await send(watch.current);
      while (!stream.aborted && !closing.aborted && !isTerminal(last!.status)) {
        if (pending.length === 0) {
          const heard = new Promise<void>((resolve) => (wake = resolve));
          await Promise.race([heard, stream.sleep(quietMs)]);
          if (closing.aborted) break;
        }
        const next = pending.shift() ?? (await useCases.watchJob.current(actor, jobId));
        await send(next);
      }
      if (closing.aborted && !stream.aborted) await stream.write(`: the server is shutting down\nretry: ${RECONNECT_AFTER_MS}\n\n`);
    } finally {
      closing.removeEventListener('abort', closed);
      await watch.stop();
    }
  });
}

const sameState = (a: JobChange, b: JobChange): boolean =>
  a.status === b.status && a.progress === b.progress && a.errorMessage === b.errorMessage;
