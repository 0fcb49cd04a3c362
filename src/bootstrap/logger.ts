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
  // One synchronous write per line: every line is out when the call returns, so a SIGKILL or the
  // OOM killer loses none, and no line waits on libuv's pool.
  return pino(options, pino.destination({ dest: 1, sync: true }));
}
