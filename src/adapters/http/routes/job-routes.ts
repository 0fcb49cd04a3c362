import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { presentJob, presentStatusChange } from '../presenters/job-presenter.ts';
import { jobIdParam, listJobsQuery } from '../schemas.ts';
import type { HttpUseCases } from '../use-cases.ts';
import { validate } from '../validation.ts';
import { streamJobChanges } from './job-changes.ts';
import { streamJobEvents } from './job-events.ts';

export interface JobRouteOptions {
  /** How long the event stream waits for an announced change before reading the job again. */
  readonly eventsPollMs: number;
  /** Aborted at shutdown: open event streams end. */
  readonly closing: AbortSignal;
}

export function jobRoutes(useCases: HttpUseCases, options: JobRouteOptions) {
  return new Hono<AppEnv>()
    .use(authenticate(useCases))
    .get('/', validate('query', listJobsQuery), async (c) => {
      const query = c.req.valid('query');
      const { records, total } = await useCases.listJobs.execute(c.get('actor'), {
        status: query.status,
        jobType: query.job_type,
        limit: query.limit,
        offset: query.offset,
      });
      c.header('X-Total-Count', String(total));
      return c.json(records.map(presentJob));
    })
    // Before `/:job_id`, which would read `events` as a malformed id.
    .get('/events', (c) => streamJobChanges(c, useCases, { keepAliveMs: 15_000, closing: options.closing }))
    .get('/:job_id', validate('param', jobIdParam), async (c) => {
      return c.json(presentJob(await useCases.getJob.execute(c.get('actor'), c.req.valid('param').job_id)));
    })
    .get('/:job_id/history', validate('param', jobIdParam), async (c) => {
      const history = await useCases.getJobHistory.execute(c.get('actor'), c.req.valid('param').job_id);
      return c.json(history.map(presentStatusChange));
    })
    .get('/:job_id/output', validate('param', jobIdParam), async (c) => {
      const download = await useCases.getJobOutput.execute(c.get('actor'), c.req.valid('param').job_id);
      return c.json({ download_url: download.url, expires_in: download.expiresInSeconds });
    })
    .post('/:job_id/retry', validate('param', jobIdParam), async (c) => {
      return c.json(presentJob(await useCases.retryJob.execute(c.get('actor'), c.req.valid('param').job_id)));
    })
    .get('/:job_id/events', validate('param', jobIdParam), (c) =>
      streamJobEvents(c, useCases, c.req.valid('param').job_id, { quietMs: options.eventsPollMs, closing: options.closing }),
    );
}
