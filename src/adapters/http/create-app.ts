import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import type { RateLimitStore } from '../../application/ports/rate-limit-store.ts';
import type { SelfServedObjectStore } from '../signed-urls/self-served-store.ts';
import type { AppEnv } from './app-env.ts';
import { errorResponse, handleError } from './error-response.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { consoleRoutes } from './routes/console-routes.ts';
import type { ConsoleAssets } from './console-assets.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { ingestRoutes } from './routes/ingest-routes.ts';
import { jobRoutes } from './routes/job-routes.ts';
import { metricsRoutes } from './routes/metrics-routes.ts';
import { storageRoutes } from './routes/storage-routes.ts';
import { userRoutes } from './routes/user-routes.ts';
import { formatRoutes } from './routes/format-routes.ts';
import { Scalar } from '@scalar/hono-api-reference';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import { openApiDocument } from './openapi/openapi-document.ts';
import { jsonBodyLimit } from './middleware/json-body-limit.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { observeRequests, type RequestLogSink } from './middleware/observe-requests.ts';
import type { HttpUseCases } from './use-cases.ts';

export interface HttpOptions {
  readonly version: string;
  /** Set when the object store's presigned URLs are served by this app. */
  readonly selfServedStorage?: SelfServedObjectStore | null;
  /** Largest JSON body accepted (413 beyond). */
  readonly jsonBodyLimitBytes?: number;
  readonly eventsPollMs?: number;
  /** Aborted when the service shuts down: open event streams end instead of holding the shutdown. */
  readonly closing?: AbortSignal;
  /** Requests per minute per user or client; no limit when absent. */
  readonly rateLimit?: { readonly store: RateLimitStore; readonly perMinute: number } | null;
  /** JSON API requests taking longer are answered 504. */
  readonly requestTimeoutMs?: number;
  /** Origins allowed by CORS; none (same-origin only) when empty. */
  readonly corsOrigins?: readonly string[];
  /** Request metrics and the `/metrics` endpoint. */
  readonly metrics?: ServiceMetrics | null;
  /** Bearer token `/metrics` asks for; open to anyone when absent. */
  readonly metricsToken?: string | null;
  /** Receives one line per request. */
  readonly requestLog?: RequestLogSink;
  /** Called with errors that are not the client's fault (5xx). */
  readonly onServerError?: (error: Error) => void;
  /** The web console's files; no console (and a plain /docs page from the CDN) when absent. */
  readonly console?: { readonly assets: ConsoleAssets; readonly storageOrigins: readonly string[] } | null;
}

/**
 * Largest JSON body by default. The API's bodies are a few KiB at most, and parsing a large one
 * blocks the event loop, which anonymous clients could repeat at will.
 */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

/** Paths answered with an HTML page rather than JSON. */
const HTML_PAGES = new Set(['/', '/docs']);

/** Health checks, metrics, documentation and signed storage URLs are never rate limited. */
const UNLIMITED = /^\/(health|metrics|openapi\.json|docs|storage|console)(\/|$)|^\/$/;

/** The HTTP API of API.md as a Hono app; serve it with any Hono adapter. */
export function createApp(useCases: HttpUseCases, options: HttpOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  if (options.requestLog || options.metrics) app.use(observeRequests({ log: options.requestLog, metrics: options.metrics }));
  if (options.metrics) app.route('/metrics', metricsRoutes(options.metrics, { token: options.metricsToken ?? null }));
  app.use(securityHeaders(HTML_PAGES));
  if (options.corsOrigins?.length) {
    app.use(cors({ origin: [...options.corsOrigins], exposeHeaders: ['X-Request-ID', 'X-Total-Count', 'Retry-After'], maxAge: 600 }));
  }
  if (options.rateLimit) {
    app.use(rateLimit({ ...options.rateLimit, verifyToken: useCases.verifyToken, exempt: (path) => UNLIMITED.test(path) }));
  }
  app.onError((error, c) => handleError(error, c, options.onServerError));
  app.notFound((c) => errorResponse(c, 404, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`));

  const maxSize = options.jsonBodyLimitBytes ?? JSON_BODY_LIMIT_BYTES;
  const jsonLimit = jsonBodyLimit(maxSize, (c) => errorResponse(c, 413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${maxSize} bytes`));
  const timeLimit = timeout(options.requestTimeoutMs ?? 30_000, () => new HTTPException(504, { message: 'The request took too long' }));
  for (const prefix of ['/auth/*', '/ingest/*', '/jobs/*', '/users/*', '/users', '/formats/*', '/formats']) {
    app.use(prefix, jsonLimit);
    // Event streams are long-lived by design; every other JSON route is bounded.
    app.use(prefix, (c, next) => (c.req.path.endsWith('/events') ? next() : timeLimit(c, next)));
  }

  const document = openApiDocument(options.version);
  app.get('/openapi.json', (c) => c.json(document));
  const reference = options.console
    ? // Offline and to this origin only: the script from its npm package, no web fonts, no
      // request proxy, AI agent, developer toolbar or telemetry (each would call scalar.com).
      { cdn: '/console/vendor/scalar-api-reference.js', withDefaultFonts: false, proxyUrl: '', showDeveloperTools: 'never' as const, telemetry: false, agent: { disabled: true } }
    : {};
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'Log Ingest Service API', ...reference }));
  if (options.console) app.route('/', consoleRoutes(options.console.assets, options.console.storageOrigins));
  app.route('/health', healthRoutes(useCases, options.version));
  app.route('/auth', authRoutes(useCases));
  app.route('/ingest', ingestRoutes(useCases));
  app.route('/jobs', jobRoutes(useCases, { eventsPollMs: options.eventsPollMs ?? 2_000, closing: options.closing ?? new AbortController().signal }));
  app.route('/users', userRoutes(useCases));
  app.route('/formats', formatRoutes(useCases));
  if (options.selfServedStorage) app.route('/storage', storageRoutes(options.selfServedStorage));
  return app;
}
