import type { LogFormat } from '../../upload/log-format.ts';
import type { LineParser } from '../normalized-event.ts';
import type { TextDialect } from '../text-dialect.ts';
import { clfParser } from './clf-parser.ts';
import { jsonParser } from './json-parser.ts';
import { logfmtParser } from './logfmt-parser.ts';
import { syslogParser } from './syslog-parser.ts';
import { textParser } from './text-parser.ts';

/** How a file's lines are read. Plain data: it is sent to the parse threads as it is. */
export interface ParsingSpec {
  readonly format: LogFormat;
  /** The upload's time: dates timestamps that carry no year, as RFC 3164 ones do. */
  readonly referenceTime: Date;
  /** For text: how this file's events start, learned from its first lines (see learnDialect). */
  readonly dialect?: TextDialect | null;
}

/** The parser of a file's lines. */
export function parserFor({ format, referenceTime, dialect = null }: ParsingSpec): LineParser {
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
      return textParser(referenceTime, dialect);
  }
}
