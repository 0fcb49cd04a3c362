import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DOCUMENTED_ROUTES } from '../../src/adapters/http/openapi/routes.ts';
import { Database } from '../../src/adapters/postgres/database.ts';
import { PgJobRepository } from '../../src/adapters/postgres/pg-job-repository.ts';
import { freePort } from '../../src/adapters/system/free-port.ts';
import { loadConfig } from '../../src/bootstrap/config.ts';
import { startService, type RunningService } from '../../src/bootstrap/run-service.ts';
import { canTransition } from '../../src/domain/job/job-status.ts';
import { uploadObjectKey } from '../../src/domain/upload/filename.ts';
import { describeWith } from '../support/describe-with.ts';
import { httpClient, type HttpCall } from '../support/http-client.ts';
import { freshDatabase } from '../support/postgres-database.ts';
import { tempDataDir } from '../support/temp-dir.ts';

const RUNS = 3_000;

// Whatever a careless or hostile client may put where a value goes.
// Short strings over the characters that break things most often.
const hostileString = fc.string({ unit: fc.constantFrom('a', '\u0000', '\u0000', '\u0007', '\ud800', '\u202e', '/', '\\', '.', '%', ' ', '\n', 'é', '😀'), minLength: 1, maxLength: 12 });
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  hostileString,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '', ' ', '../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', 'a/b/../../c', '%2e%2e%2f', '\u0000', 'a\u0000b',
    '\r\nX-Injected: 1', '<script>alert(1)</script>', "' OR 1=1 --", '\u202egnp.exe', '😀'.repeat(20), 'CON', '.', '..',
    'x'.repeat(300), 'x'.repeat(70_000),
  ),
);
const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 104857600, 104857601, Number.MAX_SAFE_INTEGER),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(nastyString, nastyNumber), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), nastyString, { maxKeys: 3 }),
);
const FIELDS = [
  'filename', 'size', 'log_format', 'checksum_sha256', 'job_id', 'username', 'password', 'current_password', 'refresh_token',
  'token', 'email', 'full_name', 'role', 'is_active', '__proto__', 'constructor',
];
const LOG_FORMATS = ['json', 'logfmt', 'syslog', 'clf', 'text'];

