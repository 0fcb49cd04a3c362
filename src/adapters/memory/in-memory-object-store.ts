import { createHash } from 'node:crypto';
import type { ExpectedContent, ObjectInfo } from '../../application/ports/object-store.ts';
import { verifiedIfExpected } from '../integrity/verified-content.ts';
import { SelfServedObjectStore } from '../signed-urls/self-served-store.ts';

/** Objects in process memory; its signed URLs are served by this service's storage route. */
export class InMemoryObjectStore extends SelfServedObjectStore {
  override readonly storageType = 'memory';
  readonly #objects = new Map<string, Uint8Array>();

  localPathOf(): null {
    return null;
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    const bytes = this.#objects.get(key);
    return bytes ? { size: bytes.length } : null;
  }

  async read(key: string, expected?: ExpectedContent): Promise<AsyncIterable<Uint8Array> | null> {
    const bytes = this.#objects.get(key);
    if (!bytes) return null;
    const chunks = (async function* () {
      for (let offset = 0; offset < bytes.length; offset += 64 * 1024) yield bytes.slice(offset, offset + 64 * 1024);
    })();
    return verifiedIfExpected(chunks, expected);
  }

  async write(key: string, body: AsyncIterable<Uint8Array>): Promise<ObjectInfo> {
    const parts: Uint8Array[] = [];
    for await (const chunk of body) parts.push(chunk.slice());
    const bytes = Buffer.concat(parts);
    this.#objects.set(key, bytes);
    return { size: bytes.length };
  }

  async delete(key: string): Promise<void> {
    this.#objects.delete(key);
  }

  /** A write here is one step: it never leaves anything half done. */
  async removeAbandonedWrites(): Promise<number> {
    return 0;
  }

  async sha256(key: string): Promise<string | null> {
    const bytes = this.#objects.get(key);
    return bytes ? createHash('sha256').update(bytes).digest('hex') : null;
  }

  async ping(): Promise<void> {}
}
