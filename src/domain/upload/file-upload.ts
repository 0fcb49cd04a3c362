import type { UploadCustomFormat } from '../log/custom/custom-format.ts';
import type { LogFormat } from './log-format.ts';

export type StorageType = 's3' | 'local' | 'memory';

/** The file a job processes: what the client declared at init, and where it lives. */
export interface FileUpload {
  readonly jobId: string;
  readonly storageType: StorageType;
  /** S3 bucket; null for storage without buckets. */
  readonly bucket: string | null;
  readonly objectKey: string;
  /** Absolute path for local storage, else null. */
  readonly localPath: string | null;
  /** Declared at init, verified at complete. */
  readonly fileSize: number;
  readonly logFormat: LogFormat;
  /** The pattern of a `custom` upload, as it was at init; absent or null for the other formats. */
  readonly customFormat?: UploadCustomFormat | null;
  /** The sanitized original name, for display. */
  readonly filename: string;
  /** Lower-case hex, when the client declared one. */
  readonly checksumSha256: string | null;
  readonly createdAt: Date;
}
