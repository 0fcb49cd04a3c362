import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryObjectStore } from '../../../src/adapters/memory/in-memory-object-store.ts';
import { UrlSigner } from '../../../src/adapters/signed-urls/url-signer.ts';
import { DependencyUnavailableError } from '../../../src/application/errors.ts';
import type { InitUpload, InitUploadInput } from '../../../src/application/ingest/init-upload.ts';
import type { PresignedRequest } from '../../../src/application/ports/object-store.ts';
import { ValidationError } from '../../../src/domain/errors.ts';
import { TOKENS } from '../../../src/bootstrap/tokens.ts';
import { createTestCore, type TestCore } from '../../support/test-core.ts';

const request: InitUploadInput = { filename: 'app.log', size: 2048, logFormat: 'json', source: 'api' };

/** Object storage that is down: presigning fails. */
class UnreachableStore extends InMemoryObjectStore {
  override async presignUpload(): Promise<PresignedRequest> {
    throw new DependencyUnavailableError('storage');
  }
}

describe('InitUpload', () => {
  let core: TestCore;
  let initUpload: InitUpload;
  beforeEach(() => {
    core = createTestCore();
    initUpload = core.get(TOKENS.InitUpload);
  });

  it('creates a CREATED job owned by the caller, with its upload and an upload URL', async () => {
    const { actor } = await core.addUser('user');
    const out = await initUpload.execute(actor, { ...request, filename: '../../secret/app.log', checksumSha256: 'AB'.repeat(32) });
    expect(out.replayed).toBe(false);
    expect(out.job).toMatchObject({ status: 'CREATED', ownerId: actor.userId, source: 'api', jobType: 'FILE_UPLOAD', createdAt: core.clock.now() });
    expect(out.upload).toMatchObject({
      filename: 'app.log',
      objectKey: `uploads/${out.job.id}/app.log`,
      fileSize: 2048,
      logFormat: 'json',
      checksumSha256: 'ab'.repeat(32),
      storageType: 'memory',
    });
    expect(out.uploadRequest).toMatchObject({ method: 'PUT', expiresInSeconds: 1800 });
    expect(out.uploadRequest.url).toContain(`/storage/uploads/${out.job.id}/app.log?`);
    expect(await core.ports.jobs.get(out.job.id)).toEqual({ job: out.job, upload: out.upload, result: null });
  });

  it('reports every invalid field at once', async () => {
    const { actor } = await core.addUser('user');
    const error = await initUpload
      .execute(actor, { filename: '..', size: 0, logFormat: 'xml', checksumSha256: 'nope', source: 'api' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['filename', 'size', 'logFormat', 'checksumSha256']);
  });

  it('refuses files above MAX_UPLOAD_BYTES', async () => {
    const { actor } = await core.addUser('user');
    const error = await initUpload.execute(actor, { ...request, size: core.config.uploads.maxUploadBytes + 1 }).catch((e: unknown) => e);
    expect((error as ValidationError).issues).toEqual([{ path: 'size', message: 'must be at most 1048576 bytes' }]);
  });

  it('does not let a viewer upload', async () => {
    const { actor } = await core.addUser('viewer');
    await expect(initUpload.execute(actor, request)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  describe('with an idempotency key', () => {
    it('returns the same job for the same key, body and user', async () => {
      const { actor } = await core.addUser('user');
      const first = await initUpload.execute(actor, { ...request, idempotencyKey: 'k1' });
      const again = await initUpload.execute(actor, { ...request, idempotencyKey: 'k1' });
      expect(again).toMatchObject({ replayed: true, job: { id: first.job.id } });
      expect((await core.ports.jobs.list({ limit: 10, offset: 0 })).total).toBe(1);
    });

    it('refuses the same key with a different body', async () => {
      const { actor } = await core.addUser('user');
      await initUpload.execute(actor, { ...request, idempotencyKey: 'k1' });
      await expect(initUpload.execute(actor, { ...request, size: 99, idempotencyKey: 'k1' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    });

    it('keeps keys apart between users', async () => {
      const a = await core.addUser('user');
      const b = await core.addUser('user');
      const first = await initUpload.execute(a.actor, { ...request, idempotencyKey: 'shared' });
      const second = await initUpload.execute(b.actor, { ...request, idempotencyKey: 'shared' });
      expect(second.replayed).toBe(false);
      expect(second.job.id).not.toBe(first.job.id);
    });
  });

  it('stores no job when storage cannot make the URL', async () => {
    core = createTestCore({ storage: (clock) => new UnreachableStore(new UrlSigner('k', 'http://x', clock)) });
    const { actor } = await core.addUser('user');
    await expect(core.get<InitUpload>(TOKENS.InitUpload).execute(actor, request)).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect((await core.ports.jobs.list({ limit: 10, offset: 0 })).total).toBe(0);
  });
});
