import type { ObjectStore, PresignedRequest } from '../../application/ports/object-store.ts';
import type { UrlSigner } from './url-signer.ts';

/** An object store whose presigned URLs this service answers itself, on its storage route. */
export interface SelfServedObjectStore extends ObjectStore {
  readonly signer: UrlSigner;
}

export const UPLOAD_HEADERS = { 'Content-Type': 'application/octet-stream' } as const;

/** Presigned-request helpers shared by the self-served stores. */
export function signedUpload(signer: UrlSigner, key: string, expiresInSeconds: number, maxBytes: number): PresignedRequest {
  return { url: signer.sign('PUT', key, expiresInSeconds, maxBytes), method: 'PUT', headers: UPLOAD_HEADERS, expiresInSeconds };
}

export function signedDownload(signer: UrlSigner, key: string, expiresInSeconds: number): PresignedRequest {
  return { url: signer.sign('GET', key, expiresInSeconds), method: 'GET', headers: {}, expiresInSeconds };
}
