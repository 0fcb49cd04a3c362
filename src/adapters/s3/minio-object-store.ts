import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import * as Minio from 'minio';
import { DependencyUnavailableError } from '../../application/errors.ts';
import type { ExpectedContent, ObjectInfo, ObjectStore, PresignedRequest } from '../../application/ports/object-store.ts';
import { verifiedIfExpected } from '../integrity/verified-content.ts';

export interface S3Settings {
  /** Where the service reaches S3 (e.g. http://minio:9000 inside a compose network). */
  readonly endpoint: string;
  /** Where clients reach it; presigned URLs carry this host. */
  readonly publicEndpoint: string;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly bucket: string;
}

const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NotFound', 'NoSuchObject']);
// Multipart part size for streamed writes of unknown length: bounds memory per upload.
const PART_SIZE = 8 * 1024 * 1024;
// How long a successful probe vouches for storage being reachable (see presignUpload).
const REACHABLE_FOR_MS = 2_000;

/**
 * S3 or MinIO through the MinIO client. Clients upload and download with presigned URLs
 * straight to storage; the service only stats, streams and writes. Anything but "no such
 * object" is reported as DependencyUnavailableError('storage'), the cause kept for logs.
 */
export class MinioObjectStore implements ObjectStore {
  readonly storageType = 's3';
  readonly bucket: string;
  readonly #client: Minio.Client;
  /** Signs URLs for the public endpoint; the region is fixed, so signing needs no network call. */
  readonly #presigner: Minio.Client;
  readonly #region: string;
  #reachableUntil = 0;
  #probe: Promise<void> | null = null;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.#region = settings.region;
    this.#client = clientFor(settings.endpoint, settings);
    this.#presigner = clientFor(settings.publicEndpoint, settings);
  }

  /** Creates the bucket when it does not exist yet. */
  async ensureBucket(): Promise<void> {
    await this.#call(async () => {
      if (!(await this.#client.bucketExists(this.bucket))) await this.#client.makeBucket(this.bucket, this.#region);
    });
  }

  localPathOf(): null {
    return null;
  }

  async presignUpload(key: string, options: { expiresInSeconds: number; maxBytes: number }): Promise<PresignedRequest> {
    await this.#ensureReachable();
    // A presigned PUT cannot cap the size; complete checks it against the declared size.
    const url = await this.#call(() => this.#presigner.presignedPutObject(this.bucket, key, options.expiresInSeconds));
    return { url, method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, expiresInSeconds: options.expiresInSeconds };
  }

  async presignDownload(key: string, options: { expiresInSeconds: number }): Promise<PresignedRequest> {
    const url = await this.#call(() => this.#presigner.presignedGetObject(this.bucket, key, options.expiresInSeconds));
    return { url, method: 'GET', headers: {}, expiresInSeconds: options.expiresInSeconds };
  }

  stat(key: string): Promise<ObjectInfo | null> {
    return this.#orNull(async () => ({ size: (await this.#client.statObject(this.bucket, key)).size }));
  }

  async read(key: string, expected?: ExpectedContent): Promise<AsyncIterable<Uint8Array> | null> {
    const stream = await this.#orNull(() => this.#client.getObject(this.bucket, key));
    return stream && verifiedIfExpected(stream, expected);
  }

  async write(key: string, body: AsyncIterable<Uint8Array>): Promise<ObjectInfo> {
    let size = 0;
    let sourceFailed!: (error: unknown) => void;
    const failure = new Promise<never>((_, reject) => {
      sourceFailed = reject;
    });
    const counted = Readable.from(
      (async function* () {
        try {
          for await (const chunk of body) {
            size += chunk.length;
            yield chunk;
          }
        } catch (error) {
          sourceFailed(error);
          throw error;
        }
      })(),
    );
    counted.on('error', () => {}); // reported through `failure`
    try {
      // minio-js pipes the body without watching its errors, so a failing source would
      // leave putObject waiting forever: race it against the source's own failure.
      await Promise.race([
        this.#call(() => this.#client.putObject(this.bucket, key, counted, undefined, { 'Content-Type': 'application/octet-stream' })),
        failure,
      ]);
    } catch (error) {
      await this.#client.removeIncompleteUpload(this.bucket, key).catch(() => {});
      throw error;
    }
    return { size };
  }

  async delete(key: string): Promise<void> {
    await this.#call(() => this.#client.removeObject(this.bucket, key));
  }

  async removeAbandonedWrites(prefix: string, before: Date): Promise<number> {
    return this.#call(async () => {
      let removed = 0;
      for (let marker: UploadsMarker | null = { key: '', uploadId: '' }; marker; ) {
        const page = await this.#incompleteUploads(prefix, marker);
        for (const upload of page.uploads) {
          if (upload.initiated >= before) continue;
          await this.#client.abortMultipartUpload(this.bucket, upload.key, upload.uploadId);
          removed += 1;
        }
        marker = page.next;
      }
      return removed;
    });
  }

  /**
   * One page of ListMultipartUploads under `prefix`, every depth. Asked without a delimiter:
   * minio-js always sends an empty one, which some S3 servers (Swift's) take as a real one.
   */
  async #incompleteUploads(prefix: string, marker: UploadsMarker) {
    const params = new URLSearchParams({ prefix, 'max-uploads': '1000' });
    if (marker.key) params.set('key-marker', marker.key);
    if (marker.uploadId) params.set('upload-id-marker', marker.uploadId);
    const response = await this.#client.makeRequestAsync({ method: 'GET', bucketName: this.bucket, query: `uploads&${params}` });
    const body: Buffer[] = [];
    for await (const chunk of response) body.push(chunk as Buffer);
    return parseIncompleteUploads(Buffer.concat(body).toString('utf8'));
  }

  async sha256(key: string): Promise<string | null> {
    const stream = await this.read(key);
    if (!stream) return null;
    const hash = createHash('sha256');
    await this.#call(async () => {
      for await (const chunk of stream) hash.update(chunk);
    });
    return hash.digest('hex');
  }

  /** Runs an S3 call; a failure means storage is unavailable (and no longer vouched for). */
  async #call<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.#reachableUntil = 0;
      throw new DependencyUnavailableError('storage', { cause: error });
    }
  }

  /** The call's value, or null when S3 says there is no such object. */
  #orNull<T>(call: () => Promise<T>): Promise<T | null> {
    return this.#call(async () => {
      try {
        return await call();
      } catch (error) {
        if (NOT_FOUND_CODES.has(String((error as { code?: unknown }).code))) return null;
        throw error;
      }
    });
  }

  /**
   * Signing needs no network, but a client must not be sent to storage that is down: the
   * bucket is probed, at most once per REACHABLE_FOR_MS however many uploads start.
   */
  async #ensureReachable(): Promise<void> {
    if (Date.now() < this.#reachableUntil) return;
    this.#probe ??= this.#call(() => this.#client.bucketExists(this.bucket))
      .then(() => {
        this.#reachableUntil = Date.now() + REACHABLE_FOR_MS;
      })
      .finally(() => {
        this.#probe = null;
      });
    await this.#probe;
  }

  /** Resolves when storage is usable: S3 answers and the bucket exists (created if missing). */
  async ping(): Promise<void> {
    await this.ensureBucket();
  }
}

interface UploadsMarker {
  readonly key: string;
  readonly uploadId: string;
}

const xml = new XMLParser({ isArray: (name) => name === 'Upload', parseTagValue: false });

/** A ListMultipartUploadsResult: its uploads, and where the next page starts (null on the last). */
function parseIncompleteUploads(body: string) {
  const result = (xml.parse(body) as { ListMultipartUploadsResult?: Record<string, unknown> }).ListMultipartUploadsResult ?? {};
  const uploads = ((result.Upload ?? []) as { Key: string; UploadId: string; Initiated: string }[]).map((upload) => ({
    key: String(upload.Key),
    uploadId: String(upload.UploadId),
    initiated: new Date(upload.Initiated),
  }));
  const next: UploadsMarker | null =
    result.IsTruncated === 'true' && result.NextKeyMarker ? { key: String(result.NextKeyMarker), uploadId: String(result.NextUploadIdMarker ?? '') } : null;
  return { uploads, next };
}

function clientFor(endpoint: string, settings: S3Settings): Minio.Client {
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  return new Minio.Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: settings.accessKey,
    secretKey: settings.secretKey,
    region: settings.region,
    pathStyle: true,
    partSize: PART_SIZE,
  });
}


