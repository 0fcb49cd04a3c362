import { createHash } from 'node:crypto';
import type { ObjectInfo, PresignedRequest } from '../../application/ports/object-store.ts';
import { signedDownload, signedUpload, type SelfServedObjectStore } from '../signed-urls/self-served-store.ts';
import type { UrlSigner } from '../signed-urls/url-signer.ts';

/** Objects in process memory; its signed URLs are served by this service's storage route. */
export class InMemoryObjectStore implements SelfServedObjectStore {
  readonly storageType = 'memory';
  readonly bucket = null;
  readonly signer: UrlSigner;
  readonly #objects = new Map<string, Uint8Array>();

  constructor(signer: UrlSigner) {
    this.signer = signer;
  }

  localPathOf(): null {
    return null;
  }

  async presignUpload(key: string, options: { expiresInSeconds: number; maxBytes: number }): Promise<PresignedRequest> {
    return signedUpload(this.signer, key, options.expiresInSeconds, options.maxBytes);
  }

  async presignDownload(key: string, options: { expiresInSeconds: number }): Promise<PresignedRequest> {
    return signedDownload(this.signer, key, options.expiresInSeconds);
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    const bytes = this.#objects.get(key);
    return bytes ? { size: bytes.length } : null;
  }

  async read(key: string): Promise<AsyncIterable<Uint8Array> | null> {
    const bytes = this.#objects.get(key);
    if (!bytes) return null;
    return (async function* () {
      for (let offset = 0; offset < bytes.length; offset += 64 * 1024) yield bytes.slice(offset, offset + 64 * 1024);
    })();
  }

  async write(key: string, body: AsyncIterable<Uint8Array>): Promise<ObjectInfo> {
    const parts: Uint8Array[] = [];
    for await (const chunk of body) parts.push(chunk.slice());
    const bytes = Buffer.concat(parts);
    this.#objects.set(key, bytes);
    return { size: bytes.length };
  }

  async sha256(key: string): Promise<string | null> {
    const bytes = this.#objects.get(key);
    return bytes ? createHash('sha256').update(bytes).digest('hex') : null;
  }

  async ping(): Promise<void> {}
}
