import { randomBytes } from 'node:crypto';
import type { S3TestServer } from './test-servers.ts';
import { tempDataDir } from './temp-dir.ts';

/**
 * The environment of a service on the test servers: its own database, Redis key prefix,
 * bucket and data folder, so test files running at once never meet.
 */
export function sharedServersEnv(servers: { databaseUrl: string; redisUrl?: string; s3?: S3TestServer }, tag: string): Record<string, string> {
  const unique = `${tag}-${randomBytes(4).toString('hex')}`;
  return {
    DATABASE_URL: servers.databaseUrl,
    DATA_DIR: tempDataDir(`ingest-${tag}`),
    BCRYPT_COST: '4',
    ...(servers.redisUrl ? { REDIS_URL: servers.redisUrl, REDIS_KEY_PREFIX: unique } : {}),
    ...(servers.s3
      ? { S3_ENDPOINT: servers.s3.endpoint, S3_REGION: servers.s3.region, S3_ACCESS_KEY: servers.s3.accessKey, S3_SECRET_KEY: servers.s3.secretKey, S3_BUCKET: unique }
      : {}),
  };
}
