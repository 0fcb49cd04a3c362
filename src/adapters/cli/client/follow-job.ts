import type { ApiClient } from './api-client.ts';

export interface JobState {
  readonly status: string;
  readonly progress: number;
  readonly error_message: string | null;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED']);

/**
 * Follows a job until it is COMPLETED or FAILED, reporting every state: through the
 * event stream, or by polling when the stream is not available or breaks.
 */
export async function followJob(api: ApiClient, jobId: string, onState: (state: JobState) => void): Promise<JobState> {
  try {
    const last = await followStream(api, jobId, onState);
    if (last && TERMINAL.has(last.status)) return last;
  } catch {
    // fall back to polling below
  }
  for (;;) {
    const state = await api.request<JobState>('GET', `/jobs/${jobId}`);
    onState(state);
    if (TERMINAL.has(state.status)) return state;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function followStream(api: ApiClient, jobId: string, onState: (state: JobState) => void): Promise<JobState | null> {
  const response = await api.raw('GET', `/jobs/${jobId}/events`, undefined, { Accept: 'text/event-stream' });
  if (!response.body) return null;
  let last: JobState | null = null;
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
      buffer = buffer.slice(end + 2);
      if (!data) continue;
      last = JSON.parse(data) as JobState;
      onState(last);
    }
  }
  return last;
}
