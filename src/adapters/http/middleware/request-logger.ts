import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from '../app-env.ts';

export interface RequestLogSink {
  info(fields: object, message: string): void;
}

/** One line per request, labelled by route pattern (never the raw path with its ids). */
export function requestLogger(log: RequestLogSink) {
  return createMiddleware<AppEnv>(async function logRequest(c, next) {
    const started = performance.now();
    await next();
    log.info(
      {
        request_id: c.get('requestId'),
        user_id: c.get('actor')?.userId,
        method: c.req.method,
        route: routePath(c, -1),
        status: c.res.status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
}
