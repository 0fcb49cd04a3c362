import { describe, expect, it } from 'vitest';
import { InMemoryObjectStore } from '../../../src/adapters/memory/in-memory-object-store.ts';
import { InMemoryRateLimitStore } from '../../../src/adapters/memory/in-memory-rate-limit-store.ts';
import { UrlSigner } from '../../../src/adapters/signed-urls/url-signer.ts';
import type { PresignedRequest } from '../../../src/application/ports/object-store.ts';
import type { TokenIssuer } from '../../../src/application/ports/token-issuer.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { serveOnFreePort } from '../../support/node-server.ts';
import { createTestCore, PASSWORD, type TestCore } from '../../support/test-core.ts';
import { httpClient, requestTo } from '../../support/http-client.ts';

describe('rate limiting', () => {
  it('answers the 61st request in a minute from one user with 429, Retry-After and RateLimit headers', async () => {
    const core = createTestCore({ env: { RATE_LIMIT_PER_MINUTE: '60' } });
    const call = httpClient(core.app);
    const { user } = await core.addUser('user');
    const token = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token;

    let last;
    for (let i = 1; i <= 60; i++) {
      last = await call('GET', '/jobs', { token });
      expect([i, last.status]).toEqual([i, 200]);
    }
    expect(last!.headers.get('RateLimit-Limit')).toBe('60');
    expect(last!.headers.get('RateLimit-Remaining')).toBe('0');
    const refused = await call('GET', '/jobs', { token });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error_code: 'RATE_LIMITED', request_id: expect.any(String) });
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Health checks are exempt; another user has a budget of their own.
    expect((await call('GET', '/health')).status).toBe(200);
    const other = await core.addUser('user');
    const otherToken = (await call('POST', '/auth/login', { json: { username: other.user.username, password: PASSWORD } })).body.access_token;
    expect((await call('GET', '/jobs', { token: otherToken })).status).toBe(200);
  });

  it('spends one budget across instances that share the store', async () => {
    const shared = new InMemoryRateLimitStore();
    const [a, b] = [createTestCore({ env: { RATE_LIMIT_PER_MINUTE: '4' }, rateLimits: shared }), createTestCore({ env: { RATE_LIMIT_PER_MINUTE: '4' }, rateLimits: shared })];
    const statuses = [];
    for (const core of [a, b, a, b, a]) statuses.push((await httpClient(core.app)('GET', '/health/live', { headers: {} })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]); // exempt
    const anonymous = [];
    for (const core of [a, b, a, b, a]) anonymous.push((await httpClient(core.app)('GET', '/jobs')).status);
    expect(anonymous).toEqual([401, 401, 401, 401, 429]);
  });

  it('counts a user by a token verified once per request, which authentication then reuses', async () => {
    const core = createTestCore({ env: { RATE_LIMIT_PER_MINUTE: '60' } });
    const call = httpClient(core.app);
    const { user } = await core.addUser('user');
    const token = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token;
    const tokens = core.get<TokenIssuer>(TOKENS.TokenIssuer);
    const verify = tokens.verify.bind(tokens);
    let verifications = 0;
    tokens.verify = (token) => {
      verifications++;
      return verify(token);
    };
    const read = await call('GET', '/jobs', { token });
    expect([read.status, read.headers.get('RateLimit-Remaining'), verifications]).toEqual([200, '59', 1]); // the login counted for the address
    const refused = await call('GET', '/jobs', { token: `${token}x` });
    expect([refused.status, verifications]).toEqual([401, 2]);
  });

  it('can be switched off', async () => {
    const core = createTestCore({ env: { RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_PER_MINUTE: '1' } });
    const call = httpClient(core.app);
    expect([(await call('GET', '/jobs')).status, (await call('GET', '/jobs')).status]).toEqual([401, 401]);
  });
});

describe('request timeout', () => {
  it('answers a handler slower than REQUEST_TIMEOUT_SECONDS with 504 in the standard shape', async () => {
    class SlowStore extends InMemoryObjectStore {
      override async presignUpload(): Promise<PresignedRequest> {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        throw new Error('too late to matter');
      }
    }
    const core = createTestCore({ env: { REQUEST_TIMEOUT_SECONDS: '1' }, storage: (clock) => new SlowStore(new UrlSigner('k', 'http://x', clock)) });
    const call = httpClient(core.app);
    const { user } = await core.addUser('user');
    const token = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token;
    const res = await call('POST', '/ingest/files/init', { token, json: { filename: 'a.log', size: 10, log_format: 'text' } });
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ error_code: 'REQUEST_TIMEOUT', detail: 'The request took too long', request_id: expect.any(String) });
  });
});

