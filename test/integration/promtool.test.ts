import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createTestCore, PASSWORD } from '../support/test-core.ts';
import { httpClient } from '../support/http-client.ts';

const promtool = spawnSync('promtool', ['--version']).status === 0;
if (!promtool) {
  if (process.env.CI === 'true') throw new Error('promtool is missing in CI (Debian package prometheus); .ci/run installs it');
  console.warn('\n  !!! SKIPPED promtool check: promtool not installed (apt-get install prometheus)\n');
}

describe.skipIf(!promtool)('/metrics under promtool', () => {
  it('passes `promtool check metrics`', async () => {
    const core = createTestCore();
    const call = httpClient(core.app);
    const { user } = await core.addUser('user');
    const token = (await call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } })).body.access_token;
    await call('GET', '/jobs', { token });
    await call('GET', '/nowhere');
    const scrape = (await call('GET', '/metrics')).text;
    const check = spawnSync('promtool', ['check', 'metrics'], { input: scrape, encoding: 'utf8' });
    expect({ status: check.status, output: `${check.stdout}${check.stderr}`.trim() }).toEqual({ status: 0, output: '' });
  });
});
