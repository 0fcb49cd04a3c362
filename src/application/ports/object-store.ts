import type { StorageType } from '../../domain/upload/file-upload.ts';

/** A request a client makes itself, straight to storage. */
export interface PresignedRequest {
  readonly url: string;
  readonly method: 'PUT' | 'GET';
  /** Headers the client must send with it. */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresInSeconds: number;
}

export interface ObjectInfo {
  readonly size: number;
}

/** What an object was verified to hold. */
export interface ExpectedContent {
  readonly size: number;
  /** Lower-case hex; null when only the size was verified. */
  readonly sha256: string | null;
}

/**
 * Object storage holding uploads and outputs. Keys are built by the core, never by
 * clients. Unreachable storage surfaces as DependencyUnavailableError('storage').
 */
export interface ObjectStore {
  readonly storageType: StorageType;
  /** Bucket name, or null for storage without buckets. */
  readonly bucket: string | null;
  /** Absolute path of the key on local disk; null for remote storage. */
  localPathOf(key: string): string | null;

  /** A URL a client can PUT at most `maxBytes` to, until it expires. */
  presignUpload(key: string, options: { expiresInSeconds: number; maxBytes: number }): Promise<PresignedRequest>;
  /** A URL a client can GET the object from, until it expires. */
  presignDownload(key: string, options: { expiresInSeconds: number }): Promise<PresignedRequest>;

  /** Null when there is no such object. */
  stat(key: string): Promise<ObjectInfo | null>;
  /**
   * The object's bytes as a stream; null when there is no such object. With `expected`, the
   * stream fails with DomainError UPLOAD_SIZE_MISMATCH or CHECKSUM_MISMATCH as soon as the
   * bytes are known to differ: past the size at once, a short object or another digest at
   * its end (so a reader that consumes the whole stream never takes other bytes as these).
   */
  read(key: string, expected?: ExpectedContent): Promise<AsyncIterable<Uint8Array> | null>;
  /** Stores the stream under `key`, replacing any object there; visible only once complete. */
  write(key: string, body: AsyncIterable<Uint8Array>): Promise<ObjectInfo>;
  /** Removes the object; nothing happens when there is none. */
  delete(key: string): Promise<void>;
  /**
   * Removes what `write`s to keys under `prefix` left behind when they never finished (a
   * writer killed mid-way: a temporary file, an incomplete multipart upload), if they made
   * no progress since `before` (S3 knows only when they began). Returns how many.
   */
  removeAbandonedWrites(prefix: string, before: Date): Promise<number>;
  /** Lower-case hex SHA-256 of the object; null when there is no such object. */
  sha256(key: string): Promise<string | null>;

  ping(): Promise<void>;
}
