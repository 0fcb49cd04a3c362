import type { UploadCustomFormat } from '../log/custom/custom-format.ts';
import type { RequestedLogFormat } from './log-format.ts';

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
  /** As requested: `auto` stays `auto` (the job's result records what was detected). */
  readonly logFormat: RequestedLogFormat;
  /** The pattern of a `custom` upload, as it was at init; absent or null for the other formats. */
  readonly customFormat?: UploadCustomFormat | null;
  /** The sanitized original name, for display. */
  readonly filename: string;
  /** Lower-case hex, when the client declared one. */
  readonly checksumSha256: string | null;
  /** The IANA zone of times the file writes without an offset; null: UTC. */
  readonly timeZone: string | null;
  /** The year of dates the file writes without one; null: the year that puts them nearest before the upload. */
  readonly year: number | null;
  readonly createdAt: Date;
}
