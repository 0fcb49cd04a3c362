import { beforeEach, describe, expect, it } from 'vitest';
import type { ProcessJob } from '../../../src/application/jobs/process-job.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { httpClient, type HttpCall } from '../../support/http-client.ts';
import { createTestCore, PASSWORD, type TestCore } from '../../support/test-core.ts';

/** The `name=value` of a Set-Cookie header, and its attributes in lower case. */
function parseSetCookie(header: string | null) {
  const [pair, ...attributes] = (header ?? '').split(';').map((part) => part.trim());
  const [name, value] = pair!.split('=');
  return { name, value, attributes: attributes.map((a) => a.toLowerCase()) };
}

describe('what the web console needs from the API', () => {
  let core: TestCore;
  let call: HttpCall;

  beforeEach(() => {
    core = createTestCore();
    call = httpClient(core.app);
  });

  async function cookieLogin(role: 'admin' | 'user' = 'user') {
    const { user } = await core.addUser(role);
    const res = await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD, refresh_token_cookie: true } });
    return { res, user, cookie: parseSetCookie(res.headers.get('Set-Cookie')) };
  }

  describe('the console itself', () => {
    it('is served at / with a policy that allows this origin only and no inline script', async () => {
      const page = await call('GET', '/');
      expect(page.status).toBe(200);
      expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(page.text).toContain('<script type="module" src="/console/app.js"></script>');
      const policy = page.headers.get('Content-Security-Policy')!;
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("script-src 'self';");
      expect(policy).toContain("connect-src 'self';");
      expect(policy).not.toMatch(/unsafe|https?:|\*/);
    });

    it('serves its modules and the vendored toolkit from the service, and nothing outside console/', async () => {
      for (const path of ['/console/app.js', '/console/pages/jobs.js', '/console/vendor/preact-htm.js', '/console/vendor/scalar-api-reference.js']) {
        const res = await call('GET', path);
        expect([path, res.status, res.headers.get('Content-Type')]).toEqual([path, 200, 'text/javascript; charset=utf-8']);
      }
      const odd = ['/console/%00.js', '/console/app.js%00', '/console/app.js/x.js', `/console/${'a'.repeat(5000)}.js`, '/console/.hidden.js', '/console/%E0%A4%A.js'];
      for (const path of ['/console/../package.json', '/console/%2e%2e/package.json', '/console/nope.js', '/console/pages', '/console/README', ...odd]) {
        expect([path, (await call('GET', path)).status]).toEqual([path, 404]);
      }
    });

    it('lets /docs load the API reference from the service, not a CDN', async () => {
      const docs = await call('GET', '/docs');
      expect(docs.text).toContain('src="/console/vendor/scalar-api-reference.js"');
      expect(docs.text).not.toMatch(/cdn\.|jsdelivr|fonts\.scalar/);
      expect(docs.text).toMatch(/"proxyUrl": ""/);
    });
  });

  describe('a session kept in an httpOnly cookie', () => {
    it('login sets the refresh token as an httpOnly SameSite=Strict cookie for /auth only, not in the body', async () => {
      const { res, cookie } = await cookieLogin();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: expect.any(Number) });
      expect(cookie.name).toBe('ingest_refresh');
      expect(cookie.value!.length).toBeGreaterThan(20);
      expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/auth']));
    });

    it('refresh takes the cookie, rotates it, and refuses the old one', async () => {
      const { cookie } = await cookieLogin();
      const sendCookie = (value: string) => ({ json: {}, headers: { Cookie: `ingest_refresh=${value}` } });
      const refreshed = await call('POST', '/auth/refresh', sendCookie(cookie.value!));
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refresh_token).toBeUndefined();
      const rotated = parseSetCookie(refreshed.headers.get('Set-Cookie'));
      expect(rotated.value).not.toBe(cookie.value);
      expect((await call('GET', '/auth/me', { token: refreshed.body.access_token })).status).toBe(200);
      expect((await call('POST', '/auth/refresh', sendCookie(cookie.value!))).status).toBe(401);
    });

    it('logout with the cookie revokes its session and clears it', async () => {
      const { res, cookie } = await cookieLogin();
      const out = await call('POST', '/auth/logout', { token: res.body.access_token, json: {}, headers: { Cookie: `ingest_refresh=${cookie.value}` } });
      expect(out.status).toBe(204);
      const cleared = parseSetCookie(out.headers.get('Set-Cookie'));
      expect([cleared.name, cleared.value]).toEqual(['ingest_refresh', '']);
      expect(cleared.attributes).toEqual(expect.arrayContaining(['max-age=0', 'path=/auth']));
      expect((await call('POST', '/auth/refresh', { json: { refresh_token: cookie.value } })).status).toBe(401);
    });

    it('leaves other clients as they were: tokens in the body, no cookie, 422 without a token', async () => {
      const { user } = await core.addUser('user');
      const login = await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } });
      expect(login.body.refresh_token).toEqual(expect.any(String));
      expect(login.headers.get('Set-Cookie')).toBeNull();
      const refreshed = await call('POST', '/auth/refresh', { json: { refresh_token: login.body.refresh_token } });
      expect([refreshed.status, typeof refreshed.body.refresh_token, refreshed.headers.get('Set-Cookie')]).toEqual([200, 'string', null]);
      const missing = await call('POST', '/auth/refresh', { json: {} });
      expect([missing.status, missing.body.error_code]).toEqual([422, 'VALIDATION_ERROR']);
    });
  });

  describe('GET /jobs/events: one stream for all of one\'s jobs', () => {
    async function tokenOf(role: 'admin' | 'user') {
      const { user } = await core.addUser(role);
      return (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token as string;
    }
    async function queuedJob(token: string) {
      const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'app.log', size: 12, log_format: 'text' } });
      await core.app.request(init.body.presigned_url, { method: 'PUT', headers: init.body.upload_headers, body: 'hello world\n' });
      await call('POST', '/ingest/files/complete', { token, json: { job_id: init.body.job_id } });
      return init.body.job_id as string;
    }
    /** Opens the stream; `until` resolves with the job ids of its events once `done` holds for them. */
    async function follow(token: string) {
      const controller = new AbortController();
      const res = await core.app.request('/jobs/events', { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      const events: { job_id: string; status: string }[] = [];
      let buffer = '';
      return {
        res,
        async until(done: (seen: typeof events) => boolean) {
          while (!done(events)) {
            const { value, done: ended } = await reader.read();
            if (ended) break;
            buffer += value;
            const blocks = buffer.split('\n\n');
            buffer = blocks.pop()!;
            for (const block of blocks) {
              const data = block.split('\n').find((line) => line.startsWith('data:'));
              if (data) events.push(JSON.parse(data.slice(5)));
            }
          }
          controller.abort();
          return events;
        },
      };
    }

    it('carries the changes of the caller\'s jobs, not of anyone else\'s; an admin hears them all', async () => {
      const [alice, bob, admin] = [await tokenOf('user'), await tokenOf('user'), await tokenOf('admin')];
      const aliceJob = await queuedJob(alice);
      const bobJob = await queuedJob(bob);
      const [aliceStream, adminStream] = [await follow(alice), await follow(admin)];
      expect(aliceStream.res.headers.get('Content-Type')).toMatch(/text\/event-stream/);

      const processJob = core.get<ProcessJob>(TOKENS.ProcessJob);
      await processJob.execute(bobJob);
      await processJob.execute(aliceJob);

      const finished = (id: string) => (seen: { job_id: string; status: string }[]) => seen.some((e) => e.job_id === id && e.status === 'COMPLETED');
      const heardByAlice = await aliceStream.until(finished(aliceJob));
      expect(new Set(heardByAlice.map((e) => e.job_id))).toEqual(new Set([aliceJob]));
      expect(heardByAlice.map((e) => e.status)).toContain('PROCESSING');

      const heardByAdmin = await adminStream.until((seen) => finished(aliceJob)(seen) && finished(bobJob)(seen));
      expect(new Set(heardByAdmin.map((e) => e.job_id))).toEqual(new Set([aliceJob, bobJob]));
    });

    it('asks for a token like every job route', async () => {
      expect((await call('GET', '/jobs/events')).status).toBe(401);
    });
  });
});
