import { levelInText } from '../levels.ts';
import { BLANK, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { isoFromEpochMs, parseBsdTime, parseIsoLike } from '../timestamps.ts';

// A leading timestamp: ISO-like (optionally bracketed) or syslog-style.
const LEADING_ISO = /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?\s?(?:Z|[+-]\d{2}:?\d{2})?)\]?\s*/i;
const LEADING_BSD = /^([A-Za-z]{3} {1,2}\d{1,2} \d{2}:\d{2}:\d{2})\s+/;
// Lines that continue the event before them: indented lines and stack-trace frames.
const CONTINUATION = /^(?:[ \t]+\S|\tat |Caused by: |\.\.\. \d+ more|Traceback \(most recent call last\):)/;

/**
 * Plain text, best effort: a leading timestamp and a level word are recognized when
 * present, and continuation lines (indented lines, `\tat …` frames, `Caused by: …`)
 * belong to the event before them. Every non-blank line is an event: nothing is rejected.
 */
export function textParser(referenceTime: Date): LineParser {
  return {
    joinsLines: true,
    parse(text: string, line: number): ParseOutcome {
      if (text.trim() === '') return BLANK;
      if (CONTINUATION.test(text)) return { kind: 'continuation' };
      let rest = text;
      let ts: string | null = null;
      const iso = LEADING_ISO.exec(rest);
      const bsd = iso ? null : LEADING_BSD.exec(rest);
      if (iso?.[1]) {
        const epochMs = parseIsoLike(iso[1]);
        if (epochMs !== null) {
          ts = isoFromEpochMs(epochMs);
          rest = rest.slice(iso[0].length);
        }
      } else if (bsd?.[1]) {
        const date = parseBsdTime(bsd[1], referenceTime);
        if (date) {
          ts = isoFromEpochMs(date.getTime());
          rest = rest.slice(bsd[0].length);
        }
      }
      const level = levelInText(rest.slice(0, 64));
      return {
        kind: 'event',
        event: { ts, level: level?.level ?? 'unknown', message: text, attrs: {}, line },
      };
    },
  };
}
