import type { LogFormat } from '../../upload/log-format.ts';
import { LocalTimes } from '../local-times.ts';
import type { CustomFormat } from '../custom/custom-format.ts';
import type { LinePatternCompiler } from '../custom/line-pattern.ts';
import type { LineParser } from '../normalized-event.ts';
import { UTC_WALL_CLOCK, type WallClockZone } from '../wall-clock-zone.ts';
import type { TextDialect } from '../text-dialect.ts';
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
  /** The IANA zone of times written without an offset or a zone name; absent or null, they are UTC. */
  readonly timeZone?: string | null;
  /** The year of dates written without one, instead of the one `referenceTime` gives. */
  readonly year?: number | null;
  /** For text: how this file's events start, learned from its first lines (see learnDialect). */
  readonly dialect?: TextDialect | null;
  /** The pattern and time layout of the `custom` format; absent for the others. */
  readonly custom?: CustomFormat | null;
}

/** What the adapter building a parser brings: the machinery behind the spec's plain data. */
export interface ParserTools {
  /** The spec's timeZone as a WallClockZone; may be left out only when the spec names no zone. */
  readonly zone?: WallClockZone;
  /** Compiles the custom format's pattern (InvalidPatternError for one its engine refuses). */
  readonly patterns?: LinePatternCompiler;
}

/** The parser of a file's lines. */
export function parserFor(spec: ParsingSpec, tools: ParserTools = {}): LineParser {
  if (tools.zone === undefined && spec.timeZone != null) throw new Error(`parserFor needs the WallClockZone of ${spec.timeZone}`);
  const zone = tools.zone ?? UTC_WALL_CLOCK;
  const localTimes = (): LocalTimes => new LocalTimes(zone, spec.referenceTime, spec.year ?? null);
  switch (spec.format) {
    case 'json':
      return jsonParser(zone);
    case 'logfmt':
      return logfmtParser(zone);
    case 'syslog':
      return syslogParser(localTimes());
    case 'clf':
      return clfParser;
    case 'text':
      return textParser(localTimes(), spec.dialect ?? null);
    case 'custom':
      if (!spec.custom || !tools.patterns) throw new Error('The custom format needs its pattern and a pattern compiler');
      return customParser(spec.custom, tools.patterns.compile(spec.custom.pattern), localTimes());
  }
}
