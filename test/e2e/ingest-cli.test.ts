import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { tempDataDir } from '../support/temp-dir.ts';

/** The `ingest` command line against a running service on embedded defaults. */
describe('the ingest command line', () => {
  const home = tempDataDir('ingest-cli-home');
  let service: RunningService;
  // Asynchronous: the service under test runs in this process and must keep answering.
  const ingest = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/ingest.js', ...args], { env: { ...process.env, INGEST_CONFIG_DIR: home } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdin.end();
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  beforeAll(async () => {
    const config = loadConfig({ PORT: String(await freePort()), DATA_DIR: tempDataDir('ingest-cli-data'), BCRYPT_COST: '4' });
    service = await startService(config, { api: true, worker: true }, { logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('says how to log in before anything else', async () => {
    const jobs = await ingest('jobs');
    expect([jobs.status, jobs.stderr]).toEqual([1, expect.stringMatching(/Not logged in: run `ingest login --url URL` first/)]);
  });

  it('logs in, keeping the session readable by the user only', async () => {
    const login = await ingest('login', '--url', service.url!, '--username', 'admin', '--password', 'admin123');
    expect([login.status, login.stdout.trim()]).toEqual([0, `Logged in to ${service.url} as admin (admin)`]);
    expect(statSync(join(home, 'session.json')).mode & 0o777).toBe(0o600);
    expect((await ingest('whoami')).stdout).toMatch(/^admin \(admin\)/);
    const wrong = await ingest('login', '--url', service.url!, '--username', 'admin', '--password', 'nope');
    expect([wrong.status, wrong.stderr]).toEqual([1, expect.stringMatching(/Incorrect username or password \(INVALID_CREDENTIALS, HTTP 401\)/)]);
  });

  it('refreshes an expired or rejected access token transparently, keeping the new pair', async () => {
    const file = join(home, 'session.json');
    const session = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...session, accessToken: 'no-longer-valid' }), { mode: 0o600 });
    const me = await ingest('whoami');
    expect([me.status, me.stdout]).toEqual([0, expect.stringMatching(/^admin \(admin\)/)]);
    const renewed = JSON.parse(readFileSync(file, 'utf8'));
    expect(renewed.accessToken).not.toBe('no-longer-valid');
    expect(renewed.refreshToken).not.toBe(session.refreshToken);
  });

  it('uploads a file, follows it to COMPLETED and prints the summary', async () => {
    const file = join(home, 'sample.log');
    const content = '2026-01-05T12:00:00Z INFO started\n2026-01-05T12:00:01Z ERROR disk full\n';
    writeFileSync(file, content);
    const upload = await ingest('upload', file, '--wait');
    expect(upload.status).toBe(0);
    expect(upload.stdout).toContain(`: COMPLETED (sample.log, auto → text, ${Buffer.byteLength(content)} bytes)`);
    expect(upload.stdout).toMatch(/^Job [0-9a-f-]{36}: /);
    expect(upload.stdout).toMatch(/lines 2, events 2, rejected 0/);
    expect(upload.stdout).toMatch(/levels: (info 1, error 1|error 1, info 1)/);
  });

  it('uploads under a forced format, and ends non-zero with the reason and the format that would read the file', async () => {
    const file = join(home, 'broken.json');
    writeFileSync(file, 'this is not json\nneither is this\n');
    const upload = await ingest('upload', file, '--format', 'json', '--wait');
    expect(upload.status).toBe(2);
    expect(upload.stdout).toMatch(/FAILED \(broken.json, json/);
    expect(upload.stdout).toMatch(/Error: No line could be parsed as json .*; the file reads as text: upload it as text or auto/);
  });

  it('lists and shows jobs, as tables or JSON', async () => {
    const list = await ingest('jobs', '--status', 'COMPLETED');
    expect(list.stdout).toMatch(/^JOB\s+STATUS\s+PROGRESS\s+FORMAT\s+FILE\s+CREATED/);
    expect(list.stdout).toMatch(/COMPLETED\s+100%\s+auto\s+sample.log/);
    const json = JSON.parse((await ingest('jobs', '--json')).stdout) as { job_id: string; status: string }[];
    expect(json.map((j) => j.status).sort()).toEqual(['COMPLETED', 'FAILED']);
    const failed = json.find((j) => j.status === 'FAILED')!;
    expect(JSON.parse((await ingest('job', failed.job_id, '--json')).stdout)).toMatchObject({ job_id: failed.job_id, status: 'FAILED' });
    const retried = await ingest('retry', failed.job_id);
    expect([retried.status, retried.stdout.trim()]).toEqual([0, `Job ${failed.job_id} is QUEUED again`]);
    const unknown = await ingest('job', '00000000-0000-4000-8000-000000000000');
    expect([unknown.status, unknown.stderr]).toEqual([1, expect.stringMatching(/JOB_NOT_FOUND, HTTP 404/)]);
  });

  it('has the worker detect the format of a gzip\'d file from its content, not from its compressed bytes', async () => {
    const file = join(home, 'messages.gz');
    writeFileSync(file, gzipSync('<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8\n'));
    const upload = await ingest('upload', file, '--wait');
    expect(upload.status).toBe(0);
    expect(upload.stdout).toMatch(/COMPLETED \(messages.gz, auto → syslog/);
    expect(upload.stdout).toMatch(/events 1, rejected 0/);
  });

  it('passes --timezone and --year to the service, and says what it refused', async () => {
    const file = join(home, 'messages');
    // Paris is UTC+1 on 5 January.
    writeFileSync(file, 'Jan  5 11:00:00 host app[1]: started\n');
    const upload = await ingest('upload', file, '--format', 'syslog', '--timezone', 'Europe/Paris', '--year', '2019', '--wait');
    expect(upload.status).toBe(0);
    expect(upload.stdout).toContain(': COMPLETED (messages, syslog, 37 bytes, times in Europe/Paris, year 2019)');
    expect(upload.stdout).toContain('events from 2019-01-05T10:00:00.000Z to 2019-01-05T10:00:00.000Z');
    const unknown = await ingest('upload', file, '--format', 'syslog', '--timezone', 'Mars/Olympus_Mons');
    expect([unknown.status, unknown.stderr]).toEqual([1, expect.stringMatching(/timezone: must be an IANA time zone name/)]);
    const notAYear = await ingest('upload', file, '--year', 'last');
    expect([notAYear.status, notAYear.stderr]).toEqual([64, expect.stringMatching(/--year.*must be a year such as 2019/)]);
  });

  it('uploads with a pattern of its own, or with a saved custom format by name', async () => {
    const file = join(home, 'pipes.log');
    writeFileSync(file, '05.01.2026 10:00:01|INFO|invoice 7 sent\n05.01.2026 10:00:02|WARN|retrying payment 9\n');
    const pattern = String.raw`^(?P<ts>[^|]+)\|(?P<level>\w+)\|(?P<message>.*)$`;
    const inline = await ingest('upload', file, '--pattern', pattern, '--time-format', '%d.%m.%Y %H:%M:%S', '--wait', '--json');
    expect(inline.status).toBe(0);
    expect(JSON.parse(inline.stdout)).toMatchObject({
      status: 'COMPLETED',
      file: { log_format: 'custom', custom_format: { name: null, pattern, time_format: '%d.%m.%Y %H:%M:%S' } },
      result: { events_parsed: 2, first_event_at: '2026-01-05T10:00:01.000Z', level_counts: { info: 1, warn: 1 } },
    });

    const session = JSON.parse(readFileSync(join(home, 'session.json'), 'utf8'));
    const saved = await fetch(`${service.url}/formats`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'pipes', pattern, time_format: '%d.%m.%Y %H:%M:%S' }),
    });
    expect(saved.status).toBe(201);
    expect((await ingest('formats')).stdout).toContain(`pipes\n  pattern: ${pattern}`);
    const byName = await ingest('upload', file, '--custom-format', 'pipes', '--wait');
    expect([byName.status, byName.stdout]).toEqual([0, expect.stringMatching(/COMPLETED \(pipes.log, custom/)]);

    const unknown = await ingest('upload', file, '--custom-format', 'nobody-saved-this');
    expect([unknown.status, unknown.stderr]).toEqual([1, expect.stringMatching(/names no saved format/)]);
    const both = await ingest('upload', file, '--custom-format', 'pipes', '--pattern', pattern);
    expect([both.status, both.stderr]).toEqual([64, expect.stringMatching(/not both/)]);
  });

  it('logs out, and a stale session says to log in again', async () => {
    expect((await ingest('logout')).stdout.trim()).toBe('Logged out');
    expect((await ingest('whoami')).stderr).toMatch(/Not logged in/);
    const nobody = await freePort();
    const unreachable = await ingest('login', '--url', `http://127.0.0.1:${nobody}`, '--username', 'a', '--password', 'b');
    expect([unreachable.status, unreachable.stderr]).toEqual([1, `Error: Cannot reach http://127.0.0.1:${nobody} (ECONNREFUSED)\n`]);
  });
});
