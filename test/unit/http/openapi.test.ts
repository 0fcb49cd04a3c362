import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_ROUTES } from '../../../src/adapters/http/openapi/routes.ts';
import { errorResponse, jobResponse, tokenPairResponse, userResponse } from '../../../src/adapters/http/openapi/responses.ts';
import { createTestCore, PASSWORD } from '../../support/test-core.ts';
import { httpClient } from '../../support/http-client.ts';

describe('OpenAPI', () => {
  const core = createTestCore();
  const call = httpClient(core.app);

  it('serves a document that validates as OpenAPI 3.1', async () => {
    const document = (await call('GET', '/openapi.json')).body;
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result).toEqual({ valid: true });
  });

  it('documents exactly the routes the app serves', () => {
    const served = core.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{key}')}`);
    const documented = DOCUMENTED_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(served)).toEqual(new Set(documented));
  });

  it('describes what the API really answers', async () => {
    const { user } = await core.addUser('user');
    const tokens = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body;
    expect(tokenPairResponse.safeParse(tokens).success).toBe(true);
    expect(userResponse.safeParse((await call('GET', '/auth/me', { token: tokens.access_token })).body).success).toBe(true);
    const init = await call('POST', '/ingest/files/init', { token: tokens.access_token, json: { filename: 'a.log', size: 3, log_format: 'json' } });
    const job = await call('GET', `/jobs/${init.body.job_id}`, { token: tokens.access_token });
    expect(jobResponse.parse(job.body).status).toBe('CREATED');
    expect(errorResponse.safeParse((await call('GET', '/jobs/not-a-uuid', { token: tokens.access_token })).body).success).toBe(true);
  });

  it('offers an interactive reference page', async () => {
    const page = await call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/openapi.json');
  });
});
