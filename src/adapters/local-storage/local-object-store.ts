import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, writeFile as writeFileAsync, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { LRUCache } from 'lru-cache';
import { DependencyUnavailableError } from '../../application/errors.ts';
import type { ExpectedContent, ObjectInfo } from '../../application/ports/object-store.ts';
import { verifiedIfExpected } from '../integrity/verified-content.ts';
import { SelfServedObjectStore } from '../signed-urls/self-served-store.ts';
import type { UrlSigner } from '../signed-urls/url-signer.ts';

/**
 * Objects as files under a root directory. Writes go to a temporary file renamed into
 * place when complete, so a reader never sees half an object. Signed URLs are served by
 * this service's storage route.
 *
 * Small objects (up to 64 KiB), stats and directories use synchronous calls, cheaper on a
 * local disk than a hand-off to libuv's pool; larger objects stream through the pool.
 */
export class LocalObjectStore extends SelfServedObjectStore {
  override readonly storageType = 'local';
  readonly #root: string;
  /** Directories this instance created or found; one removed meanwhile fails its next write, which says so. */
  readonly #directories = new LRUCache<string, true>({ max: KNOWN_DIRECTORIES });

  readonly #probeIntervalMs: number;
  /** The last write probe: its outcome (a promise while it runs), when it started, whether it ended. */
  #probe: { readonly outcome: Promise<void>; readonly at: number; done: boolean } | null = null;

  constructor(rootDir: string, signer: UrlSigner, options: { probeIntervalMs?: number } = {}) {
    super(signer);
    this.#root = resolve(rootDir);
    this.#probeIntervalMs = options.probeIntervalMs ?? PROBE_INTERVAL_MS;
  }

