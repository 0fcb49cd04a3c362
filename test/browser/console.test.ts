import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, shootAndMeasure } from '../support/browser.ts';
import { describeWith } from '../support/describe-with.ts';
import { startAllInOne, type RunningProcess } from '../support/processes.ts';

const GOOD = [
  '{"ts":"2026-03-01T10:00:00Z","level":"info","msg":"service started","port":8080}',
  '{"ts":"2026-03-01T10:00:01Z","level":"warn","msg":"cache cold"}',
  'a torn line that is not JSON',
  '{"ts":"2026-03-01T10:00:02Z","level":"error","msg":"disk full","device":"sda1"}',
  '{"ts":"2026-03-01T10:00:03Z","level":"info","msg":"request served"}',
].join('\n') + '\n';
const WRONG_FORMAT = 'plain text, not JSON\nanother plain line\n';
const MAX_UPLOAD_BYTES = 64 * 1024;

describeWith('the web console in Chromium, on npm start', { programs: [CHROMIUM] }, () => {
  let service: { proc: RunningProcess; base: string };
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let context: BrowserContext;
  const origins = new Set<string>();
  const policyViolations: string[] = [];
  const overflowing: string[] = [];
  let goodJobId = '';

  const shoot = async (name: string) => overflowing.push(...(await shootAndMeasure(page, name)).overflowing);
  const signIn = async (username: string, password: string) => {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Jobs', exact: true }).waitFor().catch(async (error: Error) => {
      throw new Error(`${error.message}\nThe page reads: ${await page.locator('body').innerText()}`);
    });
  };

  /** An upload by another client of the API, as admin: init, PUT to the URL, complete. */
  const uploadThroughApi = async (filename: string, content: string) => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${service.base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON, read as the tests read it
      }).then((res) => res.json() as Promise<any>);
    const token = (await post('/auth/login', { username: 'admin', password: 'admin123' })).access_token;
    const init = await post('/ingest/files/init', { filename, size: Buffer.byteLength(content), log_format: 'json' }, token);
    await fetch(init.presigned_url, { method: 'PUT', headers: init.upload_headers, body: content });
    await post('/ingest/files/complete', { job_id: init.job_id }, token);
  };

  beforeAll(async () => {
    service = await startAllInOne('console', { MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) });
    browser = await launchChromium();
    ({ page, context } = browser);
    context.on('request', (request) => origins.add(new URL(request.url()).origin));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    service?.proc.child.kill('SIGTERM');
    await service?.proc.exited;
  });

  it('serves the console at / under a strict policy, and signs in with the keyboard alone', async () => {
    const response = await page.goto(`${service.base}/`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    expect(response!.headers()['content-security-policy']).not.toMatch(/unsafe-inline|https?:/);
    await page.getByLabel('Username').waitFor();
    await shoot('sign-in');
    // The username field has the focus: type, Tab, type, Enter.
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('admin123');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Jobs', exact: true }).waitFor();

    const cookie = (await context.cookies()).find((c) => c.name === 'ingest_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth' });
    expect(await page.evaluate('document.cookie')).not.toContain('ingest_refresh');
  });

  it('keeps one session across tabs: a reload, a second tab, both renewing at the same moment', async () => {
    const second = await context.newPage();
    await Promise.all([second.goto(`${service.base}/`), page.reload()]);
    for (const tab of [page, second]) await tab.getByRole('heading', { name: 'Jobs', exact: true }).waitFor();
    // Both tabs renew at once, several times: each must present the cookie the other left, never a spent one.
    for (let round = 0; round < 3; round++) {
      const renew = (tab: Page) => tab.evaluate("import('/console/api.js').then((api) => api.refresh())");
      expect(await Promise.all([renew(page), renew(second)])).toEqual([true, true]);
    }
    await second.close();
  });

  it('uploads two files, one valid and one in the wrong format, and shows both reach their end live', async () => {
    await page.getByRole('link', { name: 'Upload', exact: true }).click();
    await page.getByLabel('Format').selectOption('json');
    // A reload would lose this mark.
    await page.evaluate("window.mark = 'same page'");
    await page.getByLabel('Choose files').setInputFiles([
      { name: 'good.jsonl', mimeType: 'application/octet-stream', buffer: Buffer.from(GOOD) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(WRONG_FORMAT) },
    ]);
    const good = page.getByRole('listitem', { name: 'good.jsonl' });
    const wrong = page.getByRole('listitem', { name: 'notes.txt' });
    await good.getByText('COMPLETED').waitFor();
    await wrong.getByText('FAILED').waitFor();
    expect(await wrong.getByText(/No line could be parsed as json/).count()).toBe(1);
    expect(await page.evaluate('window.mark')).toBe('same page');

    // Storage that never answers: the upload stays in flight until cancelled.
    await page.route('**/storage/**', () => {});
    await page.getByLabel('Choose files').setInputFiles([{ name: 'slow.log', mimeType: 'text/plain', buffer: Buffer.from(GOOD) }]);
    await page.getByRole('listitem', { name: 'slow.log' }).getByText(/^0 B of 322 B · 0 B\/s · estimating time left$/).waitFor();
    await shoot('upload-in-flight');
    await page.getByRole('button', { name: 'Cancel slow.log' }).click();
    await page.getByRole('listitem', { name: 'slow.log' }).getByText('Cancelled.').waitFor();
    await page.unroute('**/storage/**');

    await page.getByLabel('Choose files').setInputFiles([{ name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'x') }]);
    await page.getByRole('listitem', { name: 'huge.log' }).getByText(`Not accepted: size: must be at most ${MAX_UPLOAD_BYTES} bytes`).waitFor();
    await shoot('upload');

    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('row', { name: /good\.jsonl/ }).getByText('COMPLETED').waitFor();
    await page.getByRole('row', { name: /notes\.txt/ }).getByText('FAILED').waitFor();
    await page.getByLabel('Status').selectOption('FAILED');
    await expect.poll(() => page.getByRole('row', { name: /good\.jsonl/ }).count()).toBe(0);
    await page.getByRole('row', { name: /notes\.txt/ }).waitFor();
    await shoot('jobs');
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('row', { name: /good\.jsonl/ }).waitFor();
  });

  it('adds a job uploaded elsewhere (the API, as the CLI does) to the open list and follows it to its end', async () => {
    await page.evaluate("window.mark = 'jobs page'");
    await uploadThroughApi('from-the-cli.jsonl', GOOD);
    await page.getByRole('row', { name: /from-the-cli\.jsonl/ }).getByText('COMPLETED').waitFor();
    expect(await page.evaluate('window.mark')).toBe('jobs page');
  });

  it('opens the result: counts, levels chart, sample of the normalized events', async () => {
    await page.getByRole('link', { name: 'good.jsonl' }).click();
    await page.getByRole('heading', { name: 'good.jsonl' }).waitFor();
    goodJobId = page.url().split('/').at(-1)!;
    const facts = page.locator('dl.facts').last();
    await expect.poll(() => facts.textContent()).toMatch(/Events parsed\s*4\s*Lines rejected\s*1\s*Lines read\s*5/);
    expect(await page.locator('table.errors tbody tr').first().locator('td').first().textContent()).toBe('3');
    expect(await page.getByRole('list', { name: 'Events by level' }).getByRole('listitem').allTextContents()).toEqual(['error1', 'warn1', 'info2']);
    await page.getByRole('cell', { name: /disk full/ }).waitFor();
    expect(await page.locator('table.events tbody tr').count()).toBe(4);
    // The recorded history, one entry per status the job went through.
    const timeline = page.getByRole('region', { name: 'Timeline' }).getByRole('listitem');
    await expect.poll(() => timeline.allTextContents()).toEqual([
      expect.stringMatching(/^Created /),
      expect.stringMatching(/^Queued /),
      expect.stringMatching(/^Started /),
      expect.stringMatching(/^Finished /),
    ]);
    await shoot('job');
  });

  it('shows why a job failed', async () => {
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('link', { name: 'notes.txt' }).click();
    await page.getByRole('alert').getByText(/No line could be parsed as json/).waitFor();
    await shoot('job-failed');
    await page.goBack();
    await page.getByRole('link', { name: 'good.jsonl' }).click();
    await page.getByRole('link', { name: 'Download output' }).waitFor();
  });

  it('downloads the output: the normalized events as gzip\'d JSON Lines', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download output' }).click()]);
    const lines = gunzipSync(readFileSync((await download.path())!)).toString('utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((event) => event.message)).toEqual(['service started', 'cache cold', 'disk full', 'request served']);
  });

  it('lets the admin create a user, who does not see the admin\'s jobs', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Username').fill('carol');
    await page.getByLabel('Email').fill('carol@example.com');
    await page.getByLabel('Full name').fill('Carol Analyst');
    await page.getByLabel('Password').fill('carol-password-1');
    await page.getByLabel('Role', { exact: true }).selectOption('user');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('User carol created.').waitFor();
    await page.getByLabel('Role of carol').waitFor();
    await shoot('users');
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await shoot('profile');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('carol', 'carol-password-1');
    await page.getByText('No jobs yet.').waitFor();
    await page.goto(`${service.base}/#/jobs/${goodJobId}`);
    await page.getByRole('alert').getByText(/not found/).waitFor();

    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Current password').fill('carol-password-1');
    await page.getByLabel('New password', { exact: true }).fill('carol-password-2');
    await page.getByLabel('Repeat new password').fill('carol-password-2');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    // Still signed in, on a session opened with the new password.
    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByText('No jobs yet.').waitFor();
  });

  it('signs out: the refresh cookie is gone and its token revoked', async () => {
    await page.goto(`${service.base}/#/jobs`);
    await page.getByRole('heading', { name: 'Jobs', exact: true }).waitFor();
    const token = (await context.cookies()).find((c) => c.name === 'ingest_refresh')!.value;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'ingest_refresh')).toBeUndefined();
    const reuse = await fetch(`${service.base}/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: token }) });
    expect(reuse.status).toBe(401);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('links the API reference, which renders from the service alone', async () => {
    await page.goto(`${service.base}/docs`);
    await page.getByText('Log Ingest Service').first().waitFor();
    await page.getByText('/ingest/files/init').first().waitFor({ state: 'attached' });
    await shoot('docs');
  });

  it('asked no origin but its own, broke no policy, and never scrolled sideways', () => {
    expect([...origins]).toEqual([service.base]);
    expect(policyViolations).toEqual([]);
    expect(overflowing).toEqual([]);
  });
});
