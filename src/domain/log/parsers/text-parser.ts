import { LEVEL_WORDS } from '../levels.ts';
import type { LocalTimes } from '../local-times.ts';
import { BLANK, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { LEVEL_SEARCH_CHARS, levelOfTextLine } from '../text-levels.ts';
import { type TextTime, TextTimeReader } from '../text-times.ts';
import { isoFromEpochMs } from '../timestamps.ts';

// What stands between the time and the message: spaces, a level written right after the time
// (`INFO`, `[warn]`, `<ERROR>`, `ERROR:`) and a `|`, `:` or `-`. Sticky: read from the time's end.
const AFTER_TIME = new RegExp(String.raw`\s*(?:[[<(]?(?:${LEVEL_WORDS})[\]>)]?:?(?=\s|$))?\s*(?:[|:-]\s*)?`, 'iy');

// Lines that continue the event before them: indented lines and stack-trace frames.
const CONTINUATION = /^(?:[ \t]+\S|\tat |Caused by: |\.\.\. \d+ more|Traceback \(most recent call last\):)/;

/** The line without its time and what stands between it and the message; columns before the time stay. */
function withoutTime(text: string, time: TextTime, afterTime: RegExp): string {
  const start = time.end - time.text.length;
  afterTime.lastIndex = time.end;
  afterTime.test(text);
  const rest = text.slice(afterTime.lastIndex);
  return start === 0 ? rest : `${text.slice(0, start).trimEnd()} ${rest}`;
}

/**
 * Plain text, best effort: a time in any of the common spellings (at the start or behind a
 * leading column or two) and a level are recognized when present, and continuation lines
 * (indented lines, `\tat …` frames, `Caused by: …`) belong to the event before them. Every
 * non-blank line is an event: nothing is rejected. The message is the line without its time (and a
 * level written right after it). A time in a zone nobody can resolve leaves
 * `ts` null and is kept as written in `attrs.time_text`.
 */
export function textParser(localTimes: LocalTimes): LineParser {
  const times = new TextTimeReader(localTimes);
  const afterTime = new RegExp(AFTER_TIME);
  return {
    joinsLines: true,
    parse(text: string, line: number): ParseOutcome {
      if (text.trim() === '') return BLANK;
      if (CONTINUATION.test(text)) return { kind: 'continuation' };
      const time = times.read(text);
      const level = time?.level ?? levelOfTextLine(text.slice(0, (time?.end ?? 0) + LEVEL_SEARCH_CHARS));
      const unread = time !== null && time.epochMs === null;
      return {
        kind: 'event',
        event: {
          ts: time?.epochMs == null ? null : isoFromEpochMs(time.epochMs),
          level,
          message: time === null ? text : withoutTime(text, time, afterTime),
          attrs: unread ? { time_text: time.text.trim() } : {},
          line,
        },
      };
    },
  };
}
