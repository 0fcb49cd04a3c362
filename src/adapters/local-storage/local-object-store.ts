import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm, stat, constants } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DependencyUnavailableError } from '../../application/errors.ts';
import type { ObjectInfo } from '../../application/ports/object-store.ts';
import { SelfServedObjectStore } from '../signed-urls/self-served-store.ts';
import type { UrlSigner } from '../signed-urls/url-signer.ts';

/**
 * Objects as files under a root directory. Writes go to a temporary file renamed into
 * place when complete, so a reader never sees half an object. Signed URLs are served by
 * this service's storage route.
 */
export class LocalObjectStore extends SelfServedObjectStore {
  override readonly storageType = 'local';
  readonly #root: string;

  constructor(rootDir: string, signer: UrlSigner) {
    super(signer);
    this.#root = resolve(rootDir);
  }

  localPathOf(key: string): string {
    const path = resolve(this.#root, key);
    if (!path.startsWith(this.#root + sep)) throw new Error(`Object key escapes the storage root: ${key}`);
    return path;
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    try {
      const info = await stat(this.localPathOf(key));
      return info.isFile() ? { size: info.size } : null;
    } catch (error) {
      return missingOrUnavailable(error);
    }
  }

  async read(key: string): Promise<AsyncIterable<Uint8Array> | null> {
    try {
      const handle = await open(this.localPathOf(key), 'r');
      return handle.createReadStream({ highWaterMark: 64 * 1024 });
    } catch (error) {
      return missingOrUnavailable(error);
    }
  }

  async write(key: string, body: AsyncIterable<Uint8Array>): Promise<ObjectInfo> {
    const path = this.localPathOf(key);
    const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      await mkdir(dirname(path), { recursive: true });
      const file = createWriteStream(partial, { flags: 'wx' });
      await pipeline(Readable.from(body), file);
      await rename(partial, path);
      return { size: file.bytesWritten };
    } catch (error) {
      await rm(partial, { force: true });
      throw isFileSystemError(error) ? new DependencyUnavailableError('storage', { cause: error }) : error;
    }
  }

  async sha256(key: string): Promise<string | null> {
    const stream = await this.read(key);
    if (!stream) return null;
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk);
    return hash.digest('hex');
  }

  async ping(): Promise<void> {
    try {
      await mkdir(this.#root, { recursive: true });
      await access(this.#root, constants.W_OK);
    } catch (error) {
      throw new DependencyUnavailableError('storage', { cause: error });
    }
  }
}

const isFileSystemError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';

function missingOrUnavailable(error: unknown): null {
  if (isFileSystemError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return null;
  throw new DependencyUnavailableError('storage', { cause: error });
}
