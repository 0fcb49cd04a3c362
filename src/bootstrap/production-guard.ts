import { isPublished, secretWeakness } from './secret-strength.ts';

/** The settings the production guard judges (parsed environment variables). */
export interface GuardedSettings {
  readonly ENVIRONMENT: string;
  readonly JWT_SECRET_KEY: string;
  readonly STORAGE_URL_SECRET?: string | undefined;
  readonly METRICS_TOKEN?: string | undefined;
  readonly METRICS_PUBLIC: boolean;
  readonly S3_ENDPOINT?: string | undefined;
  readonly S3_ACCESS_KEY: string;
  readonly S3_SECRET_KEY: string;
  readonly DATABASE_URL?: string | undefined;
  readonly CORS_ORIGINS: string;
  readonly DEBUG: boolean;
  readonly ADMIN_PASSWORD: string;
  readonly BCRYPT_COST: number;
}

/** Shortest secret accepted in production: 32 characters, e.g. `openssl rand -base64 48` gives 64. */
const MIN_SECRET_LENGTH = 32;
const GENERATE = 'generate one with `openssl rand -base64 48`';

/** Settings that would be a security hole in production, every one named; none elsewhere. */
export function productionProblems(env: GuardedSettings): string[] {
  if (env.ENVIRONMENT !== 'production') return [];
  const problems: string[] = [];
  const secret = (name: string, value: string | undefined): void => {
    const weakness = value === undefined ? `is not set; ${GENERATE}` : secretWeakness(value, MIN_SECRET_LENGTH);
    if (weakness) problems.push(`${name} ${weakness}`);
  };

  secret('JWT_SECRET_KEY', env.JWT_SECRET_KEY);
  // Self-served storage URLs need a key of their own: a leaked token key must not forge them too.
  if (!env.S3_ENDPOINT) {
    secret('STORAGE_URL_SECRET', env.STORAGE_URL_SECRET);
    if (env.STORAGE_URL_SECRET === env.JWT_SECRET_KEY) problems.push('STORAGE_URL_SECRET must differ from JWT_SECRET_KEY');
  }
  if (env.METRICS_TOKEN !== undefined) secret('METRICS_TOKEN', env.METRICS_TOKEN);
  else if (!env.METRICS_PUBLIC) problems.push(`METRICS_TOKEN is not set (or set METRICS_PUBLIC=true to serve /metrics to anyone); ${GENERATE}`);
  if (env.S3_ENDPOINT && (isPublished(env.S3_ACCESS_KEY) || isPublished(env.S3_SECRET_KEY))) {
    problems.push('S3_ACCESS_KEY / S3_SECRET_KEY are the MinIO defaults or published placeholders');
  }
  if (env.DATABASE_URL && isPublished(databasePassword(env.DATABASE_URL))) problems.push("DATABASE_URL's password is a published placeholder or default");
  if (env.CORS_ORIGINS.split(',').some((origin) => origin.trim() === '*')) problems.push('CORS_ORIGINS must not be *');
  if (env.DEBUG) problems.push('DEBUG must be false');
  if (isPublished(env.ADMIN_PASSWORD)) problems.push('ADMIN_PASSWORD is the development default or a published placeholder');
  if (env.BCRYPT_COST < 12) problems.push('BCRYPT_COST must be at least 12');
  return problems;
}

function databasePassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}
