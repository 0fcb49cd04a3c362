import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { isTerminal } from '../../../domain/job/job-status.ts';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { presentJob } from '../presenters/job-presenter.ts';
import { jobIdParam, listJobsQuery } from '../schemas.ts';
import type { HttpUseCases } from '../use-cases.ts';
import { validate } from '../validation.ts';

export interface JobRouteOptions {
  /** How often the event stream looks for changes. */
  readonly eventsPollMs: number;
}

export function jobRoutes(uc: HttpUseCases, options: JobRouteOptions) {
  return new Hono<AppEnv>()
    .use(authenticate(uc.authenticate))
    .get('/', validate('query', listJobsQuery), async (c) => {
      const query = c.req.valid('query');
      const { records, total } = await uc.listJobs.execute(c.get('actor'), {
        status: query.status,
        jobType: query.job_type,
        limit: query.limit,
        offset: query.offset,
      });
      c.header('X-Total-Count', String(total));
      return c.json(records.map(presentJob));
    })
    .get('/:job_id', validate('param', jobIdParam), async (c) => {
      return c.json(presentJob(await uc.getJob.execute(c.get('actor'), c.req.valid('param').job_id)));
    })
    .get('/:job_id/output', validate('param', jobIdParam), async (c) => {
      const download = await uc.getJobOutput.execute(c.get('actor'), c.req.valid('param').job_id);
      return c.json({ download_url: download.url, expires_in: download.expiresInSeconds });
    })
    .post('/:job_id/retry', validate('param', jobIdParam), async (c) => {
      return c.json(presentJob(await uc.retryJob.execute(c.get('actor'), c.req.valid('param').job_id)));
    })
    .get('/:job_id/events', validate('param', jobIdParam), async (c) => {
      const actor = c.get('actor');
      const jobId = c.req.valid('param').job_id;
      // Resolve access before streaming, so a foreign or unknown id gets a proper 404.
      let record = await uc.getJob.execute(actor, jobId);
      return streamSSE(c, async (stream) => {
        let last = '';
        for (let sequence = 1; !stream.aborted; sequence++) {
          const { status, progress } = record.job;
          const snapshot = JSON.stringify({ job_id: jobId, status, progress, error_message: record.job.errorMessage });
          if (snapshot !== last) {
            await stream.writeSSE({ event: 'status', id: String(sequence), data: snapshot });
            last = snapshot;
          }
          if (isTerminal(status)) break;
          await stream.sleep(options.eventsPollMs);
          record = await uc.getJob.execute(actor, jobId);
        }
      });
    });
}
