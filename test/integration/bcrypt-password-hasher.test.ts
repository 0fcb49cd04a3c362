import { stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { BcryptPasswordHasher, type BcryptSettings } from '../../src/adapters/bcrypt/bcrypt-password-hasher.ts';
import { OverloadedError } from '../../src/application/errors.ts';
import { httpClient } from '../support/http-client.ts';
import { createTestCore, PASSWORD } from '../support/test-core.ts';

describe('BcryptPasswordHasher', () => {
  const open: BcryptPasswordHasher[] = [];
  const hasher = (settings: BcryptSettings) => {
    const created = new BcryptPasswordHasher(settings);
    open.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  it("hashes on threads of its own: file I/O on libuv's pool goes on while every hashing thread is busy", async () => {
    const bcrypt = hasher({ cost: 12, threads: 2, queue: 6 });
    const hash = await bcrypt.hash('the-password');
    let verified = 0;
    // Eight checks at cost 12: on libuv's four threads they would hold all of them for about 0.5 s.
    const checks = Array.from({ length: 8 }, () => bcrypt.verify('the-password', hash).then((ok) => (verified += ok ? 1 : 0)));
    for (let i = 0; i < 5; i++) await stat(import.meta.filename);
    expect(verified).toBe(0); // the reads did not wait for a single check
    await Promise.all(checks);
    expect(verified).toBe(8);
  });

  it('admits threads + queue hashes at a time and refuses the next at once, having done nothing; then admits again', async () => {
    const bcrypt = hasher({ cost: 10, threads: 1, queue: 2 });
    const hash = await bcrypt.hash('the-password');
    const admitted = [1, 2, 3].map(() => bcrypt.verify('the-password', hash));
    const refused = await bcrypt.verify('the-password', hash).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OverloadedError);
    expect(refused).toMatchObject({ retryAfterSeconds: 1 });
    await expect(bcrypt.hash('another-password')).rejects.toBeInstanceOf(OverloadedError);
    expect(await Promise.all(admitted)).toEqual([true, true, true]);
    expect(await bcrypt.verify('the-password', hash)).toBe(true);
  });

  it('makes a login beyond the bound a fast 503 SERVICE_BUSY with Retry-After, and recovers once the hasher drains', async () => {
    const bcrypt = hasher({ cost: 12, threads: 1, queue: 0 });
    const call = httpClient(createTestCore({ hasher: bcrypt, env: { RATE_LIMIT_ENABLED: 'false' } }).app);
    const login = (n: number) => call('POST', '/auth/login', { json: { username: `ghost-${n}`, password: 'a-guess-at-it' } });

    // The first unknown user's timing hash is refused while another hash holds the only thread.
    const holder = bcrypt.hash('holds-the-thread');
    const early = await login(0);
    expect([early.status, early.body.error_code, early.headers.get('Retry-After')]).toEqual([503, 'SERVICE_BUSY', '1']);
    await holder;

    const answers = await Promise.all([1, 2, 3, 4].map(login));
    expect(answers.map((a) => a.status).sort()).toEqual([401, 503, 503, 503]);
    for (const answer of answers.filter((a) => a.status === 503)) {
      expect([answer.body.error_code, answer.headers.get('Retry-After')]).toEqual(['SERVICE_BUSY', '1']);
    }
    expect((await login(5)).status).toBe(401); // drained: admitted again
  });

  it('does not count a login refused as busy against the attempts of its user: retrying as told never locks anyone out', async () => {
    const bcrypt = hasher({ cost: 12, threads: 1, queue: 0 });
    const core = createTestCore({ hasher: bcrypt, env: { RATE_LIMIT_ENABLED: 'false' } });
    const { user } = await core.addUser('user');
    const call = httpClient(core.app);
    const login = () => call('POST', '/auth/login', { json: { username: user.username, password: PASSWORD } });

    const holder = bcrypt.hash('holds-the-thread');
    const refused = [];
    for (let i = 0; i < 12; i++) refused.push((await login()).status); // more than the 10 attempts a window allows
    await holder;
    expect(refused.every((status) => status === 503)).toBe(true);
    expect((await login()).status).toBe(200);
  });
});
