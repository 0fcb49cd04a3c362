// One event stream per signed-in console: GET /jobs/events carries every change of every job
// the user may follow, so a page of jobs costs one connection, not one per row.
import { bearer, refresh } from './api.js';

const listeners = new Set();
let controller = null;

/** `listener(change)` gets `{ job_id, status, progress, error_message }`, or `{ reconnected: true }` after a gap. */
export function onJobChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const tell = (change) => { for (const listener of listeners) listener(change); };

/** Starts following (again); stops the previous stream. */
export function startFollowing() {
  stopFollowing();
  controller = new AbortController();
  follow(controller.signal);
}

export function stopFollowing() {
  controller?.abort();
  controller = null;
}

async function follow(signal) {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const res = await fetch('/jobs/events', { headers: { Authorization: `Bearer ${await bearer()}` }, signal });
      if (res.status === 401) await refresh();
      else if (res.ok) {
        failures = 0;
        tell({ reconnected: true });
        await readEvents(res.body, signal);
      }
    } catch {
      if (signal.aborted) return;
    }
    failures += 1;
    // A lost stream may have missed changes: listeners re-read on `reconnected`.
    await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** failures)));
  }
}

async function readEvents(body, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  while (!signal.aborted) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
      if (data) tell(JSON.parse(data));
    }
  }
}
