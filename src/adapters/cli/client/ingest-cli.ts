import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import promptPassword from '@inquirer/password';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { UNMATCHED_LINES } from '../../../domain/log/custom/custom-format.ts';
import { REQUESTED_LOG_FORMATS } from '../../../domain/upload/log-format.ts';
import { ApiClient, ApiError, SessionError } from './api-client.ts';
import { followJob, type JobState } from './follow-job.ts';
import { configDir, SessionStore } from './session-store.ts';

interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Bars are drawn only for a person at a terminal. */
  readonly interactive: boolean;
  readStdin(): Promise<string>;
}

interface JobView {
  job_id: string;
  status: string;
  progress: number;
  error_message: string | null;
  created_at: string;
  file: { filename: string; size: number; log_format: string; timezone?: string | null; year?: number | null } | null;
  result: {
    lines_total: number;
    events_parsed: number;
    lines_rejected: number;
    level_counts: Record<string, number>;
    first_event_at: string | null;
    last_event_at: string | null;
    detected_format: string | null;
  } | null;
}

const EXIT = { ok: 0, error: 1, failedJob: 2, usage: 64 } as const;

/** The `ingest` command: a driving adapter of its own, speaking the HTTP API. Returns the exit code. */
export async function runIngestCli(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const api = new ApiClient(new SessionStore(configDir(env)));
  let exitCode: number = EXIT.ok;
  const print = (json: boolean, value: unknown, human: () => string) => io.out(json ? JSON.stringify(value, null, 2) : human());

  const program = new Command('ingest')
    .description('Upload log files to the Ingest Service and follow them to completion')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  const jsonOption = () => new Option('--json', 'machine-readable output');

  program
    .command('login')
    .description('log in and keep the session in the config directory')
    .requiredOption('--url <url>', 'the service, e.g. http://127.0.0.1:8000')
    .option('-u, --username <name>', 'user name', env.INGEST_USERNAME)
    .option('--password <password>', 'password (asked without echo when absent; read from stdin when not a terminal)')
    .addOption(jsonOption())
    .action(async (options: { url: string; username?: string; password?: string; json?: boolean }) => {
      if (!options.username) throw new UsageError('--username is required (or set INGEST_USERNAME)');
      const password =
        options.password ?? env.INGEST_PASSWORD ?? (io.interactive ? await promptPassword({ message: 'Password', mask: false }) : (await io.readStdin()).trim());
      await api.login(options.url, options.username, password);
      const me = await api.request<{ username: string; role: string }>('GET', '/auth/me');
      print(Boolean(options.json), me, () => `Logged in to ${options.url} as ${me.username} (${me.role})`);
    });

  program.command('whoami').addOption(jsonOption()).description('the logged-in user').action(async (options: { json?: boolean }) => {
    const me = await api.request<{ username: string; role: string; email: string }>('GET', '/auth/me');
    const url = await api.baseUrl();
    print(Boolean(options.json), { ...me, url }, () => `${me.username} (${me.role}) <${me.email}> on ${url}`);
  });

  program.command('logout').addOption(jsonOption()).description('end the session').action(async (options: { json?: boolean }) => {
    const ended = await api.logout();
    print(Boolean(options.json), { logged_out: ended }, () => (ended ? 'Logged out' : 'Not logged in'));
  });

  program
    .command('upload <file>')
    .description('upload a log file and queue it for processing')
    .addOption(new Option('--format <format>', 'log format; auto: the worker picks it from the file\'s first lines').choices([...REQUESTED_LOG_FORMATS]).default('auto'))
    .option('--timezone <zone>', 'IANA zone (Europe/Paris) of times the file writes without an offset; UTC when absent')
    .addOption(new Option('--year <year>', 'year of dates the file writes without one (syslog `Jan  5 …`); the year before the upload when absent').argParser(wholeYear))
    .option('--pattern <regex>', 'read the file with this pattern (RE2 syntax, named groups ts, level, message and any others): format custom')
    .option('--time-format <layout>', "with --pattern: the strptime layout of the ts group, e.g. '%d/%b/%Y:%H:%M:%S %z'")
    .addOption(new Option('--unmatched-lines <what>', 'with --pattern: what becomes of a line it does not match').choices([...UNMATCHED_LINES]))
    .option('--custom-format <name>', 'read the file with a saved custom format (see `ingest formats`): format custom')
    .option('--wait', 'follow the job until it is done and print its result')
    .addOption(jsonOption())
    .action(async (file: string, options: UploadOptions) => {
      const size = (await stat(file)).size;
      const custom = customFormatOf(options);
      const format = custom === undefined ? options.format : 'custom';
      const init = await api.request<{ job_id: string; presigned_url: string; upload_headers: Record<string, string> }>('POST', '/ingest/files/init', {
        filename: basename(file),
        size,
        log_format: format,
        ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
        ...(options.year === undefined ? {} : { year: options.year }),
        ...(custom === undefined ? {} : { custom_format: custom }),
      });
      await uploadWithProgress(file, size, init.presigned_url, init.upload_headers, io);
      await api.request('POST', '/ingest/files/complete', { job_id: init.job_id });
      if (!options.wait) {
        print(Boolean(options.json), { job_id: init.job_id, status: 'QUEUED', log_format: format }, () => `Queued job ${init.job_id} (${format})`);
        return;
      }
      const final = await followWithProgress(api, init.job_id, io);
      const job = await api.request<JobView>('GET', `/jobs/${init.job_id}`);
      print(Boolean(options.json), job, () => summary(job));
      if (final.status !== 'COMPLETED') exitCode = EXIT.failedJob;
    });

  program.command('formats').description('the saved custom formats').addOption(jsonOption()).action(async (options: { json?: boolean }) => {
    const formats = await api.request<{ name: string; pattern: string; time_format: string | null }[]>('GET', '/formats');
    print(Boolean(options.json), formats, () =>
      formats.length === 0 ? 'No saved formats' : formats.map((f) => `${f.name}\n  pattern: ${f.pattern}${f.time_format ? `\n  time format: ${f.time_format}` : ''}`).join('\n'),
    );
  });

  program
    .command('jobs')
    .description('list jobs, newest first')
    .option('--status <status>', 'only jobs in this state')
    .option('--limit <n>', 'how many', '20')
    .addOption(jsonOption())
    .action(async (options: { status?: string; limit: string; json?: boolean }) => {
      const query = new URLSearchParams({ limit: options.limit, ...(options.status ? { status: options.status } : {}) });
      const jobs = await api.request<JobView[]>('GET', `/jobs?${query}`);
      print(Boolean(options.json), jobs, () => table(jobs));
    });

  program.command('job <id>').description('one job in detail').addOption(jsonOption()).action(async (id: string, options: { json?: boolean }) => {
    const job = await api.request<JobView>('GET', `/jobs/${id}`);
    print(Boolean(options.json), job, () => summary(job));
  });

  program.command('retry <id>').description('send a FAILED job back to the queue (admin)').addOption(jsonOption()).action(async (id: string, options: { json?: boolean }) => {
    const job = await api.request<JobView>('POST', `/jobs/${id}/retry`);
    print(Boolean(options.json), job, () => `Job ${job.job_id} is ${job.status} again`);
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, io);
  }
}

