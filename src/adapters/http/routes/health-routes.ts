import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { HttpUseCases } from '../use-cases.ts';

export function healthRoutes(useCases: HttpUseCases, version: string) {
  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ status: 'healthy', service: 'Log Ingest Service', version }))
    .get('/live', (c) => c.json({ status: 'alive' }))
    .get('/ready', async (c) => {
      const { ready, components } = await useCases.checkReadiness.execute();
      return c.json({ status: ready ? 'ready' : 'not_ready', components }, ready ? 200 : 503);
    });
}
