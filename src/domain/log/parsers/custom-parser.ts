import type { CustomFormat } from '../custom/custom-format.ts';
import type { LinePattern } from '../custom/line-pattern.ts';
import { compileTimeLayout, type TimeLayout } from '../custom/time-layout.ts';
import { levelFromValue } from '../levels.ts';
import type { LocalTimes } from '../local-times.ts';
import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { TextTimeReader } from '../text-times.ts';
import { EPOCH_DIGITS, isoFromEpochMs, parseClfTime, parseIsoLike, parseTimestampValue } from '../timestamps.ts';

/** The groups that become the event's own fields rather than attrs. */
const ROLES = new Set(['ts', 'level', 'message']);

/**
 * A custom format: `pattern` (compiled from `format.pattern` by the caller's engine) is
 * searched in each line; its `ts`, `level` and `message` groups become the event's, every
 * other group that took part goes into attrs. Without a `message` group the message is the
 * whole line. `ts` is read with the format's time layout, or else in any spelling the text
 * format knows (ISO, epoch, access log, syslog, …); a time that does not read leaves `ts`
 * null and is kept as written in `attrs.time_text`. Levels are read as in every format
 * (names in any common spelling, syslog and pino numbers); one they do not know is kept in
 * `attrs.level`.
 */
export function customParser(format: CustomFormat, pattern: LinePattern, times: LocalTimes): LineParser {
  const readTime = timeReader(format.timeFormat === null ? null : compileTimeLayout(format.timeFormat), times);
  const continues = format.unmatchedLines === 'continue';
  return {
    joinsLines: continues,
    parse(text: string, line: number): ParseOutcome {
      if (text.trim() === '') return BLANK;
      if (text.length > pattern.maxLineLength) return reject(`longer than ${pattern.maxLineLength} characters, the most this pattern reads in a line`);
      const groups = pattern.match(text);
      if (groups === null) return continues ? { kind: 'continuation' } : reject('does not match the custom pattern');
      const attrs: Record<string, unknown> = {};
      for (const name in groups) if (!ROLES.has(name)) attrs[name] = groups[name];
      const level = groups.level === undefined ? 'unknown' : levelFromValue(groups.level.trim());
      // A level the rules do not know is kept as written rather than lost.
      if (level === 'unknown' && groups.level) attrs.level = groups.level;
      const written = groups.ts?.trim();
      const epochMs = written ? readTime(written) : null;
      if (written && epochMs === null) attrs.time_text = written;
      return {
        kind: 'event',
        event: {
          ts: epochMs === null ? null : isoFromEpochMs(epochMs),
          level,
          message: groups.message ?? text,
          attrs,
          line,
        },
      };
    },
  };
}

function timeReader(layout: TimeLayout | null, times: LocalTimes): (text: string) => number | null {
  if (layout) return (text) => layout.read(text, times);
  const textTimes = new TextTimeReader(times);
  return (text) => {
    if (EPOCH_DIGITS.test(text)) return parseTimestampValue(text, times.zone);
    const read = parseIsoLike(text, times.zone) ?? parseClfTime(text);
    if (read !== null) return read;
    const found = textTimes.read(text);
    // Only a time that is the whole group: a date followed by other text is not what was meant.
    return found !== null && found.end >= text.trimEnd().length ? found.epochMs : null;
  };
}
