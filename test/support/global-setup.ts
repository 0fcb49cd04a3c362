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
      absent[key] = `${variable} is unset and its container did not start (${firstLine(error)})`;
      console.warn(`\n  !!! global setup: ${absent[key]}\n`);
      return undefined;
    }
  }

  const databaseUrl = await find('databaseUrl', 'TEST_DATABASE_URL', process.env.TEST_DATABASE_URL, async () => {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:17-alpine').start();
    return { value: container.getConnectionUri(), stop: () => container.stop() };
  });
  const redisUrl = await find('redisUrl', 'TEST_REDIS_URL', process.env.TEST_REDIS_URL, async () => {
    const { RedisContainer } = await import('@testcontainers/redis');
    const container = await new RedisContainer('redis:7-alpine').start();
    return { value: container.getConnectionUrl(), stop: () => container.stop() };
  });
  const s3 = await find('s3', 'TEST_S3_ENDPOINT', s3FromEnvironment(), async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('minio/minio:latest')
      .withCommand(['server', '/data'])
      .withEnvironment({ MINIO_ROOT_USER: 'minioadmin', MINIO_ROOT_PASSWORD: 'minioadmin' })
      .withExposedPorts(9000)
      .withWaitStrategy(Wait.forHttp('/minio/health/ready', 9000))
      .start();
    const endpoint = `http://${container.getHost()}:${container.getMappedPort(9000)}`;
    return { value: { endpoint, region: 'us-east-1', accessKey: 'minioadmin', secretKey: 'minioadmin' }, stop: () => container.stop() };
  });

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
