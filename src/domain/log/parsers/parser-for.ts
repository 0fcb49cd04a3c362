import type { LogFormat } from '../../upload/log-format.ts';
import type { CustomFormat } from '../custom/custom-format.ts';
import type { LinePatternCompiler } from '../custom/line-pattern.ts';
import type { LineParser } from '../normalized-event.ts';
import { clfParser } from './clf-parser.ts';
import { customParser } from './custom-parser.ts';
import { jsonParser } from './json-parser.ts';
import { logfmtParser } from './logfmt-parser.ts';
import { syslogParser } from './syslog-parser.ts';
import { textParser } from './text-parser.ts';

/** How a file's lines are read. Plain data: it is sent to the parse threads as it is. */
export interface ParsingSpec {
  readonly format: LogFormat;
  /** The upload's time: dates timestamps that carry no year, as RFC 3164 ones do. */
  readonly referenceTime: Date;
  /** The pattern and time layout of the `custom` format; absent for the others. */
  readonly custom?: CustomFormat | null;
}

/**
 * The parser of a file's lines. `patterns` compiles the custom format's pattern (it throws
 * InvalidPatternError for one its engine refuses); the other formats do not use it.
 */
export function parserFor({ format, referenceTime, custom }: ParsingSpec, patterns?: LinePatternCompiler): LineParser {
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
    case 'custom':
      if (!custom || !patterns) throw new Error('The custom format needs its pattern and a pattern compiler');
      return customParser(custom, patterns.compile(custom.pattern), referenceTime);
  }
}
