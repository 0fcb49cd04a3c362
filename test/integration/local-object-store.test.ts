import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../src/adapters/local-storage/local-object-store.ts';
import { UrlSigner } from '../../src/adapters/signed-urls/url-signer.ts';
import { SystemClock } from '../../src/adapters/system/system-clock.ts';
import type { ObjectStoreSubject } from '../contracts/object-store.contract.ts';
import { selfServedSubject } from '../support/self-served-storage.ts';

// What the local store adds to the shared contract: disk layout, size limits, traversal.
describe('LocalObjectStore', () => {
  let root: string;
  let store: LocalObjectStore;
  let subject: ObjectStoreSubject;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ingest-local-'));
    store = new LocalObjectStore(root, new UrlSigner('secret', 'http://storage.test', new SystemClock()));
    subject = selfServedSubject(store);
  });

  it('keeps objects as plain files under the root, with no temporary files left', async () => {
    const request = await store.presignUpload('uploads/j1/a.log', { expiresInSeconds: 60, maxBytes: 100 });
    await subject.send(request.url, { method: 'PUT', body: 'abc' });
    expect(store.localPathOf('uploads/j1/a.log')).toBe(join(root, 'uploads/j1/a.log'));
    expect(readdirSync(join(root, 'uploads/j1'))).toEqual(['a.log']);
  });

  it('refuses an upload larger than the URL allows, by header or by streamed bytes, and stores nothing', async () => {
    const request = await store.presignUpload('uploads/j2/a.log', { expiresInSeconds: 60, maxBytes: 10 });
    const declared = await subject.send(request.url, { method: 'PUT', body: 'x'.repeat(11) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });

    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('x'.repeat(8)));
        controller.enqueue(new TextEncoder().encode('x'.repeat(8)));
        controller.close();
      },
    });
    const streamed = await subject.send(request.url, { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await store.stat('uploads/j2/a.log')).toBeNull();
    expect(readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.part'))).toEqual([]);
  });

  it('refuses a raised size limit in a signed URL', async () => {
    const request = await store.presignUpload('uploads/j3/a.log', { expiresInSeconds: 60, maxBytes: 10 });
    const response = await subject.send(request.url.replace('max_bytes=10', 'max_bytes=99999'), { method: 'PUT', body: 'x' });
    expect(response.status).toBe(403);
  });

  it('never maps a key outside its root', () => {
    expect(() => store.localPathOf('../../etc/passwd')).toThrow(/escapes/);
    expect(() => store.localPathOf('/etc/passwd')).toThrow(/escapes/);
  });

  it('answers 403 for traversal in a storage URL path', async () => {
    const response = await subject.send('http://storage.test/storage/..%2F..%2Fetc%2Fpasswd?expires=9999999999&signature=x', { method: 'GET' });
    expect(response.status).toBe(403);
  });
});
