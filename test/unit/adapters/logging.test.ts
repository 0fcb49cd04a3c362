import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/bootstrap/logger.ts';
import { createTestCore, PASSWORD } from '../../support/test-core.ts';
import { httpClient } from '../../support/http-client.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  return { lines, logger: createLogger({ environment: 'production', logLevel: 'info' }, stream) };
}

describe('logging', () => {
  it('redacts passwords, tokens and authorization headers wherever they appear', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: 'hunter2-secret',
        body: { password: 'p2-secret', refresh_token: 'rt-secret', current_password: 'cp-secret' },
        req: { headers: { authorization: 'Bearer at-secret' } },
        token: 'tok-secret',
        presigned_url: 'http://x/?signature=sig-secret',
      },
      'something happened',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/secret/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ password: '[redacted]', token: '[redacted]', msg: 'something happened' });
  });

  it('writes one JSON line per request with route pattern, status, duration, request and user ids, and no credentials', async () => {
    const { lines, logger } = capture();
    const core = createTestCore({ logger });
    const call = httpClient(core.app);
    const { user } = await core.addUser('user');
    const token = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token;
    await call('GET', '/jobs/00000000-0000-4000-8000-000000000000', { token });

    const requests = lines.map((l) => JSON.parse(l)).filter((r) => r.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ method: 'POST', route: '/auth/login', status: 200 });
    expect(requests[1]).toMatchObject({
      method: 'GET',
      route: '/jobs/:job_id',
      status: 404,
      request_id: expect.any(String),
      user_id: user.id,
      duration_ms: expect.any(Number),
    });
    const everything = lines.join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('00000000-0000-4000-8000-000000000000');
  });
});
