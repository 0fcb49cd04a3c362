import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'current_password',
  '*.current_password',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'presigned_url',
  '*.presigned_url',
];

/** JSON lines in staging and production; human-readable in development. */
export function createLogger(config: Pick<Config, 'environment' | 'logLevel'>): Logger {
  const pretty = config.environment === 'development' && process.stdout.isTTY;
  return pino({
    level: config.logLevel,
    base: { service: 'ingest-service' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,service' } } } : {}),
  });
}
