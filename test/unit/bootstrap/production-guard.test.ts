import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/bootstrap/config.ts';
import { tempDataDir } from '../../support/temp-dir.ts';

/** A production environment that passes: local storage, every secret generated. */
const strong = () => ({
  ENVIRONMENT: 'production',
  JWT_SECRET_KEY: randomBytes(48).toString('base64'),
  STORAGE_URL_SECRET: randomBytes(48).toString('base64'),
  METRICS_TOKEN: randomBytes(32).toString('hex'),
  ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
});

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/** `.env.example` as docker compose would hand it to the service (see docker-compose.yml). */
function envExampleAsCompose(): Record<string, string> {
  const file = Object.fromEntries(
    readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const { POSTGRES_PASSWORD, MINIO_ROOT_USER, MINIO_ROOT_PASSWORD, ...service } = file;
  return {
    ...service,
    DATABASE_URL: `postgres://ingest:${POSTGRES_PASSWORD}@postgres:5432/ingest`,
    S3_ENDPOINT: 'http://minio:9000',
    S3_ACCESS_KEY: MINIO_ROOT_USER!,
    S3_SECRET_KEY: MINIO_ROOT_PASSWORD!,
  };
}

describe('the production guard', () => {
  it('accepts generated secrets', () => {
    expect(problemsOf(strong())).toEqual([]);
    expect(problemsOf({ ...strong(), JWT_SECRET_KEY: randomBytes(16).toString('hex') })).toEqual([]);
  });

  it("refuses every placeholder of .env.example, as compose passes them, naming each at once", () => {
    const env = envExampleAsCompose();
    expect(env.ENVIRONMENT).toBe('production');
    const problems = problemsOf(env).join('\n');
    for (const name of ['JWT_SECRET_KEY', 'METRICS_TOKEN', 'S3_ACCESS_KEY', 'DATABASE_URL', 'ADMIN_PASSWORD']) expect(problems).toContain(name);
  });

  it('refuses the placeholder an admin token was forged with, and the development defaults', () => {
    expect(problemsOf({ ...strong(), JWT_SECRET_KEY: 'change-me-to-at-least-32-random-characters' })).toEqual([
      'JWT_SECRET_KEY is a published placeholder or default',
    ]);
    const { JWT_SECRET_KEY: _jwt, ADMIN_PASSWORD: _admin, ...defaults } = strong();
    expect(problemsOf(defaults)).toEqual([
      'JWT_SECRET_KEY is a published placeholder or default',
      'ADMIN_PASSWORD is the development default or a published placeholder',
    ]);
    // The compose file's own defaults: MinIO's keys and the Postgres password `ingest`.
    expect(problemsOf({ ...strong(), S3_ENDPOINT: 'http://minio:9000', DATABASE_URL: 'postgres://ingest:ingest@postgres:5432/ingest' })).toEqual([
      'S3_ACCESS_KEY / S3_SECRET_KEY are the MinIO defaults or published placeholders',
      "DATABASE_URL's password is a published placeholder or default",
    ]);
  });

  it('refuses short and low-entropy secrets, saying which and why', () => {
    const weak = {
      ...strong(),
      JWT_SECRET_KEY: 'only-twenty-chars-xx',
      STORAGE_URL_SECRET: 'passwordpasswordpasswordpassword',
      METRICS_TOKEN: 'abcdefghijklmnopqrstuvwxyz0123456789',
    };
    expect(problemsOf(weak)).toEqual([
      'JWT_SECRET_KEY must be at least 32 characters (it has 20)',
      'STORAGE_URL_SECRET repeats itself (a random value does not)',
      'METRICS_TOKEN is mostly runs or sequences of characters',
    ]);
    expect(problemsOf({ ...strong(), JWT_SECRET_KEY: 'x'.repeat(64) })).toEqual([expect.stringMatching(/^JWT_SECRET_KEY has too little entropy/)]);
    expect(problemsOf({ ...strong(), JWT_SECRET_KEY: 'Password123Password123Password123!' })).toEqual(['JWT_SECRET_KEY repeats itself (a random value does not)']);
  });

  it('accepts every one of many generated secrets, however they are written', () => {
    for (let i = 0; i < 2_000; i++) {
      for (const secret of [randomBytes(48).toString('base64'), randomBytes(32).toString('hex'), randomBytes(24).toString('base64url')]) {
        expect(problemsOf({ ...strong(), JWT_SECRET_KEY: secret }), secret).toEqual([]);
      }
    }
  });

  it('needs a storage URL secret of its own for self-served storage, and none on S3', () => {
    const { STORAGE_URL_SECRET: _storage, ...local } = strong();
    expect(problemsOf(local)).toEqual([expect.stringMatching(/^STORAGE_URL_SECRET is not set; generate one with `openssl rand -base64 48`/)]);
    const same = strong();
    expect(problemsOf({ ...same, STORAGE_URL_SECRET: same.JWT_SECRET_KEY })).toEqual(['STORAGE_URL_SECRET must differ from JWT_SECRET_KEY']);
    const s3 = { S3_ENDPOINT: 'http://s3.internal:9000', S3_ACCESS_KEY: 'ingest-service', S3_SECRET_KEY: randomBytes(30).toString('base64') };
    expect(problemsOf({ ...local, ...s3 })).toEqual([]);
  });

  it('needs METRICS_TOKEN, unless METRICS_PUBLIC=true says /metrics may be public', () => {
    const { METRICS_TOKEN: _token, ...open } = strong();
    expect(problemsOf(open)).toEqual([expect.stringMatching(/^METRICS_TOKEN is not set \(or set METRICS_PUBLIC=true/)]);
    expect(problemsOf({ ...open, METRICS_PUBLIC: 'true' })).toEqual([]);
  });

  it('judges nothing outside production', () => {
    expect(problemsOf({ ENVIRONMENT: 'staging', JWT_SECRET_KEY: 'change-me-to-at-least-32-random-characters' })).toEqual([]);
  });
});

describe('secrets from files (NAME_FILE)', () => {
  const secretFile = (content: string): string => {
    const path = join(tempDataDir('secret'), 'secret');
    writeFileSync(path, content);
    return path;
  };

  it('reads NAME from the file NAME_FILE names, without its trailing newline', () => {
    const { JWT_SECRET_KEY, ...env } = strong();
    const config = loadConfig({ ...env, JWT_SECRET_KEY_FILE: secretFile(`${JWT_SECRET_KEY}\n`) });
    expect(config.jwt.secret).toBe(JWT_SECRET_KEY);
  });

  it('judges a secret from a file like any other', () => {
    const { JWT_SECRET_KEY: _, ...env } = strong();
    expect(problemsOf({ ...env, JWT_SECRET_KEY_FILE: secretFile('change-me') })).toEqual([expect.stringContaining('JWT_SECRET_KEY')]);
  });

  it("leaves other programs' _FILE variables alone", () => {
    expect(problemsOf({ ...strong(), TF_CLI_CONFIG_FILE: '/nonexistent/.terraformrc' })).toEqual([]);
  });

  it('refuses a file it cannot read, and a secret given both ways', () => {
    const { ADMIN_PASSWORD, ...env } = strong();
    expect(problemsOf({ ...env, ADMIN_PASSWORD_FILE: '/nonexistent/admin-password' })).toEqual(['ADMIN_PASSWORD_FILE: cannot read /nonexistent/admin-password (ENOENT)']);
    expect(problemsOf({ ...env, ADMIN_PASSWORD, ADMIN_PASSWORD_FILE: secretFile(ADMIN_PASSWORD) })).toEqual(['ADMIN_PASSWORD: set both ADMIN_PASSWORD and ADMIN_PASSWORD_FILE; keep one']);
  });
});
