// The job's normalized output: gzip'd JSON Lines behind a short-lived download URL.
import { api } from './api.js';

/** A fresh download URL (they expire). */
export const outputUrl = async (jobId) => (await api('GET', `/jobs/${jobId}/output`)).body.download_url;

/** The first `limit` events, reading no more of the file than they need. */
export async function firstEvents(jobId, limit) {
  const res = await fetch(await outputUrl(jobId));
  if (!res.ok) throw new Error(`The output could not be read (${res.status}).`);
  const reader = res.body.pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream()).getReader();
  const events = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    const lines = buffer.split('\n');
    buffer = done ? '' : lines.pop();
    for (const line of lines) {
      if (line.trim()) events.push(JSON.parse(line));
      if (events.length >= limit) { reader.cancel(); return events; }
    }
    if (done) return events;
  }
}
