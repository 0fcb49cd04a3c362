import type { LogLevel } from '../job/job-result.ts';

const NAMES: Record<string, LogLevel> = {
  trace: 'trace', finest: 'trace', finer: 'trace', verbose: 'trace',
  debug: 'debug', dbg: 'debug', fine: 'debug',
  info: 'info', information: 'info', informational: 'info', notice: 'info', inf: 'info', log: 'info',
  warn: 'warn', warning: 'warn', wrn: 'warn',
  error: 'error', err: 'error', eror: 'error', severe: 'error',
  fatal: 'fatal', critical: 'fatal', crit: 'fatal', alert: 'fatal', emerg: 'fatal', emergency: 'fatal', panic: 'fatal',
};

/** A level name in any common spelling (INFO, Warning, err, CRITICAL…); unknown otherwise. */
export function levelFromName(name: string): LogLevel {
  return NAMES[name.trim().toLowerCase()] ?? 'unknown';
}

/**
 * A numeric level, told apart by magnitude as no logger's range overlaps another's: an
 * integer 0–7 is a syslog severity (journald's PRIORITY, GELF's level), 10 and up a
 * pino/bunyan level (10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal).
 */
export function levelFromNumber(value: number): LogLevel {
  if (!Number.isFinite(value)) return 'unknown';
  if (value >= 60) return 'fatal';
  if (value >= 50) return 'error';
  if (value >= 40) return 'warn';
  if (value >= 30) return 'info';
  if (value >= 20) return 'debug';
  if (value >= 10) return 'trace';
  return Number.isInteger(value) ? levelFromSyslogSeverity(value) : 'unknown';
}

/** A level given as a name or a number (see levelFromNumber), in a JSON value. */
export function levelFromValue(value: unknown): LogLevel {
  if (typeof value === 'number') return levelFromNumber(value);
  if (typeof value === 'string') return /^\d+$/.test(value) ? levelFromNumber(Number(value)) : levelFromName(value);
  return 'unknown';
}

const SYSLOG_SEVERITIES: readonly LogLevel[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'];

/** Syslog severity 0 (emergency) … 7 (debug). */
export const levelFromSyslogSeverity = (severity: number): LogLevel => SYSLOG_SEVERITIES[severity] ?? 'unknown';

/** An HTTP status as a level: 5xx error, 4xx warn, others info. */
export function levelFromHttpStatus(status: number): LogLevel {
  if (status >= 500 && status <= 599) return 'error';
  if (status >= 400 && status <= 499) return 'warn';
  if (status >= 100 && status <= 399) return 'info';
  return 'unknown';
}

/** The level words free text writes, as a pattern's alternation (matched without regard to case). */
export const LEVEL_WORDS = 'TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|FATAL|CRITICAL|CRIT|ALERT|EMERG|PANIC';

const LEVEL_WORD = new RegExp(String.raw`(?:^|[\s[(<|:])(${LEVEL_WORDS})(?=$|[\s\]):>|,-])`, 'i');

/** The first level word in free text (`… ERROR …`, `[warn]`, `<INFO>`), if any. */
export function levelInText(text: string): { level: LogLevel; index: number; length: number } | null {
  const match = LEVEL_WORD.exec(text);
  if (!match?.[1]) return null;
  const index = match.index + match[0].indexOf(match[1]);
  return { level: levelFromName(match[1]), index, length: match[1].length };
}
