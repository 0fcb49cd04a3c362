import type { TestProject } from 'vitest/node';
import type { S3TestServer, TestServers } from './test-servers.ts';

type Stop = () => Promise<unknown>;

/**
 * Finds the servers the integration suites need: the `TEST_*` variables first (what CI
 * sets), else containers started through Testcontainers when a Docker engine answers.
 * What is found neither way (no engine, or a container that would not start, e.g. an image
 * that cannot be pulled) is recorded as absent, with the reason: its suites skip loudly.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Stop[] = [];
  const absent: TestServers['absent'] = {};
  const docker = await dockerAvailable();

  /** The server from its variable, else from a container, else recorded as absent. */
  async function find<T>(key: keyof TestServers['absent'], variable: string, given: T | undefined, start: () => Promise<{ value: T; stop: Stop }>) {
    if (given) return given;
    if (docker !== true) {
      absent[key] = `${variable} is unset and ${docker}`;
      return undefined;
    }
    try {
      const started = await start();
      stops.push(started.stop);
      return started.value;
    } catch (error) {
      absent[key] = `${variable} is unset and its container (${imageOf(key)}) did not start: ${firstLine(error)}`;
      console.warn(`\n  !!! global setup: ${absent[key]}\n`);
      return undefined;
    }
  }

  // The containers start side by side: Postgres' initdb and Swift's start take seconds each.
  const [databaseUrl, redisUrl, s3] = await Promise.all([
    find('databaseUrl', 'TEST_DATABASE_URL', process.env.TEST_DATABASE_URL, async () => {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer(IMAGES.postgres).start();
      return { value: container.getConnectionUri(), stop: () => container.stop() };
    }),
    find('redisUrl', 'TEST_REDIS_URL', process.env.TEST_REDIS_URL, async () => {
      const { RedisContainer } = await import('@testcontainers/redis');
      const container = await new RedisContainer(IMAGES.redis).start();
      return { value: container.getConnectionUrl(), stop: () => container.stop() };
    }),
    find('s3', 'TEST_S3_ENDPOINT', s3FromEnvironment(), () => startS3Container(IMAGES.s3)),
  ]);

  project.provide('servers', {
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(redisUrl ? { redisUrl } : {}),
    ...(s3 ? { s3 } : {}),
    absent,
  });
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}

/**
 * The images the containers start from: the upstream ones by default; machines with no registry
 * build stand-ins from Debian's packages (test/images/build-images.sh) and name them here.
 */
const IMAGES = {
  postgres: process.env.TEST_POSTGRES_IMAGE ?? 'postgres:17-alpine',
  redis: process.env.TEST_REDIS_IMAGE ?? 'redis:7-alpine',
  s3: process.env.TEST_S3_IMAGE ?? 'quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z',
};

const imageOf = (key: keyof TestServers['absent']): string => ({ databaseUrl: IMAGES.postgres, redisUrl: IMAGES.redis, s3: IMAGES.s3 })[key];

/** An S3 endpoint in a container: MinIO, or Swift's S3 API (test/images/s3-swift) when the image is that one. */
async function startS3Container(image: string): Promise<{ value: S3TestServer; stop: Stop }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const swift = image.includes('s3-swift');
  const [accessKey, secretKey] = swift ? ['test:tester', 'testing-secret'] : ['minioadmin', 'minioadmin'];
  const container = await (swift
    ? new GenericContainer(image).withEnvironment({ S3_ACCESS_KEY: accessKey, S3_SECRET_KEY: secretKey })
    : new GenericContainer(image).withCommand(['server', '/data']).withEnvironment({ MINIO_ROOT_USER: accessKey, MINIO_ROOT_PASSWORD: secretKey })
  )
    .withExposedPorts(9000)
    .withWaitStrategy(Wait.forHttp(swift ? '/healthcheck' : '/minio/health/ready', 9000))
    .start();
  const endpoint = `http://${container.getHost()}:${container.getMappedPort(9000)}`;
  return { value: { endpoint, region: 'us-east-1', accessKey, secretKey }, stop: () => container.stop() };
}

function s3FromEnvironment(): S3TestServer | undefined {
  const { TEST_S3_ENDPOINT, TEST_S3_ACCESS_KEY, TEST_S3_SECRET_KEY, TEST_S3_REGION } = process.env;
  if (!TEST_S3_ENDPOINT || !TEST_S3_ACCESS_KEY || !TEST_S3_SECRET_KEY) return undefined;
  return { endpoint: TEST_S3_ENDPOINT, accessKey: TEST_S3_ACCESS_KEY, secretKey: TEST_S3_SECRET_KEY, region: TEST_S3_REGION ?? 'us-east-1' };
}

/** True when Testcontainers reaches a container engine; otherwise why not. */
async function dockerAvailable(): Promise<true | string> {
  const wanted = [process.env.TEST_DATABASE_URL, process.env.TEST_REDIS_URL, process.env.TEST_S3_ENDPOINT];
  if (wanted.every(Boolean)) return 'every server is given by a TEST_* variable';
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch (error) {
    return `no container engine answers Testcontainers (${firstLine(error)})`;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
