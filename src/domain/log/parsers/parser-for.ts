import type { LogFormat } from '../../upload/log-format.ts';
import type { LineParser } from '../normalized-event.ts';
import { clfParser } from './clf-parser.ts';
import { jsonParser } from './json-parser.ts';
import { logfmtParser } from './logfmt-parser.ts';
import { syslogParser } from './syslog-parser.ts';
import { textParser } from './text-parser.ts';

/**
 * The parser of a log format. `referenceTime` (the upload time) dates timestamps that
 * carry no year, as RFC 3164 ones do.
 */
export function parserFor(format: LogFormat, referenceTime: Date): LineParser {
  switch (format) {
    case 'json':
      return jsonParser();
    case 'logfmt':
      return logfmtParser();
    case 'syslog':
      return syslogParser(referenceTime);
    case 'clf':
      return clfParser;
    case 'text':
      return textParser(referenceTime);
  }
}
