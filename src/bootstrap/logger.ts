import { pino, type DestinationStream, type Logger } from 'pino';
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

/** JSON lines in staging and production; human-readable on a development terminal. */
export function createLogger(config: Pick<Config, 'environment' | 'logLevel'>, destination?: DestinationStream): Logger {
  const options = { level: config.logLevel, base: { service: 'ingest-service' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (destination) return pino(options, destination);
  const pretty = config.environment === 'development' && process.stdout.isTTY;
  if (pretty) return pino({ ...options, transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,service' } } });
  // Buffered, asynchronous writes: a synchronous write per request line costs more than the
  // request itself at load. pino flushes what is buffered when the process exits.
  return pino(options, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}
