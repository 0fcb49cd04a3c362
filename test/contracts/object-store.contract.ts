import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ObjectStore, PresignedRequest } from '../../src/application/ports/object-store.ts';
import { bytesOf, collect } from '../support/builders.ts';

export interface ObjectStoreSubject {
  readonly store: ObjectStore;
  /** Sends a request to a presigned URL as a client would: fetch for S3, the app for self-served URLs. */
  send(url: string, init: RequestInit): Promise<Response>;
  /** Whether a write that never finishes leaves something behind (not so in memory). */
  readonly leavesPartialWrites: boolean;
}

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** Flips one character of the URL's signature parameter, whatever the store calls it. */
function tamper(url: string): string {
  const parsed = new URL(url);
  const name = [...parsed.searchParams.keys()].find((key) => /signature/i.test(key));
  if (!name) throw new Error(`No signature parameter in ${url}`);
  const value = parsed.searchParams.get(name) ?? '';
  parsed.searchParams.set(name, (value[0] === 'a' ? 'b' : 'a') + value.slice(1));
  return parsed.toString();
}

export function objectStoreContract(name: string, setup: () => Promise<ObjectStoreSubject>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let subject: ObjectStoreSubject;
    let store: ObjectStore;
    let key: string;
    beforeEach(async () => {
      subject = await setup();
      store = subject.store;
      key = `uploads/${crypto.randomUUID()}/logs.txt`;
    });

    const upload = (request: PresignedRequest, body: string) =>
      subject.send(request.url, { method: request.method, headers: request.headers, body });

    it('reports a missing object as null everywhere', async () => {
      expect(await store.stat(key)).toBeNull();
      expect(await store.read(key)).toBeNull();
      expect(await store.sha256(key)).toBeNull();
    });

    it('writes a stream and gives back its size, bytes and checksum', async () => {
      const info = await store.write(key, bytesOf('hello ', 'world\n'));
      expect(info).toEqual({ size: 12 });
      expect(await store.stat(key)).toEqual({ size: 12 });
      expect((await collect((await store.read(key))!)).toString()).toBe('hello world\n');
      expect(await store.sha256(key)).toBe(sha256('hello world\n'));
    });

    it('round-trips a multi-megabyte binary stream unchanged', async () => {
      const chunk = Uint8Array.from({ length: 256 * 1024 }, (_, i) => (i * 31) % 256);
      const chunks = Array.from({ length: 12 }, () => chunk);
      await store.write(key, bytesOf(...chunks));
      const back = await collect((await store.read(key))!);
      expect(back.length).toBe(12 * chunk.length);
      expect(sha256(back)).toBe(sha256(Buffer.concat(chunks)));
    });

    it('round-trips objects of every size around 64 KiB, sent in small chunks, unchanged', async () => {
      for (const size of [1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200 * 1024]) {
        const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 7 + size) % 251);
        const chunks = Array.from({ length: Math.ceil(size / 5000) }, (_, i) => bytes.subarray(i * 5000, (i + 1) * 5000));
        const sizedKey = `${key}.${size}`;
        expect(await store.write(sizedKey, bytesOf(...chunks))).toEqual({ size });
        expect(await store.stat(sizedKey)).toEqual({ size });
        expect(sha256(await collect((await store.read(sizedKey))!))).toBe(sha256(bytes));
      }
    });

    it('reads exactly the content it is told was verified, or fails as soon as the bytes differ', async () => {
      for (const size of [100, 300 * 1024]) {
        const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 13) % 256);
        await store.write(key, bytesOf(bytes));
        const read = async (expected: { size: number; sha256: string | null }) => {
          let yielded = 0;
          try {
            for await (const chunk of (await store.read(key, expected))!) yielded += chunk.length;
            return { yielded };
          } catch (error) {
            return { yielded, error: error as { code?: string; message: string } };
          }
        };
        expect(await read({ size, sha256: sha256(bytes) })).toEqual({ yielded: size });
        expect(await read({ size, sha256: null })).toEqual({ yielded: size });
        const grown = await read({ size: size - 10, sha256: null });
        expect(grown.error).toMatchObject({ code: 'UPLOAD_SIZE_MISMATCH', message: expect.stringMatching(/changed after it was verified/) });
        expect(grown.yielded).toBeLessThanOrEqual(size - 10);
        expect((await read({ size: size + 1, sha256: null })).error).toMatchObject({ code: 'UPLOAD_SIZE_MISMATCH' });
        expect((await read({ size, sha256: sha256('something else') })).error).toMatchObject({ code: 'CHECKSUM_MISMATCH' });
      }
    });

    it('replaces an object written again', async () => {
      await store.write(key, bytesOf('first version'));
      await store.write(key, bytesOf('second'));
      expect((await collect((await store.read(key))!)).toString()).toBe('second');
    });

    it('leaves no object behind when the source stream fails', async () => {
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield Buffer.from('partial data');
        throw new Error('client went away');
      }
      await expect(store.write(key, failing())).rejects.toThrow();
      expect(await store.stat(key)).toBeNull();
    });

    it('deletes an object; deleting a missing one changes nothing', async () => {
      const sibling = key.replace('logs.txt', 'other.txt');
      await store.write(key, bytesOf('to be deleted'));
      await store.write(sibling, bytesOf('kept'));
      await store.delete(key);
      await store.delete(key);
      expect(await store.stat(key)).toBeNull();
      expect(await store.read(key)).toBeNull();
      expect(await store.stat(sibling)).toEqual({ size: 4 });
      await store.write(key, bytesOf('written again'));
      expect(await store.stat(key)).toEqual({ size: 13 });
    });

    it('removes what a write that never finished left behind, once old enough, and nothing else', async () => {
      const prefix = key.slice(0, key.lastIndexOf('/') + 1);
      const finished = `${prefix}finished.txt`;
      await store.write(finished, bytesOf('kept'));
      // A writer that stalls after 9 MiB (past S3's multipart part size), as one killed mid-way would.
      let stop!: (error: Error) => void;
      const stalled = new Promise<never>((_, reject) => (stop = reject));
      stalled.catch(() => {}); // the writer may not be waiting on it yet when it is stopped
      const writing = store.write(key, (async function* () {
        yield new Uint8Array(9 * 1024 * 1024);
        await stalled;
      })()).catch(() => 'stopped');
      const startedAt = Date.now();
      let removed = 0;
      for (let polls = 0; removed === 0 && polls < 100; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        // What began before the test is not this write: it is left alone.
        expect(await store.removeAbandonedWrites(prefix, new Date(startedAt - 60_000))).toBe(0);
        removed = await store.removeAbandonedWrites(prefix, new Date(Date.now() + 60_000));
        if (!subject.leavesPartialWrites) break;
      }
      expect(removed).toBe(subject.leavesPartialWrites ? 1 : 0);
      expect(await store.removeAbandonedWrites(prefix, new Date(Date.now() + 60_000))).toBe(0);
      stop(new Error('writer killed'));
      expect(await writing).toBe('stopped');
      expect(await store.stat(key)).toBeNull();
      expect(await store.stat(finished)).toEqual({ size: 4 });
    });

    it('accepts an upload to a presigned PUT URL', async () => {
      const request = await store.presignUpload(key, { expiresInSeconds: 60, maxBytes: 1024 });
      expect(request).toMatchObject({ method: 'PUT', expiresInSeconds: 60 });
      const response = await upload(request, 'uploaded by a client\n');
      expect(response.status).toBeLessThan(300);
      expect(await store.stat(key)).toEqual({ size: 21 });
    });

    it('refuses a presigned URL whose signature was altered', async () => {
      const request = await store.presignUpload(key, { expiresInSeconds: 60, maxBytes: 1024 });
      const response = await upload({ ...request, url: tamper(request.url) }, 'forged');
      expect(response.status).toBe(403);
      expect(await store.stat(key)).toBeNull();
    });

    it('refuses a presigned URL for another key', async () => {
      const request = await store.presignUpload(key, { expiresInSeconds: 60, maxBytes: 1024 });
      const otherKey = key.replace('logs.txt', 'other.txt');
      const response = await upload({ ...request, url: request.url.replace('logs.txt', 'other.txt') }, 'elsewhere');
      expect(response.status).toBe(403);
      expect(await store.stat(otherKey)).toBeNull();
    });

    it('refuses a presigned URL once it has expired', async () => {
      const request = await store.presignUpload(key, { expiresInSeconds: 1, maxBytes: 1024 });
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const response = await upload(request, 'too late');
      expect(response.status).toBe(403);
      expect(await store.stat(key)).toBeNull();
    });

    it('serves an object through a presigned GET URL', async () => {
      await store.write(key, bytesOf('download me'));
      const request = await store.presignDownload(key, { expiresInSeconds: 60 });
      const response = await subject.send(request.url, { method: 'GET', headers: request.headers });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('download me');
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
