import type { TestProject } from 'vitest/node';
import type { S3TestServer, TestServers } from './test-servers.ts';

type Stop = () => Promise<unknown>;

/**
 * Finds the servers the integration suites need: the `TEST_*` variables first (what CI
 * sets), else containers started through Testcontainers when a Docker engine answers.
 * What is found neither way is recorded as absent, with the reason.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Stop[] = [];
  const absent: TestServers['absent'] = {};
  const docker = await dockerAvailable();

  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl && docker === true) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:17-alpine').start();
    stops.push(() => container.stop());
    databaseUrl = container.getConnectionUri();
  }
  if (!databaseUrl) absent.databaseUrl = `TEST_DATABASE_URL is unset and ${docker}`;

  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl && docker === true) {
    const { RedisContainer } = await import('@testcontainers/redis');
    const container = await new RedisContainer('redis:7-alpine').start();
    stops.push(() => container.stop());
    redisUrl = container.getConnectionUrl();
  }
  if (!redisUrl) absent.redisUrl = `TEST_REDIS_URL is unset and ${docker}`;

  let s3: S3TestServer | undefined = s3FromEnvironment();
  if (!s3 && docker === true) {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('minio/minio:latest')
      .withCommand(['server', '/data'])
      .withEnvironment({ MINIO_ROOT_USER: 'minioadmin', MINIO_ROOT_PASSWORD: 'minioadmin' })
      .withExposedPorts(9000)
      .withWaitStrategy(Wait.forHttp('/minio/health/ready', 9000))
      .start();
    stops.push(() => container.stop());
    s3 = {
      endpoint: `http://${container.getHost()}:${container.getMappedPort(9000)}`,
      region: 'us-east-1',
      accessKey: 'minioadmin',
      secretKey: 'minioadmin',
    };
  }
  if (!s3) absent.s3 = `TEST_S3_ENDPOINT is unset and ${docker}`;

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
    return `no container engine answers Testcontainers (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}