class UsageError extends Error {}

/** `--year`'s value as a number; the service checks its range. */
function wholeYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new InvalidArgumentError('must be a year such as 2019');
  return Number(text);
}

interface UploadOptions {
  format: string;
  timezone?: string;
  year?: number;
  pattern?: string;
  timeFormat?: string;
  unmatchedLines?: string;
  customFormat?: string;
  wait?: boolean;
  json?: boolean;
}

/** The custom_format of an upload's options: a pattern, a saved format's name, or undefined for the built-in formats. */
function customFormatOf(options: UploadOptions): Record<string, string> | string | undefined {
  const { pattern, timeFormat, unmatchedLines, customFormat: name } = options;
  if (pattern !== undefined && name !== undefined) throw new UsageError('give --pattern or --custom-format, not both');
  if (pattern === undefined && (timeFormat !== undefined || unmatchedLines !== undefined)) throw new UsageError('--time-format and --unmatched-lines go with --pattern');
  if ((pattern !== undefined || name !== undefined) && options.format !== 'auto' && options.format !== 'custom') {
    throw new UsageError('--pattern and --custom-format read the file as format custom');
  }
  if (name !== undefined) return name;
  if (pattern === undefined) {
    if (options.format === 'custom') throw new UsageError('--format custom needs --pattern or --custom-format');
    return undefined;
  }
  return { pattern, ...(timeFormat === undefined ? {} : { time_format: timeFormat }), ...(unmatchedLines === undefined ? {} : { unmatched_lines: unmatchedLines }) };
}

