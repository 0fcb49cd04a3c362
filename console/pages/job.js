import { html, useEffect, useState } from '../vendor/preact-htm.js';
import { api } from '../api.js';
import { onJobChange } from '../live.js';
import { firstEvents, outputUrl } from '../output.js';
import { TERMINAL, bytes, count, time } from '../format.js';
import { Progress, StatusBadge } from './parts.js';

const PREVIEW_EVENTS = 50;
const LEVEL_ORDER = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'];
// The job's recorded history (GET /jobs/{id}/history), each status as the timeline names it.
const STATUS_NAMES = { CREATED: 'Created', QUEUED: 'Queued', PROCESSING: 'Started', COMPLETED: 'Finished', FAILED: 'Failed' };

export function JobPage({ id, me }) {
  const [job, setJob] = useState(null);
  const [history, setHistory] = useState([]);
  const [error, setError] = useState(null);
  const load = () =>
    Promise.all([api('GET', `/jobs/${id}`), api('GET', `/jobs/${id}/history`)]).then(
      ([{ body }, { body: changes }]) => { setJob(body); setHistory(changes); setError(null); },
      (e) => setError(e.message),
    );

  useEffect(() => {
    load();
    return onJobChange((change) => {
      if (change.reconnected || change.job_id === id) load();
    });
  }, [id]);

  if (error) return html`<h1>Job</h1><p class="error" role="alert">${error}</p><p><a href="#/jobs">Back to the jobs</a></p>`;
  if (!job) return html`<p>Loading…</p>`;

  const retry = async () => {
    try { setJob((await api('POST', `/jobs/${id}/retry`)).body); } catch (e) { setError(e.message); }
  };
  const name = job.file?.filename ?? job.job_id;
  return html`
    <p class="small"><a href="#/jobs">← Jobs</a></p>
    <div class="page-head">
      <h1 class="file">${name}</h1>
      <${StatusBadge} status=${job.status} />
    </div>
    ${!TERMINAL.has(job.status) && html`<${Progress} value=${job.progress} label="Job progress" /> <span class="small">${job.progress}%</span>`}
    ${job.error_message && html`<p class="error" role="alert">${job.error_message}</p>`}
    ${me.role === 'admin' && job.status === 'FAILED' && html`<p><button type="button" onClick=${retry}>Retry job</button></p>`}
    <div class="columns">
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        <ol class="timeline">
          ${history.map((change) => html`<li class="done"><span>${STATUS_NAMES[change.to_status] ?? change.to_status}</span> <time datetime=${change.at}>${time(change.at)}</time>${change.attempt > 1 && change.to_status === 'PROCESSING' ? html` <span class="small">attempt ${change.attempt}</span>` : ''}</li>`)}
        </ol>
        ${job.retry_count > 0 && html`<p class="small">Retried ${job.retry_count} time(s).</p>`}
      </section>
      <section aria-labelledby="file-h">
        <h2 id="file-h">File</h2>
        <dl class="facts">
          <dt>Size</dt><dd>${bytes(job.file?.size)}</dd>
          <dt>Format asked</dt><dd>${job.file?.log_format ?? '–'}${job.file?.custom_format ? ` (${job.file.custom_format.name})` : ''}</dd>
          ${job.file?.timezone && html`<dt>Time zone</dt><dd>${job.file.timezone}</dd>`}
        </dl>
      </section>
    </div>
    ${job.result && html`<${Result} job=${job} />`}`;
}

function Result({ job }) {
  const r = job.result;
  const [events, setEvents] = useState(null);
  const [problem, setProblem] = useState(null);
  useEffect(() => {
    firstEvents(job.job_id, PREVIEW_EVENTS).then(setEvents, (e) => setProblem(e.message));
  }, [job.job_id, job.finished_at]);

  const download = async (event) => {
    event.preventDefault();
    try {
      const link = document.createElement('a');
      link.href = await outputUrl(job.job_id);
      link.download = `${job.file?.filename ?? job.job_id}.normalized.jsonl.gz`;
      link.click();
    } catch (e) { setProblem(e.message); }
  };

  return html`
    <section aria-labelledby="result-h">
      <h2 id="result-h">Result</h2>
      <dl class="facts">
        <dt>Events parsed</dt><dd>${count(r.events_parsed)}</dd>
        <dt>Lines rejected</dt><dd>${count(r.lines_rejected)}</dd>
        <dt>Lines read</dt><dd>${count(r.lines_total)}</dd>
        <dt>Bytes processed</dt><dd>${bytes(r.bytes_processed)}</dd>
        <dt>Detected format</dt><dd>${r.detected_format ?? job.file?.log_format ?? '–'}${r.dialect ? ` (${r.dialect.description})` : ''}</dd>
        <dt>First event</dt><dd>${time(r.first_event_at)}</dd>
        <dt>Last event</dt><dd>${time(r.last_event_at)}</dd>
      </dl>
      <p><a class="button" href="#" onClick=${download}>Download output</a> <span class="small">(gzip'd JSON Lines)</span></p>
      <${LevelChart} counts=${r.level_counts ?? {}} />
      ${r.sample_errors?.length > 0 && html`
        <h3>Sample errors</h3>
        <table class="errors"><thead><tr><th scope="col">Line</th><th scope="col">Reason</th></tr></thead>
          <tbody>${r.sample_errors.map((e) => html`<tr><td>${e.line}</td><td>${e.reason}</td></tr>`)}</tbody></table>`}
      <h3>First events</h3>
      ${problem && html`<p class="error" role="alert">${problem}</p>`}
      ${events === null && !problem ? html`<p>Loading the preview…</p>` : events && html`<${EventTable} events=${events} />`}
    </section>`;
}

function LevelChart({ counts }) {
  const levels = Object.keys(counts).sort((a, b) => (LEVEL_ORDER.indexOf(a) + 99) % 99 - (LEVEL_ORDER.indexOf(b) + 99) % 99);
  const top = Math.max(1, ...Object.values(counts));
  if (levels.length === 0) return null;
  return html`
    <figure class="chart">
      <figcaption><h3>Events by level</h3></figcaption>
      <ul aria-label="Events by level">
        ${levels.map((level) => html`
          <li><span class="level">${level}</span>
            <span class="bar-track"><span class=${`bar lv-${level}`} style=${{ width: `${(counts[level] / top) * 100}%` }}></span></span>
            <span class="n">${count(counts[level])}</span></li>`)}
      </ul>
    </figure>`;
}

function EventTable({ events }) {
  if (events.length === 0) return html`<p>No events.</p>`;
  return html`
    <table class="events">
      <caption class="visually-hidden">The first ${events.length} normalized events</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">Level</th><th scope="col">Message</th></tr></thead>
      <tbody>${events.map((e) => html`
        <tr><td class="when">${e.ts ? e.ts.replace('T', ' ').replace('Z', '') : '–'}</td><td><span class=${`level-tag lv-${e.level}`}>${e.level}</span></td>
          <td class="message"><span class="text">${e.message}</span>
            ${Object.keys(e.attrs ?? {}).length > 0 && html`<details><summary>attrs (line ${e.line})</summary><pre>${JSON.stringify(e.attrs, null, 2)}</pre></details>`}</td></tr>`)}
      </tbody>
    </table>`;
}
