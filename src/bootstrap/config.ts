import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isAcceptablePassword, MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from '../domain/user/password-rules.ts';
import { DEFAULT_ADMIN, DEFAULT_JWT_SECRET, DEFAULT_S3_KEYS } from './development-defaults.ts';
import { productionProblems } from './production-guard.ts';
import { withFileVariables } from './file-variables.ts';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));
const positiveInt = z.coerce.number().int().positive();
const optionalUrl = z.url().optional();

/** Every environment variable of PRODUCT.md §8, with its default. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).default(9464),
  ENVIRONMENT: z.enum(['development', 'staging', 'production']).default('development'),
  DEBUG: flag.default(false),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  S3_ENDPOINT: optionalUrl,
  S3_PUBLIC_ENDPOINT: optionalUrl,
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY: z.string().min(1).default(DEFAULT_S3_KEYS.access),
  S3_SECRET_KEY: z.string().min(1).default(DEFAULT_S3_KEYS.secret),
  S3_BUCKET: z.string().min(3).default('ingest'),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_POSTGRES_STOP_WITH_PARENT: flag.default(true),
  STORAGE_DIR: z.string().min(1).optional(),
  PUBLIC_BASE_URL: optionalUrl,
  JWT_SECRET_KEY: z.string().min(16, 'must be at least 16 characters').default(DEFAULT_JWT_SECRET),
  STORAGE_URL_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PUBLIC: flag.default(false),
  JWT_ISSUER: z.string().min(1).default('ingest-service'),
  JWT_AUDIENCE: z.string().min(1).default('ingest-api'),
  JWT_ACCESS_TOKEN_EXPIRE_MINUTES: positiveInt.default(30),
  JWT_REFRESH_TOKEN_EXPIRE_DAYS: positiveInt.default(7),
  UPLOAD_URL_EXPIRE_SECONDS: positiveInt.max(7 * 24 * 3600).default(1800),
  MAX_UPLOAD_BYTES: positiveInt.default(100 * 1024 * 1024),
  RATE_LIMIT_ENABLED: flag.default(true),
  RATE_LIMIT_PER_MINUTE: positiveInt.default(60),
  REQUEST_TIMEOUT_SECONDS: positiveInt.default(30),
  CORS_ORIGINS: z.string().default(''),
  JOB_MAX_RETRIES: z.coerce.number().int().min(0).max(100).default(3),
  WORKER_CONCURRENCY: positiveInt.max(64).default(2),
  PARSE_THREADS: z.coerce.number().int().min(0).max(64).default(availableParallelism()),
  MAX_DECOMPRESSED_BYTES: positiveInt.default(1024 * 1024 * 1024),
  MAX_DECOMPRESSION_RATIO: positiveInt.default(200),
  MAX_JOB_LINES: positiveInt.default(50_000_000),
  MAX_OUTPUT_BYTES: positiveInt.optional(),
  MAX_JOB_CPU_SECONDS: positiveInt.default(300),
  FAILED_JOB_FILES_RETENTION_HOURS: z.coerce.number().int().min(0).default(168),
  REDIS_KEY_PREFIX: z.string().min(1).default('ingest'),
  QUEUE_VISIBILITY_TIMEOUT_SECONDS: positiveInt.default(300),
  QUEUE_MAX_DELIVERIES: positiveInt.default(5),
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).default(60),
  RECONCILE_INTERVAL_SECONDS: positiveInt.default(10),
  BCRYPT_COST: z.coerce.number().int().min(4).max(31).default(12),
  PASSWORD_HASH_THREADS: positiveInt.max(64).default(Math.max(1, Math.floor(availableParallelism() / 2))),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(4),
  ADMIN_USERNAME: z.string().min(1).default(DEFAULT_ADMIN.username),
  ADMIN_PASSWORD: z
    .string()
    .refine(isAcceptablePassword, `must be ${MIN_PASSWORD_LENGTH} characters to ${MAX_PASSWORD_BYTES} bytes of UTF-8`)
    .default(DEFAULT_ADMIN.password),
});

const VARIABLE_NAMES: ReadonlySet<string> = new Set(Object.keys(environmentSchema.shape));

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Reads and checks the environment (`NAME_FILE` variables read from their files); throws ConfigError naming every problem. */
export function loadConfig(source: Record<string, string | undefined>) {
  const { env: expanded, problems: fileProblems } = withFileVariables(source, VARIABLE_NAMES);
  if (fileProblems.length > 0) throw new ConfigError(fileProblems);
  // Treat empty variables as unset, as shells and compose files often produce them.
  const present = Object.fromEntries(Object.entries(expanded).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems = productionProblems(env);
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(env.DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    metricsPort: env.METRICS_PORT,
    environment: env.ENVIRONMENT,
    debug: env.DEBUG,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL ?? null,
    redisUrl: env.REDIS_URL ?? null,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    s3: env.S3_ENDPOINT
      ? {
          endpoint: env.S3_ENDPOINT,
          publicEndpoint: env.S3_PUBLIC_ENDPOINT ?? env.S3_ENDPOINT,
          region: env.S3_REGION,
          accessKey: env.S3_ACCESS_KEY,
          secretKey: env.S3_SECRET_KEY,
          bucket: env.S3_BUCKET,
        }
      : null,
    dataDir,
    embeddedPostgres: { stopWithParent: env.EMBEDDED_POSTGRES_STOP_WITH_PARENT },
    storageDir: resolve(env.STORAGE_DIR ?? `${dataDir}/objects`),
    publicBaseUrl: env.PUBLIC_BASE_URL ?? defaultBaseUrl(env.HOST, env.PORT),
    /** Signs the storage URLs the service serves itself; null: derived from the JWT secret (development). */
    storageUrlSecret: env.STORAGE_URL_SECRET ?? null,
    /** Bearer token `/metrics` asks for; null: open to anyone. */
    metricsToken: env.METRICS_TOKEN ?? null,
    jwt: {
      secret: env.JWT_SECRET_KEY,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTtlSeconds: env.JWT_ACCESS_TOKEN_EXPIRE_MINUTES * 60,
      refreshTtlSeconds: env.JWT_REFRESH_TOKEN_EXPIRE_DAYS * 24 * 3600,
    },
    uploads: { maxUploadBytes: env.MAX_UPLOAD_BYTES, uploadUrlExpiresSeconds: env.UPLOAD_URL_EXPIRE_SECONDS },
    rateLimit: { enabled: env.RATE_LIMIT_ENABLED, perMinute: env.RATE_LIMIT_PER_MINUTE },
    requestTimeoutSeconds: env.REQUEST_TIMEOUT_SECONDS,
    corsOrigins: env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    worker: {
      maxRetries: env.JOB_MAX_RETRIES,
      concurrency: env.WORKER_CONCURRENCY,
      parseThreads: env.PARSE_THREADS,
      budgets: {
        maxDecompressedBytes: env.MAX_DECOMPRESSED_BYTES,
        maxDecompressionRatio: env.MAX_DECOMPRESSION_RATIO,
        maxLines: env.MAX_JOB_LINES,
        maxOutputBytes: env.MAX_OUTPUT_BYTES ?? env.MAX_DECOMPRESSED_BYTES,
        maxCpuSeconds: env.MAX_JOB_CPU_SECONDS,
      },
    },
    queue: {
      keyPrefix: `${env.REDIS_KEY_PREFIX}:jobs`,
      visibilityTimeoutMs: env.QUEUE_VISIBILITY_TIMEOUT_SECONDS * 1000,
      maxDeliveries: env.QUEUE_MAX_DELIVERIES,
    },
    reconcile: { leaseMs: env.JOB_LEASE_SECONDS * 1000, intervalMs: env.RECONCILE_INTERVAL_SECONDS * 1000 },
    retention: { failedJobFilesHours: env.FAILED_JOB_FILES_RETENTION_HOURS },
    passwordHashing: { cost: env.BCRYPT_COST, threads: env.PASSWORD_HASH_THREADS, queue: env.PASSWORD_HASH_QUEUE },
    admin: { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD },
  };
}

export type Config = ReturnType<typeof loadConfig>;

/** Where clients reach the service when PUBLIC_BASE_URL is unset: the address it binds. */
function defaultBaseUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::') return `http://localhost:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
