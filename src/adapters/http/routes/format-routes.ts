import { Hono } from 'hono';
import type { CustomFormatInput } from '../../../application/formats/custom-format-input.ts';
import type { AppEnv } from '../app-env.ts';
import { authenticate } from '../middleware/authenticate.ts';
import { presentLogFormat } from '../presenters/log-format-presenter.ts';
import { createFormatBody, customFormatBody, formatNameParam } from '../schemas.ts';
import type { HttpUseCases } from '../use-cases.ts';
import { validate } from '../validation.ts';

const formatInput = (body: { pattern: string; time_format?: string | null | undefined; unmatched_lines?: string | undefined }): CustomFormatInput => ({
  pattern: body.pattern,
  timeFormat: body.time_format,
  unmatchedLines: body.unmatched_lines,
});

/** Saved custom formats: anyone signed in reads them, admins change them. */
export function formatRoutes(useCases: HttpUseCases) {
  return new Hono<AppEnv>()
    .use(authenticate(useCases))
    .get('/', async (c) => c.json((await useCases.listLogFormats.execute(c.get('actor'))).map(presentLogFormat)))
    .post('/', validate('json', createFormatBody), async (c) => {
      const body = c.req.valid('json');
      const format = await useCases.createLogFormat.execute(c.get('actor'), body.name, formatInput(body));
      return c.json(presentLogFormat(format), 201);
    })
    .get('/:name', validate('param', formatNameParam), async (c) => {
      return c.json(presentLogFormat(await useCases.getLogFormat.execute(c.get('actor'), c.req.valid('param').name)));
    })
    .put('/:name', validate('param', formatNameParam), validate('json', customFormatBody), async (c) => {
      const { format, created } = await useCases.replaceLogFormat.execute(c.get('actor'), c.req.valid('param').name, formatInput(c.req.valid('json')));
      return c.json(presentLogFormat(format), created ? 201 : 200);
    })
    .delete('/:name', validate('param', formatNameParam), async (c) => {
      await useCases.deleteLogFormat.execute(c.get('actor'), c.req.valid('param').name);
      return c.body(null, 204);
    });
}