describe('bounded bodies and error answers', () => {
  /** A login body with `count` unknown keys besides its two fields. */
  const loginWithUnknownKeys = (count: number) => {
    const keys = Array.from({ length: count }, (_, i) => `"k${i}":1`).join(',');
    return `{"username":"nobody","password":"some-password",${keys}}`;
  };
  const post = (core: TestCore, body: string) =>
    httpClient(core.app)('POST', '/auth/login', { body, headers: { 'Content-Type': 'application/json' } });

  it('refuses an anonymous 1 MB body of 90,000 unknown keys with a short 413, unparsed', async () => {
    const body = loginWithUnknownKeys(90_000);
    expect(body.length).toBeGreaterThan(900_000);
    const res = await post(createTestCore(), body);
    expect([res.status, res.body.error_code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(res.text.length).toBeLessThan(1_000);
  });

  it('lists the first 20 problems of a 422 and counts the rest', async () => {
    const body = loginWithUnknownKeys(5_000);
    expect(body.length).toBeLessThan(64 * 1024);
    const res = await post(createTestCore(), body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(20);
    expect(res.body.errors[0]).toEqual({ path: 'k0', message: 'is not an accepted field' });
    expect(res.body.errors_omitted).toBe(4_980);
    expect(res.text.length).toBeLessThan(4_000);
  });

  it('lists every problem, and no count, when there are 20 or fewer', async () => {
    const res = await post(createTestCore(), loginWithUnknownKeys(3));
    expect(res.body.errors).toHaveLength(3);
    expect(res.body).not.toHaveProperty('errors_omitted');
  });
});

describe('CORS', () => {
  it('allows the configured origins only', async () => {
    const core = createTestCore({ env: { CORS_ORIGINS: 'https://app.example.com' } });
    const preflight = (origin: string) =>
      core.app.request('/jobs', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
    expect((await preflight('https://app.example.com')).headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect((await preflight('https://evil.example.com')).headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect((await createTestCore().app.request('/health', { headers: { Origin: 'https://app.example.com' } })).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

/**
 * Headers set before the handler runs go onto Node's response on a Node server and through
 * Hono elsewhere (setResponseHeader): both transports must answer the same.
 */
const TRANSPORTS = [
  { name: 'app.request', serve: async (app: TestCore['app']) => ({ target: app, close: async () => {} }) },
  { name: 'a Node server', serve: async (app: TestCore['app']) => serveOnFreePort(app).then((server) => ({ target: server.url, close: server.close })) },
] as const;

describe.each(TRANSPORTS)('security headers, through $name', ({ serve }) => {
  const API_HEADERS = {
    'strict-transport-security': 'max-age=15552000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cache-control': 'no-store',
  };
  const PAGE_ONLY = ['cross-origin-opener-policy', 'origin-agent-cluster', 'referrer-policy', 'x-xss-protection', 'x-download-options'];

  it('gives JSON answers, errors included, the API set (OWASP REST), a request id and rate limits, and none of the page-only headers', async () => {
    const core = createTestCore({ env: { RATE_LIMIT_PER_MINUTE: '100' } });
    const served = await serve(core.app);
    try {
      const call = httpClient(served.target);
      const { user } = await core.addUser('user');
      const token = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token;
      const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'a.log', size: 3, log_format: 'text' } });
      const answers = [
        await call('GET', `/jobs/${init.body.job_id}`, { token, headers: { 'X-Request-ID': 'client-chosen-1' } }),
        await call('GET', '/jobs', { token }),
        await call('GET', '/health'),
        await call('GET', '/nope'),
        await call('GET', '/jobs'),
      ];
      expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 404, 401]);
      for (const res of answers) {
        expect(Object.fromEntries(Object.keys(API_HEADERS).map((name) => [name, res.headers.get(name)]))).toEqual(API_HEADERS);
        for (const name of PAGE_ONLY) expect([name, res.headers.get(name)]).toEqual([name, null]);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
      }
      expect(answers[0]!.headers.get('x-request-id')).toBe('client-chosen-1');
      expect(answers[0]!.body.job_id).toBe(init.body.job_id);
      expect(answers[0]!.headers.get('ratelimit-limit')).toBe('100');
      expect(answers[0]!.headers.get('ratelimit-policy')).toBe('100;w=60');
      expect(answers[0]!.headers.get('ratelimit-remaining')).toBe('98'); // init and this read
      expect(answers[2]!.headers.get('ratelimit-limit')).toBeNull(); // health checks are not limited
      expect(answers[4]!.headers.get('www-authenticate')).toBe('Bearer');
    } finally {
      await served.close();
    }
  });

  it('gives the documentation page the headers of a rendered page, and an event stream its own caching', async () => {
    const core = createTestCore();
    const served = await serve(core.app);
    try {
      const docs = await requestTo(served.target)('/docs');
      expect(docs.headers.get('content-type')).toMatch(/text\/html/);
      expect(docs.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      for (const name of PAGE_ONLY) expect([name, docs.headers.get(name)]).toEqual([name, expect.any(String)]);
      expect(docs.headers.get('content-security-policy')).toBeNull(); // the page loads its script from a CDN
      await docs.text();

      const call = httpClient(served.target);
      const { user } = await core.addUser('admin');
      const token = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token;
      const init = await call('POST', '/ingest/files/init', { token, json: { filename: 'a.log', size: 3, log_format: 'text' } });
      // The stream's headers arrive with its first event; the job stays CREATED, so stop reading.
      const events = await requestTo(served.target)(`/jobs/${init.body.job_id}/events`, { headers: { Authorization: `Bearer ${token}` } });
      expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
      expect(events.headers.get('cache-control')).toBe('no-cache');
      expect(events.headers.get('x-content-type-options')).toBe('nosniff');
      await events.body?.cancel();
    } finally {
      await served.close();
    }
  });
});
