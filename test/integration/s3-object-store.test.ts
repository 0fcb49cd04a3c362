import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MinioObjectStore, type S3Settings } from '../../src/adapters/s3/minio-object-store.ts';
import { DependencyUnavailableError } from '../../src/application/errors.ts';
import { objectStoreContract } from '../contracts/object-store.contract.ts';
import { bytesOf } from '../support/builders.ts';
import { describeWith } from '../support/describe-with.ts';

describeWith('S3 object store (MinIO client)', { servers: ['s3'] }, ({ s3: server }) => {
  const settings = (): S3Settings => ({
    endpoint: server.endpoint,
    publicEndpoint: server.endpoint,
    region: server.region,
    accessKey: server.accessKey,
    secretKey: server.secretKey,
    bucket: `it-${randomBytes(5).toString('hex')}`,
  });
  let shared: MinioObjectStore;
  beforeAll(async () => {
    shared = new MinioObjectStore(settings());
    await shared.ensureBucket();
    await shared.ensureBucket(); // idempotent
  });

  objectStoreContract('s3', async () => ({ store: shared, send: (url, init) => fetch(url, init), leavesPartialWrites: true }));

  it('refuses to work with a wrong secret key', async () => {
    const forged = new MinioObjectStore({ ...settings(), bucket: shared.bucket, secretKey: 'not-the-secret' });
    await expect(forged.write(`uploads/${randomBytes(4).toString('hex')}`, bytesOf('x'))).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(forged.stat('anything')).rejects.toBeInstanceOf(DependencyUnavailableError);

    // It hands out no upload URL it cannot back; a URL signed with the wrong secret anyway is refused by S3.
    await expect(forged.presignUpload('uploads/forged.txt', { expiresInSeconds: 60, maxBytes: 10 })).rejects.toBeInstanceOf(DependencyUnavailableError);
    await shared.write('uploads/real.txt', bytesOf('real'));
    const download = await forged.presignDownload('uploads/real.txt', { expiresInSeconds: 60 });
    expect((await fetch(download.url)).status).toBe(403);
  });

  it('signs URLs for the public endpoint while talking to the internal one', async () => {
    const split = new MinioObjectStore({ ...settings(), bucket: shared.bucket, publicEndpoint: 'https://files.example.com' });
    const request = await split.presignUpload('uploads/x.log', { expiresInSeconds: 60, maxBytes: 10 });
    expect(request.url.startsWith(`https://files.example.com/${shared.bucket}/uploads/x.log?`)).toBe(true);
    await expect(split.ping()).resolves.toBeUndefined();
  });

  it('creates a missing bucket when pinged, so a fresh S3 heals itself', async () => {
    const fresh = new MinioObjectStore(settings());
    await fresh.ping();
    expect(await fresh.stat('nothing-yet')).toBeNull();
  });
});

describe('S3 that cannot be reached', () => {
  it('is reported as DependencyUnavailableError', async () => {
    const store = new MinioObjectStore({
      endpoint: 'http://127.0.0.1:1', publicEndpoint: 'http://127.0.0.1:1', region: 'us-east-1', accessKey: 'a', secretKey: 'b', bucket: 'b',
    });
    await expect(store.ping()).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(store.stat('k')).rejects.toBeInstanceOf(DependencyUnavailableError);
  });
});