function report(error: unknown, io: Io): number {
  if (error instanceof Error && 'exitCode' in error && typeof error.exitCode === 'number') {
    // commander has already printed help, a version or a usage problem
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.err(`Error: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof ApiError) {
    io.err(`Error: ${error.message} (${error.code}, HTTP ${error.status})`);
    for (const issue of error.issues) io.err(`  ${issue.path}: ${issue.message}`);
  }
  else if (error instanceof SessionError) io.err(`Error: ${error.message}`);
  else io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.error;
}

async function uploadWithProgress(file: string, size: number, url: string, headers: Record<string, string>, io: Io): Promise<void> {
  const bar = io.interactive ? new SingleBar({ format: 'upload     [{bar}] {percentage}% {value}/{total} bytes', stream: process.stderr }) : null;
  bar?.start(size, 0);
  const handle = await open(file, 'r');
  let sent = 0;
  const body = Readable.toWeb(
    Readable.from(
      (async function* () {
        for await (const chunk of handle.createReadStream({ highWaterMark: 256 * 1024 })) {
          sent += (chunk as Buffer).length;
          bar?.update(sent);
          yield chunk as Buffer;
        }
      })(),
    ),
  );
  try {
    // The size is known, so S3 gets the Content-Length its presigned PUT requires.
    const response = await fetch(url, { method: 'PUT', headers: { ...headers, 'Content-Length': String(size) }, body: body as ReadableStream, duplex: 'half' } as RequestInit);
    if (!response.ok) throw new ApiError(response.status, 'UPLOAD_FAILED', `Upload refused by storage: ${(await response.text()).slice(0, 200)}`);
  } finally {
    bar?.stop();
    await handle.close().catch(() => {});
  }
}

async function followWithProgress(api: ApiClient, jobId: string, io: Io): Promise<JobState> {
  const bar = io.interactive ? new SingleBar({ format: 'processing [{bar}] {percentage}% {status}', stream: process.stderr }) : null;
  bar?.start(100, 0, { status: 'QUEUED' });
  try {
    return await followJob(api, jobId, (state) => bar?.update(state.progress, { status: state.status }));
  } finally {
    bar?.stop();
  }
}

function summary(job: JobView): string {
  const { file } = job;
  const hints = file ? `${file.timezone ? `, times in ${file.timezone}` : ''}${file.year ? `, year ${file.year}` : ''}` : '';
  const detected = job.result?.detected_format ? ` → ${job.result.detected_format}` : '';
  const lines = [`Job ${job.job_id}: ${job.status}${file ? ` (${file.filename}, ${file.log_format}${detected}, ${file.size} bytes${hints})` : ''}`];
  if (job.error_message) lines.push(`  ${job.status === 'FAILED' ? 'Error' : 'Last error'}: ${job.error_message}`);
  if (job.result) {
    const r = job.result;
    lines.push(`  lines ${r.lines_total}, events ${r.events_parsed}, rejected ${r.lines_rejected}`);
    const levels = Object.entries(r.level_counts).map(([level, n]) => `${level} ${n}`).join(', ');
    if (levels) lines.push(`  levels: ${levels}`);
    if (r.first_event_at) lines.push(`  events from ${r.first_event_at} to ${r.last_event_at}`);
  }
  return lines.join('\n');
}

function table(jobs: JobView[]): string {
  if (jobs.length === 0) return 'No jobs';
  const rows = jobs.map((j) => [j.job_id, j.status, `${j.progress}%`, j.file?.log_format ?? '', j.file?.filename ?? '', j.created_at]);
  const header = ['JOB', 'STATUS', 'PROGRESS', 'FORMAT', 'FILE', 'CREATED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((r) => r.map((cell, i) => (cell ?? '').padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
