import { html, useEffect, useRef, useState } from '../vendor/preact-htm.js';
import { api } from '../api.js';
import { onJobChange } from '../live.js';
import { uploadFile } from '../upload.js';
import { TERMINAL, bytes, duration } from '../format.js';
import { Progress, StatusBadge } from './parts.js';

const BUILT_IN = [
  ['auto', 'auto (detect)'], ['json', 'JSON lines'], ['logfmt', 'logfmt'], ['syslog', 'syslog'], ['clf', 'Common/Combined Log Format'], ['text', 'plain text'],
];

let nextId = 1;

export function UploadPage() {
  const [format, setFormat] = useState('auto');
  const [saved, setSaved] = useState([]);
  const [items, setItems] = useState([]);
  const [over, setOver] = useState(false);
  const input = useRef(null);

  useEffect(() => {
    api('GET', '/formats').then(({ body }) => setSaved(body.map((f) => f.name))).catch(() => {});
    return onJobChange((change) => {
      if (change.reconnected) return;
      setItems((list) => list.map((item) => (item.jobId === change.job_id
        ? { ...item, jobStatus: change.status, jobProgress: change.progress, jobError: change.error_message }
        : item)));
    });
  }, []);

  const patch = (id, changes) => setItems((list) => list.map((item) => (item.id === id ? { ...item, ...changes } : item)));

  const start = (files) => {
    const chosen = format.startsWith('custom:') ? { log_format: 'custom', custom_format: format.slice(7) } : { log_format: format };
    for (const file of files) {
      const id = nextId++;
      const controller = new AbortController();
      setItems((list) => [...list, { id, file, phase: 'waiting', loaded: 0, controller }]);
      uploadFile(file, chosen, (changes) => patch(id, changes), controller.signal)
        .then(async (jobId) => {
          // The job may have moved on before the stream told us: read it once.
          const job = (await api('GET', `/jobs/${jobId}`)).body;
          setItems((list) => list.map((item) => (item.id === id && !TERMINAL.has(item.jobStatus ?? '')
            ? { ...item, jobStatus: job.status, jobProgress: job.progress, jobError: job.error_message } : item)));
        })
        .catch((error) => patch(id, { phase: controller.signal.aborted ? 'cancelled' : 'refused', message: error.message }));
    }
  };

  const dropped = (event) => {
    event.preventDefault();
    setOver(false);
    start([...event.dataTransfer.files]);
  };

  return html`
    <div class="page-head"><h1>Upload log files</h1></div>
    <div class="toolbar">
      <label>Format
        <select value=${format} onChange=${(e) => setFormat(e.currentTarget.value)}>
          ${BUILT_IN.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
          ${saved.map((name) => html`<option value=${`custom:${name}`}>custom: ${name}</option>`)}
        </select>
      </label>
    </div>
    <div class=${`drop ${over ? 'over' : ''}`} onDragOver=${(e) => { e.preventDefault(); setOver(true); }} onDragLeave=${() => setOver(false)} onDrop=${dropped}>
      <p>Drop log files here, or</p>
      <label class="button">Choose files
        <input ref=${input} class="visually-hidden" type="file" multiple onChange=${(e) => { start([...e.currentTarget.files]); e.currentTarget.value = ''; }} />
      </label>
    </div>
    ${items.length > 0 && html`
      <ul class="uploads" aria-label="Uploads">
        ${items.map((item) => html`<${UploadRow} key=${item.id} item=${item} />`)}
      </ul>`}`;
}

function UploadRow({ item }) {
  const { file, phase } = item;
  const active = phase === 'starting' || phase === 'uploading' || phase === 'completing';
  return html`
    <li class="upload" aria-label=${file.name}>
      <div class="upload-head">
        <strong class="file">${file.name}</strong>
        <span class="small">${bytes(file.size)}</span>
        ${active && html`<button type="button" onClick=${() => item.controller.abort()} aria-label=${`Cancel ${file.name}`}>Cancel</button>`}
      </div>
      ${(phase === 'uploading' || phase === 'completing' || phase === 'sent') && html`
        <${Progress} value=${phase === 'uploading' ? item.loaded ?? 0 : file.size} max=${file.size || 1} label=${`Upload of ${file.name}`} />`}
      <p class=${`small ${phase === 'refused' ? 'error-text' : ''}`} role=${phase === 'refused' ? 'alert' : 'status'}>${describe(item)}</p>
      ${item.jobId && phase === 'sent' && html`
        <p class="job-line">Job: <${StatusBadge} status=${item.jobStatus ?? 'QUEUED'} />
          ${item.jobStatus === 'PROCESSING' && html`<${Progress} value=${item.jobProgress ?? 0} label=${`Processing of ${file.name}`} />`}
          <a href=${`#/jobs/${item.jobId}`}>Open job of ${file.name}</a></p>
        ${item.jobError && html`<p class="error-text small">${item.jobError}</p>`}`}
    </li>`;
}

function describe(item) {
  switch (item.phase) {
    case 'waiting': case 'starting': return 'Asking for an upload URL…';
    case 'uploading': return `${bytes(item.loaded)} of ${bytes(item.file.size)} · ${bytes(item.rate ?? 0)}/s · ${Number.isFinite(item.secondsLeft) ? `${duration(item.secondsLeft)} left` : 'estimating time left'}`;
    case 'completing': return 'Uploaded; queueing the job…';
    case 'sent': return 'Uploaded and queued.';
    case 'cancelled': return 'Cancelled.';
    default: return item.message;
  }
}