  localPathOf(key: string): string {
    const path = resolve(this.#root, key);
    if (!path.startsWith(this.#root + sep)) throw new Error(`Object key escapes the storage root: ${key}`);
    return path;
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    try {
      const info = statSync(this.localPathOf(key));
      return info.isFile() ? { size: info.size } : null;
    } catch (error) {
      return missingOrUnavailable(error);
    }
  }

  async read(key: string, expected?: ExpectedContent): Promise<AsyncIterable<Uint8Array> | null> {
    let fd: number;
    try {
      fd = openSync(this.localPathOf(key), 'r');
    } catch (error) {
      return missingOrUnavailable(error);
    }
    let streamOwnsFile = false;
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) return null;
      if (info.size > SMALL_OBJECT_BYTES) {
        streamOwnsFile = true; // it closes the file when done
        return verifiedIfExpected(createReadStream('', { fd, highWaterMark: STREAM_CHUNK_BYTES }), expected);
      }
      const bytes = new Uint8Array(info.size);
      let read = 0;
      for (let n = -1; read < bytes.length && n !== 0; read += n) n = readSync(fd, bytes, read, bytes.length - read, read);
      return verifiedIfExpected(oneChunk(bytes.subarray(0, read)), expected);
    } catch (error) {
      throw new DependencyUnavailableError('storage', { cause: error });
    } finally {
      if (!streamOwnsFile) closeSync(fd);
    }
  }

  async write(key: string, body: AsyncIterable<Uint8Array>): Promise<ObjectInfo> {
    const path = this.localPathOf(key);
    const partial = join(this.#partialDir, `${partialPrefixOf(key)}.${randomBytes(6).toString('hex')}.part`);
    try {
      this.#directoryOf(path);
      this.#directoryOf(partial);
      const size = await writeFile(partial, body);
      if (size <= SMALL_OBJECT_BYTES) renameSync(partial, path);
      else await rename(partial, path);
      return { size };
    } catch (error) {
      await rm(partial, { force: true });
      throw isFileSystemError(error) ? new DependencyUnavailableError('storage', { cause: error }) : error;
    }
  }

  /** Creates the file's directory, once per directory (keys may share theirs, e.g. processed/). */
  #directoryOf(path: string): void {
    const directory = dirname(path);
    if (this.#directories.get(directory)) return;
    mkdirSync(directory, { recursive: true });
    this.#directories.set(directory, true);
  }

  async delete(key: string): Promise<void> {
    const path = this.localPathOf(key);
    try {
      await rm(path, { force: true }); // an output may be large: not on the event loop
      // A job's own directory goes with its last file; shared ones (processed/) and the root stay.
      const directory = dirname(path);
      if (relative(this.#root, directory).includes(sep)) {
        this.#directories.delete(directory);
        await rmdir(directory);
      }
    } catch (error) {
      if (isFileSystemError(error) && ['ENOTEMPTY', 'EEXIST', 'ENOENT'].includes(error.code ?? '')) return;
      throw new DependencyUnavailableError('storage', { cause: error });
    }
  }

  async removeAbandonedWrites(prefix: string, before: Date): Promise<number> {
    const wanted = partialPrefixOf(prefix);
    let removed = 0;
    try {
      const names = await readdir(this.#partialDir).catch((error: unknown) => (isFileSystemError(error) && error.code === 'ENOENT' ? [] : Promise.reject(error)));
      for (const name of names) {
        if (!name.startsWith(wanted)) continue;
        const path = join(this.#partialDir, name);
        const info = await stat(path).catch(() => null);
        if (!info || info.mtime >= before) continue;
        await rm(path, { force: true });
        removed += 1;
      }
      return removed;
    } catch (error) {
      throw new DependencyUnavailableError('storage', { cause: error });
    }
  }

  /** Where writes in progress live until renamed into place: one directory, so the janitor lists only them. */
  get #partialDir(): string {
    return join(this.#root, PARTIAL_DIRECTORY);
  }

  async sha256(key: string): Promise<string | null> {
    const stream = await this.read(key);
    if (!stream) return null;
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk);
    return hash.digest('hex');
  }

  /**
   * Whether a file can really be written: a directory that merely looks writable says nothing
   * of a full disk (ENOSPC), a read-only mount (EROFS) or a quota. Probes at most once per
   * interval (readiness checks may come often); callers in between get the last outcome.
   */
  ping(): Promise<void> {
    const now = performance.now();
    // A probe still hanging (a stuck disk) is not joined by more, which would take libuv's threads.
    if (!this.#probe || (this.#probe.done && now - this.#probe.at >= this.#probeIntervalMs)) {
      const probe = { outcome: this.#writeProbe(), at: now, done: false };
      probe.outcome.then(() => (probe.done = true), () => (probe.done = true));
      this.#probe = probe;
    }
    return withDeadline(this.#probe.outcome, PROBE_DEADLINE_MS);
  }

  async #writeProbe(): Promise<void> {
    const probe = resolve(this.#root, `.ready-probe-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(this.#root, { recursive: true });
      await writeFileAsync(probe, new Uint8Array(PROBE_BYTES), { flag: 'wx' });
    } catch (error) {
      throw new DependencyUnavailableError('storage', { cause: error });
    } finally {
      await rm(probe, { force: true }).catch(() => {});
    }
  }
}

/** Under the root, beside the keys' directories: no key built by the service starts with a dot. */
const PARTIAL_DIRECTORY = '.partial';

/** A partial file's name starts with its key, flattened (and cut to stay within a file name's length). */
const partialPrefixOf = (key: string): string => encodeURIComponent(key).slice(0, 180);

/** A probe slower than this reports storage unavailable (it goes on, and is asked again once done). */
const PROBE_DEADLINE_MS = 2_000;

/** The outcome, or DependencyUnavailableError('storage') if it takes longer than `ms`. */
function withDeadline(outcome: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DependencyUnavailableError('storage')), ms).unref();
  });
  return Promise.race([outcome, late]).finally(() => clearTimeout(timer));
}

/** How often readiness really writes to the disk. */
const PROBE_INTERVAL_MS = 5_000;
/** A block's worth: on a full disk, creating an empty file can still succeed. */
const PROBE_BYTES = 4096;

/** Most directories remembered as existing (the least recently used are forgotten). */
const KNOWN_DIRECTORIES = 1_000;
/** Objects up to this size are read and written with synchronous calls, in one piece. */
const SMALL_OBJECT_BYTES = 64 * 1024;
/**
 * Larger objects are read in chunks of this size: each read is a round trip through libuv's
 * pool (two thread wake-ups), and a 1 GiB file took 16,384 of them at 64 KiB.
 */
const STREAM_CHUNK_BYTES = 256 * 1024;

/**
 * Writes a stream to a new file (failing if it exists), gathering chunks into writes of up to
 * 64 KiB: a pipeline of Node streams cost more than the write itself for small objects. An
 * object that ends within its first 64 KiB is written at once, synchronously; a larger one
 * through one file handle. Returns the number of bytes written.
 */
async function writeFile(path: string, body: AsyncIterable<Uint8Array>): Promise<number> {
  let file: FileHandle | null = null;
  try {
    let size = 0;
    let gathered: Uint8Array[] = [];
    let gatheredBytes = 0;
    for await (const chunk of body) {
      gathered.push(chunk);
      gatheredBytes += chunk.length;
      size += chunk.length;
      if (gatheredBytes <= SMALL_OBJECT_BYTES) continue;
      file ??= await open(path, 'wx');
      await writeAll(file, gathered, gatheredBytes);
      gathered = [];
      gatheredBytes = 0;
    }
    if (!file) writeFileSync(path, concatBytes(gathered), { flag: 'wx' });
    else if (gatheredBytes > 0) await writeAll(file, gathered, gatheredBytes);
    return size;
  } finally {
    await file?.close();
  }
}

/** The parts as one array; the one part itself when there is only one. */
const concatBytes = (parts: readonly Uint8Array[]): Uint8Array => (parts.length === 1 ? parts[0]! : Buffer.concat(parts));

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Writes every byte of `chunks`, going on after a short write. */
async function writeAll(file: FileHandle, chunks: Uint8Array[], bytes: number): Promise<void> {
  const { bytesWritten } = await file.writev(chunks);
  if (bytesWritten < bytes) await writeAll(file, [concatBytes(chunks).subarray(bytesWritten)], bytes - bytesWritten);
}

const isFileSystemError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';

function missingOrUnavailable(error: unknown): null {
  if (isFileSystemError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return null;
  throw new DependencyUnavailableError('storage', { cause: error });
}
