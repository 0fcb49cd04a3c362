// One file's way in, as the CLI does it: ask for an upload URL, PUT the bytes straight to it
// (XHR, for upload progress), then mark the upload complete so the job is queued.
import { ApiError, api, explain } from './api.js';

/**
 * Uploads `file`; `report(patch)` gets `{ phase, loaded, rate, secondsLeft, jobId, message }`
 * as they change. Resolves the job id; rejects with an Error whose message a person can read.
 * `signal` cancels.
 */
export async function uploadFile(file, format, report, signal) {
  report({ phase: 'starting' });
  const body = { filename: file.name, size: file.size, ...format };
  if (file.size === 0) throw new Error('The file is empty: nothing to upload.');
  const init = (await api('POST', '/ingest/files/init', body)).body;
  report({ jobId: init.job_id, phase: 'uploading', loaded: 0 });
  await put(file, init, report, signal);
  report({ phase: 'completing' });
  const done = (await api('POST', '/ingest/files/complete', { job_id: init.job_id })).body;
  report({ phase: 'sent', jobStatus: done.status });
  return init.job_id;
}

function put(file, init, report, signal) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.upload_method ?? 'PUT', init.presigned_url);
    for (const [name, value] of Object.entries(init.upload_headers ?? {})) xhr.setRequestHeader(name, value);
    const started = performance.now();
    xhr.upload.onprogress = (event) => {
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? event.loaded / seconds : 0;
      report({ loaded: event.loaded, rate, secondsLeft: rate > 0 ? (file.size - event.loaded) / rate : Infinity });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let parsed = null;
      try { parsed = JSON.parse(xhr.responseText); } catch { /* storage answered in its own format */ }
      const message = xhr.status === 403 ? 'The upload URL was refused (expired?). Try again.' : explain(xhr.status, parsed, null);
      reject(new ApiError(xhr.status, { detail: message }));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted: storage cannot be reached.'));
    xhr.onabort = () => reject(new Error('Cancelled.'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
