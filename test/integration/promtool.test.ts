import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { describeWith } from '../support/describe-with.ts';
import { createTestCore, PASSWORD } from '../support/test-core.ts';
import { httpClient } from '../support/http-client.ts';

// promtool comes with Debian's prometheus package (.ci/run installs it).
describeWith('/metrics under promtool', { programs: ['promtool'] }, () => {
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
