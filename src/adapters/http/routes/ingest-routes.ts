import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { completeUploadBody, idempotencyHeader, initUploadBody } from '../schemas.ts';
import type { HttpUseCases } from '../use-cases.ts';
import { validate } from '../validation.ts';

export function ingestRoutes(useCases: HttpUseCases) {
  return new Hono<AppEnv>()
    .use(authenticate(useCases))
    .post('/files/init', validate('header', idempotencyHeader), validate('json', initUploadBody), async (c) => {
      const body = c.req.valid('json');
      const { job, uploadRequest, replayed } = await useCases.initUpload.execute(c.get('actor'), {
        filename: body.filename,
        size: body.size,
        logFormat: body.log_format,
        checksumSha256: body.checksum_sha256,
        timeZone: body.timezone,
        year: body.year,
        customFormat:
          typeof body.custom_format === 'object' && body.custom_format !== null
            ? { pattern: body.custom_format.pattern, timeFormat: body.custom_format.time_format, unmatchedLines: body.custom_format.unmatched_lines }
            : body.custom_format,
        source: 'api',
        idempotencyKey: c.req.valid('header')['idempotency-key'],
      });
      return c.json(
        {
          job_id: job.id,
          presigned_url: uploadRequest.url,
          expires_in: uploadRequest.expiresInSeconds,
          upload_method: uploadRequest.method,
          upload_headers: uploadRequest.headers,
        },
        replayed ? 200 : 201,
      );
    })
    .post('/files/complete', validate('json', completeUploadBody), async (c) => {
      const job = await useCases.completeUpload.execute(c.get('actor'), c.req.valid('json').job_id);
      return c.json({ message: 'Job queued successfully', job_id: job.id, status: job.status });
    });
}
