import type { LogFormat } from '../../upload/log-format.ts';
import { LocalTimes } from '../local-times.ts';
import type { LineParser } from '../normalized-event.ts';
import { UTC_WALL_CLOCK, type WallClockZone } from '../wall-clock-zone.ts';
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
  /** The IANA zone of times written without an offset or a zone name; absent or null, they are UTC. */
  readonly timeZone?: string | null;
  /** The year of dates written without one, instead of the one `referenceTime` gives. */
  readonly year?: number | null;
  /** For text: how this file's events start, learned from its first lines (see learnDialect). */
  readonly dialect?: TextDialect | null;
}

/**
 * The parser of a file's lines. `zone` is the spec's timeZone as the caller's adapter makes it
 * (see WallClockZone); it may be left out only when the spec names no zone.
 */
export function parserFor(spec: ParsingSpec, zone?: WallClockZone): LineParser {
  if (zone === undefined && spec.timeZone != null) throw new Error(`parserFor needs the WallClockZone of ${spec.timeZone}`);
  return parserIn(spec, zone ?? UTC_WALL_CLOCK);
}

function parserIn(spec: ParsingSpec, zone: WallClockZone): LineParser {
  switch (spec.format) {
    case 'json':
      return jsonParser(zone);
    case 'logfmt':
      return logfmtParser(zone);
    case 'syslog':
      return syslogParser(new LocalTimes(zone, spec.referenceTime, spec.year ?? null));
    case 'clf':
      return clfParser;
    case 'text':
      return textParser(new LocalTimes(zone, spec.referenceTime, spec.year ?? null), spec.dialect ?? null);
  }
}
