import { html, useEffect, useRef, useState } from '../vendor/preact-htm.js';
import { api } from '../api.js';
import { onJobChange } from '../live.js';
import { STATUSES, bytes, time } from '../format.js';
import { Progress, StatusBadge } from './parts.js';

const PAGE_SIZE = 20;
/** Viewers do not follow jobs (the API streams only to owners and admins): they re-read instead. */
const VIEWER_POLL_MS = 5_000;

export function JobsPage({ me }) {
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const [jobs, setJobs] = useState(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const shown = useRef({ status, offset });
  shown.current = { status, offset };
  const latest = useRef(0);

  const load = async () => {
    const { status, offset } = shown.current;
    // Answers may arrive out of order (a filter changed while a reload was on its way): keep the last asked.
    const asked = ++latest.current;
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
    if (status) query.set('status', status);
    try {
      const { body, headers } = await api('GET', `/jobs?${query}`);
      if (asked !== latest.current) return;
      setJobs(body);
      setTotal(Number(headers.get('X-Total-Count') ?? body.length));
      setError(null);
    } catch (e) {
      setError(e.message);
    }
  };

  useEffect(() => { load(); }, [status, offset]);

  useEffect(() => {
    if (me.role === 'viewer') {
      const timer = setInterval(load, VIEWER_POLL_MS);
      return () => clearInterval(timer);
    }
    // At most one re-read every half second, however busy the service.
    let reload = null;
    const later = () => { reload ??= setTimeout(() => { reload = null; load(); }, 500); };
    const off = onJobChange((change) => {
      if (change.reconnected) return later();
      const { status: filter, offset } = shown.current;
      setJobs((list) => {
        const at = list?.findIndex((job) => job.job_id === change.job_id) ?? -1;
        // Read the page again for a job that enters it (a new upload, on the first page) or leaves the filter.
        const enters = at < 0 && offset === 0 && (filter ? change.status === filter : change.status === 'CREATED' || change.status === 'QUEUED');
        if (enters || (at >= 0 && filter && filter !== change.status)) later();
        if (at < 0) return list;
        const next = [...list];
        next[at] = { ...list[at], status: change.status, progress: change.progress, error_message: change.error_message };
        return next;
      });
    });
    return () => { off(); clearTimeout(reload); };
  }, [me.role]);

  const retry = async (job) => {
    try {
      await api('POST', `/jobs/${job.job_id}/retry`);
      setNotice(`${job.file?.filename ?? job.job_id} is queued again.`);
      load();
    } catch (e) {
      setNotice(e.message);
    }
  };

  const last = Math.min(offset + PAGE_SIZE, total);
  return html`
    <div class="page-head">
      <h1>Jobs</h1>
      <p class="small">${me.role === 'user' ? 'Your jobs' : 'Every job'}, newest first${me.role === 'viewer' ? '' : ', updated live'}.</p>
    </div>
    <div class="toolbar">
      <label>Status
        <select value=${status} onChange=${(e) => { setOffset(0); setStatus(e.currentTarget.value); }}>
          <option value="">All</option>
          ${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}
        </select>
      </label>
      ${me.role !== 'viewer' && html`<a class="button" href="#/upload">Upload files</a>`}
    </div>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${notice && html`<p class="notice" role="status">${notice}</p>`}
    ${jobs === null ? html`<p>Loading…</p>` : jobs.length === 0 ? html`<p>No jobs${status ? ` with status ${status}` : ''} yet.</p>` : html`
      <table class="jobs">
        <caption class="visually-hidden">Jobs, newest first</caption>
        <thead><tr><th scope="col">File</th><th scope="col">Status</th><th scope="col" class="wide">Size</th><th scope="col" class="wide">Created</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${jobs.map((job) => html`
            <tr key=${job.job_id} data-job-id=${job.job_id}>
              <td class="file"><a href=${`#/jobs/${job.job_id}`}>${job.file?.filename ?? job.job_id}</a>
                ${job.error_message && html`<div class="small error-text">${job.error_message}</div>`}</td>
              <td><${StatusBadge} status=${job.status} />${job.status === 'PROCESSING' && html`<${Progress} value=${job.progress} label=${`Progress of ${job.file?.filename ?? 'job'}`} />`}</td>
              <td class="wide">${bytes(job.file?.size)}</td>
              <td class="wide">${time(job.created_at)}</td>
              <td>${me.role === 'admin' && job.status === 'FAILED' && html`<button type="button" onClick=${() => retry(job)} aria-label=${`Retry ${job.file?.filename ?? job.job_id}`}>Retry</button>`}</td>
            </tr>`)}
        </tbody>
      </table>`}
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled=${offset === 0} onClick=${() => setOffset(Math.max(0, offset - PAGE_SIZE))}>Previous page</button>
      <span aria-live="polite">${total === 0 ? '0' : `${offset + 1}–${last}`} of ${total}</span>
      <button type="button" disabled=${last >= total} onClick=${() => setOffset(offset + PAGE_SIZE)}>Next page</button>
    </nav>`;
}
