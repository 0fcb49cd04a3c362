import type { ExpectedContent, ObjectInfo, ObjectStore, PresignedRequest } from '../../application/ports/object-store.ts';
import type { StorageType } from '../../domain/upload/file-upload.ts';
import type { UrlSigner } from './url-signer.ts';

export const UPLOAD_HEADERS = { 'Content-Type': 'application/octet-stream' } as const;

/**
 * An object store whose presigned URLs this service answers itself, on its storage route
 * (the counterpart of S3 presigning for stores without a server of their own).
 */
export abstract class SelfServedObjectStore implements ObjectStore {
  abstract readonly storageType: StorageType;
  readonly bucket = null;
  readonly signer: UrlSigner;

  constructor(signer: UrlSigner) {
    this.signer = signer;
  }

  async presignUpload(key: string, options: { expiresInSeconds: number; maxBytes: number }): Promise<PresignedRequest> {
    const url = this.signer.sign('PUT', key, options.expiresInSeconds, options.maxBytes);
    return { url, method: 'PUT', headers: UPLOAD_HEADERS, expiresInSeconds: options.expiresInSeconds };
  }

  async presignDownload(key: string, options: { expiresInSeconds: number }): Promise<PresignedRequest> {
    const url = this.signer.sign('GET', key, options.expiresInSeconds);
    return { url, method: 'GET', headers: {}, expiresInSeconds: options.expiresInSeconds };
  }

  abstract localPathOf(key: string): string | null;
  abstract stat(key: string): Promise<ObjectInfo | null>;
  abstract read(key: string, expected?: ExpectedContent): Promise<AsyncIterable<Uint8Array> | null>;
  abstract write(key: string, body: AsyncIterable<Uint8Array>): Promise<ObjectInfo>;
  abstract delete(key: string): Promise<void>;
  abstract removeAbandonedWrites(prefix: string, before: Date): Promise<number>;
  abstract sha256(key: string): Promise<string | null>;
  abstract ping(): Promise<void>;
}
