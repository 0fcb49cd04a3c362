import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/application/auth/actor.ts';
import type { CompleteUpload } from '../../../src/application/ingest/complete-upload.ts';
import type { InitUpload } from '../../../src/application/ingest/init-upload.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { failJob, startProcessing } from '../../../src/domain/job/job.ts';
import { bytesOf } from '../../support/builders.ts';
import { createTestCore, type TestCore } from '../../support/test-core.ts';

const CONTENT = '{"level":"info","msg":"hello"}\n';

describe('CompleteUpload', () => {
  let core: TestCore;
  let complete: CompleteUpload;
  let owner: Actor;

  async function initJob(actor: Actor, extra: { checksumSha256?: string } = {}) {
    const out = await core.get<InitUpload>(TOKENS.InitUpload).execute(actor, {
      filename: 'a.log', size: Buffer.byteLength(CONTENT), logFormat: 'json', source: 'api', ...extra,
    });
    return out.upload;
  }
  const put = (key: string, content = CONTENT) => core.ports.storage.write(key, bytesOf(content));

  beforeEach(async () => {
    core = createTestCore();
    complete = core.get(TOKENS.CompleteUpload);
    owner = (await core.addUser('user')).actor;
  });

  it('queues the job once the object matches what was declared, and hands it to the queue', async () => {
    const upload = await initJob(owner);
    await put(upload.objectKey);
    const job = await complete.execute(owner, upload.jobId);
    expect(job).toMatchObject({ status: 'QUEUED', queuedAt: core.clock.now() });
    expect(await core.ports.queue.stats()).toMatchObject({ waiting: 1, pending: 0 });
  });

  it('says UPLOAD_NOT_FOUND while nothing was uploaded, and lets the client try again', async () => {
    const upload = await initJob(owner);
    await expect(complete.execute(owner, upload.jobId)).rejects.toMatchObject({ code: 'UPLOAD_NOT_FOUND' });
    expect((await core.ports.jobs.get(upload.jobId))?.job.status).toBe('CREATED');
    await put(upload.objectKey);
    expect((await complete.execute(owner, upload.jobId)).status).toBe('QUEUED');
  });

  it('refuses an object of another size than declared', async () => {
    const upload = await initJob(owner);
    await put(upload.objectKey, `${CONTENT}extra`);
    await expect(complete.execute(owner, upload.jobId)).rejects.toMatchObject({ code: 'UPLOAD_SIZE_MISMATCH' });
  });

  it('checks the declared SHA-256', async () => {
    const good = await initJob(owner, { checksumSha256: createHash('sha256').update(CONTENT).digest('hex') });
    await put(good.objectKey);
    expect((await complete.execute(owner, good.jobId)).status).toBe('QUEUED');

    const bad = await initJob(owner, { checksumSha256: 'f'.repeat(64) });
    await put(bad.objectKey);
    await expect(complete.execute(owner, bad.jobId)).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
  });

  it('answers a repeated complete with the current status and enqueues only once', async () => {
    const upload = await initJob(owner);
    await put(upload.objectKey);
    await complete.execute(owner, upload.jobId);
    await core.ports.jobs.update(upload.jobId, (j) => startProcessing(j, core.clock.now()));
    expect((await complete.execute(owner, upload.jobId)).status).toBe('PROCESSING');
    expect((await core.ports.queue.stats()).waiting).toBe(1);
  });

  it('refuses a FAILED job with INVALID_JOB_STATE', async () => {
    const upload = await initJob(owner);
    await put(upload.objectKey);
    await complete.execute(owner, upload.jobId);
    await core.ports.jobs.update(upload.jobId, (j) => failJob(startProcessing(j, core.clock.now()), core.clock.now(), 'x'));
    await expect(complete.execute(owner, upload.jobId)).rejects.toMatchObject({ code: 'INVALID_JOB_STATE', message: expect.stringMatching(/state/) });
  });

  it("hides another user's job as not found, lets an admin complete it, and keeps viewers out", async () => {
    const upload = await initJob(owner);
    await put(upload.objectKey);
    const stranger = (await core.addUser('user')).actor;
    await expect(complete.execute(stranger, upload.jobId)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    await expect(complete.execute((await core.addUser('viewer')).actor, upload.jobId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await complete.execute((await core.addUser('admin')).actor, upload.jobId)).status).toBe('QUEUED');
  });

  it('lets exactly one of two racing completes enqueue', async () => {
    const upload = await initJob(owner);
    await put(upload.objectKey);
    const results = await Promise.all([complete.execute(owner, upload.jobId), complete.execute(owner, upload.jobId)]);
    expect(results.map((j) => j.status)).toEqual(['QUEUED', 'QUEUED']);
    expect((await core.ports.queue.stats()).waiting).toBe(1);
  });
});