/** A body: nothing, broken JSON, random JSON, or the right fields with values of any kind. */
const body = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('{', '{"a":', 'null', '[]', '"x"', '1e999', '{"size":1e400}', '\u0000', '{"filename":"a","filename":"b"}', '{}'),
  fc.json({ maxDepth: 3 }),
  fc.record(
    {
      filename: fc.oneof(nastyString, fc.constant('app.log')),
      size: fc.oneof(nastyNumber, fc.constant(100)),
      log_format: fc.oneof(fc.constantFrom(...LOG_FORMATS), nastyString),
      checksum_sha256: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), nastyString),
      job_id: fc.oneof(fc.uuid(), nastyString),
      extra: fc.dictionary(fc.constantFrom(...FIELDS), nastyValue, { maxKeys: 4 }),
    },
    { requiredKeys: [] },
  ).map(({ extra, ...fields }) => JSON.stringify({ ...extra, ...fields })),
  fc.dictionary(fc.constantFrom(...FIELDS), nastyValue, { maxKeys: 6 }).map((fields) => JSON.stringify(fields)),
);
/** Mostly right, sometimes wrong: reaches past validation into the use cases. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: nastyValue });
const username = fc.oneof(fc.constantFrom('admin', 'fuzz-user', 'fuzz-viewer'), fc.stringMatching(/^[a-z][a-z0-9_.-]{2,20}$/));
/** Bodies shaped like what each route takes. */
const SHAPED: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  '/auth/login': fc.record({ username: mostly(username), password: mostly(fc.constantFrom('admin123', 'long-enough-password', 'wrong-password')) }),
  '/ingest/files/init': fc.record(
    {
      filename: mostly(fc.oneof(fc.constantFrom('app.log', 'a b.json', 'ü.log'), nastyString)),
      size: mostly(fc.integer({ min: 1, max: 2_000 })),
      log_format: mostly(fc.constantFrom(...LOG_FORMATS)),
      checksum_sha256: mostly(fc.stringMatching(/^[0-9a-f]{64}$/)),
    },
    { requiredKeys: ['filename', 'size', 'log_format'] },
  ),
  '/users': fc.record({
    username: mostly(username),
    email: mostly(fc.emailAddress()),
    password: mostly(fc.string({ minLength: 8, maxLength: 30 })),
    full_name: mostly(nastyString),
    role: mostly(fc.constantFrom('admin', 'user', 'viewer')),
  }),
  '/users/{user_id}': fc.record(
    { full_name: mostly(nastyString), password: mostly(fc.string({ minLength: 8 })), current_password: mostly(fc.string()), role: mostly(fc.constantFrom('user', 'viewer')), is_active: mostly(fc.boolean()) },
    { requiredKeys: [] },
  ),
};
const contentType = fc.oneof(
  { weight: 3, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml', undefined) },
);
const headerText = fc.stringMatching(/^[\x21-\x7e]{0,60}$/);
const query = fc.dictionary(fc.constantFrom('status', 'job_type', 'limit', 'offset', 'expires', 'signature', 'max_bytes', 'x'), fc.oneof(nastyString, nastyNumber.map(String)), { maxKeys: 4 });

/**
 * Thousands of generated requests to every route, authenticated and not: malformed JSON,
 * wrong types, huge numbers, unicode and control characters, path traversal, invalid ids,
 * wrong content types. Never a 5xx, always the standard error shape, never a stack trace or
 * a driver message, and the database consistent afterwards.
 */
describeWith('the API under generated requests', { servers: ['databaseUrl'] }, ({ databaseUrl: databaseServer }) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let service: RunningService;
  let call: HttpCall;
  const tokens: Record<string, string> = {};
  const ids: string[] = [];
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    database = await freshDatabase(databaseServer);
    const config = loadConfig({
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      DATA_DIR: tempDataDir('ingest-fuzz'),
      BCRYPT_COST: '4',
      RATE_LIMIT_ENABLED: 'false',
    });
    service = await startService(config, { api: true, worker: true }, { logger: pino({ level: 'silent' }) });
    call = httpClient(service.url!);
    const admin = (await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } })).body;
    tokens.admin = admin.access_token;
    tokens.refresh = admin.refresh_token;
    for (const role of ['user', 'viewer']) {
      await call('POST', '/users', { token: tokens.admin, json: { username: `fuzz-${role}`, email: `${role}@example.com`, password: 'long-enough-password', full_name: role, role } });
      tokens[role] = (await call('POST', '/auth/login', { json: { username: `fuzz-${role}`, password: 'long-enough-password' } })).body.access_token;
    }
    // Users to aim at (the callers themselves stay untouched, or later requests would all be 401).
    for (const name of ['victim-a', 'victim-b']) {
      ids.push((await call('POST', '/users', { token: tokens.admin, json: { username: name, email: `${name}@example.com`, password: 'long-enough-password', full_name: name, role: 'user' } })).body.user_id);
    }
    tokens.garbage = 'not.a.jwt';
    // A job of each kind to aim at: completed, waiting for its upload.
    const content = 'line one\nline two\n';
    const done = await call('POST', '/ingest/files/init', { token: tokens.user, json: { filename: 'done.log', size: content.length, log_format: 'text' } });
    await fetch(done.body.presigned_url, { method: 'PUT', headers: done.body.upload_headers, body: content });
    await call('POST', '/ingest/files/complete', { token: tokens.user, json: { job_id: done.body.job_id } });
    const waiting = await call('POST', '/ingest/files/init', { token: tokens.admin, json: { filename: 'wait.log', size: 10, log_format: 'json' } });
    ids.push(done.body.job_id, waiting.body.job_id);
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  // Method and path only, so a counterexample reads short.
  const routes = DOCUMENTED_ROUTES.filter((r) => r.path !== '/docs').map(({ method, path }) => ({ method, path }));
  const request = fc
    .oneof(fc.constantFrom(...routes), fc.constantFrom(...routes.filter((r) => r.path === '/ingest/files/init' || r.path === '/ingest/files/complete')))
    .chain((route) =>
      fc.record({
        route: fc.constant(route),
        shaped: SHAPED[route.path] ?? fc.constant(undefined),
        useShaped: fc.boolean(),
        param: fc.oneof(fc.constantFrom(0, 1, 2, 3).map((i) => () => ids[i] ?? ''), fc.uuid().map((u) => () => u), nastyString.map((s) => () => s)),
        query,
        body,
        contentType,
        auth: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('admin', 'user') }, { weight: 2, arbitrary: fc.constantFrom('none', 'viewer', 'garbage', 'refresh') }),
        idempotencyKey: fc.option(headerText, { nil: undefined }),
        requestId: fc.option(headerText, { nil: undefined }),
      }),
    );

  it(`answers ${RUNS} generated requests without a 5xx, in the standard error shape, leaking nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const path = r.route.path.replace(/\{[a-z_]+\}/g, () => encodeURIComponent(r.param().toWellFormed()));
        const search = new URLSearchParams(Object.entries(r.query).map(([k, v]): [string, string] => [k, String(v).toWellFormed()])).toString();
        const headers: Record<string, string> = {};
        if (r.contentType) headers['Content-Type'] = r.contentType;
        if (r.auth !== 'none') headers.Authorization = `Bearer ${tokens[r.auth]}`;
        if (r.idempotencyKey !== undefined) headers['Idempotency-Key'] = r.idempotencyKey;
        if (r.requestId !== undefined) headers['X-Request-ID'] = r.requestId;
        const method = r.route.method.toUpperCase();
        const shaped = r.route.path === '/ingest/files/complete' ? { job_id: r.param() } : r.shaped;
        const bodyText = r.useShaped && shaped !== undefined ? JSON.stringify(shaped) : r.body;
        const withBody = method !== 'GET' && method !== 'DELETE' && bodyText !== undefined;
        const response = await fetch(`${service.url}${path}${search ? `?${search}` : ''}`, {
          method,
          headers,
          ...(withBody ? { body: bodyText } : {}),
          signal: AbortSignal.timeout(r.route.path.endsWith('/events') ? 300 : 5_000),
        }).catch((error: unknown) => {
          // A live event stream of a job that is not finished stays open: the time-out is expected.
          if (r.route.path.endsWith('/events') && error instanceof DOMException && error.name === 'TimeoutError') return null;
          throw error;
        });
        if (!response) return;
        const text = r.route.path.endsWith('/events') && response.status === 200 ? '' : await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const where = `${method} ${path}?${search} → ${response.status} ${text.slice(0, 300)}`;

        expect(response.status, where).toBeLessThan(500);
        expect(text, where).not.toMatch(/password_hash|passwordHash|\$2[aby]\$\d\d\$/);
        if (response.status >= 400) {
          const error = JSON.parse(text);
          expect(error, where).toEqual(
            expect.objectContaining({ detail: expect.any(String), error_code: expect.stringMatching(/^[A-Z_]+$/), request_id: expect.any(String), timestamp: expect.any(String) }),
          );
          expect(Number.isNaN(Date.parse(error.timestamp)), where).toBe(false);
          if (response.status === 422) expect(Array.isArray(error.errors), where).toBe(true);
          expect(error.detail, where).not.toMatch(/\n\s+at |node_modules|\/src\/|ECONN|SQLSTATE|syntax error|duplicate key|violates|relation "|invalid byte sequence|TypeError|ReferenceError|Cannot read/);
        }
      }),
      { numRuns: RUNS },
    );
    // The run reached the code behind the validation, not only the refusals.
    console.log(`API fuzzing: ${RUNS} requests, by status: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(20);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(4);
  }, 300_000);

  it('leaves the database consistent and the service working', async () => {
    const db = new Database({ url: database.url });
    try {
      const jobs = (await db.query<{ id: string; status: string; owner_id: string; filename: string | null; object_key: string | null; role: string | null }>(
        `SELECT j.id, j.status, j.owner_id, f.filename, f.object_key, u.role
           FROM jobs j LEFT JOIN file_uploads f ON f.job_id = j.id LEFT JOIN users u ON u.id = j.owner_id`,
      )).rows;
      expect(jobs.length).toBeGreaterThan(2);
      const repository = new PgJobRepository(db);
      for (const job of jobs) {
        expect(job.filename, job.id).not.toBeNull();
        expect(job.filename).not.toMatch(/[/\\\p{Cc}]|^\.\.?$/u);
        expect(job.object_key).toBe(uploadObjectKey(job.id, job.filename!));
        expect(['admin', 'user']).toContain(job.role);
        const history = await repository.history(job.id);
        expect(history[0]).toMatchObject({ from: null, to: 'CREATED' });
        for (let i = 1; i < history.length; i++) expect(canTransition(history[i]!.from!, history[i]!.to)).toBe(true);
        expect(history.at(-1)?.to).toBe(job.status);
      }
    } finally {
      await db.close();
    }
    expect((await call('GET', '/health/ready')).status).toBe(200);
    expect((await call('POST', '/auth/login', { json: { username: 'admin', password: 'admin123' } })).status).toBe(200);
  });

  it('answers giant headers and malformed HTTP in the standard shape too', async () => {
    const giant = await fetch(`${service.url}/jobs`, { headers: { 'X-Padding': 'x'.repeat(64 * 1024) } });
    expect(giant.status).toBe(431);
    expect(await giant.json()).toMatchObject({ error_code: 'HEADERS_TOO_LARGE', request_id: expect.any(String) });

    const { connect } = await import('node:net');
    const url = new URL(service.url!);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('GARBAGE / HTTP/9.9\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ error_code: 'BAD_REQUEST' });
  });
});
