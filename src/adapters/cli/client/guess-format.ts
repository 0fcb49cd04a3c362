import { LOG_FORMATS, type LogFormat } from '../../../domain/upload/log-format.ts';

/**
 * The log format of a file, from its name (`app.json`, `access.log`…) or else its first
 * line. A guess: `--format` overrides it.
 */
export function guessFormat(filename: string, firstLine: string): LogFormat {
  const name = filename.toLowerCase().replace(/\.gz$/, '');
  for (const format of LOG_FORMATS) if (name.endsWith(`.${format}`)) return format;
  if (/\.(jsonl|ndjson)$/.test(name)) return 'json';
  const line = firstLine.trim();
  if (line.startsWith('{')) return 'json';
  if (/^<\d{1,3}>/.test(line) || /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d /.test(line)) return 'syslog';
  if (/^\S+ \S+ \S+ \[[^\]]+\] "/.test(line)) return 'clf';
  if (/^(\w+=("[^"]*"|\S*)\s*){2,}$/.test(line)) return 'logfmt';
  return 'text';
}
