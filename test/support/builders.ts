import type { Actor } from '../../src/application/auth/actor.ts';
import { createJob, type Job } from '../../src/domain/job/job.ts';
import type { JobResult } from '../../src/domain/job/job-result.ts';
import type { FileUpload } from '../../src/domain/upload/file-upload.ts';
import type { User } from '../../src/domain/user/user.ts';

let counter = 0;
const nextId = (): string => `10000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;

export const T0 = new Date('2026-03-01T12:00:00.000Z');

export function aJob(overrides: Partial<Job> = {}): Job {
  return { ...createJob({ id: nextId(), ownerId: nextId(), source: 'api' }, overrides.createdAt ?? T0), ...overrides };
}

export function anUpload(job: Job, overrides: Partial<FileUpload> = {}): FileUpload {
  return {
    jobId: job.id,
    storageType: 'memory',
    bucket: null,
    objectKey: `uploads/${job.id}/logs.txt`,
    localPath: null,
    fileSize: 42,
    logFormat: 'text',
    filename: 'logs.txt',
    checksumSha256: null,
    timeZone: null,
    year: null,
    createdAt: job.createdAt,
    ...overrides,
  };
}

export function aResult(jobId: string, overrides: Partial<JobResult> = {}): JobResult {
  return {
    jobId,
    linesTotal: 10,
    eventsParsed: 9,
    linesRejected: 1,
    bytesProcessed: 420,
    levelCounts: { info: 7, error: 2 },
    firstEventAt: T0,
    lastEventAt: new Date(T0.getTime() + 60_000),
    outputKey: `processed/${jobId}.ndjson.gz`,
    sampleErrors: [{ line: 3, reason: 'not valid JSON' }],
    detectedFormat: null,
    dialect: null,
    ...overrides,
  };
}

export function aUser(overrides: Partial<User> = {}): User {
  const id = overrides.id ?? nextId();
  return {
    id,
    username: `user-${id.slice(-6)}`,
    email: `user-${id.slice(-6)}@example.com`,
    fullName: 'Test User',
    role: 'user',
    isActive: true,
    passwordHash: 'sha256$00$00',
    sessionVersion: 0,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export const actorOf = (user: User): Actor => ({ userId: user.id, username: user.username, role: user.role });

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

export async function* bytesOf(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}
