import { levelFromName } from '../levels.ts';
import type { LocalTimes } from '../local-times.ts';
import { BLANK, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import type { TextDialect } from '../text-dialect.ts';
import { AFTER_TIME, LEVEL_SEARCH_CHARS, levelOfTextLine } from '../text-levels.ts';
import { TextTimeReader } from '../text-times.ts';
import { isoFromEpochMs } from '../timestamps.ts';

/**
 * Lines that continue the event before them in a file without a dialect: indented lines and
 * the unindented lines of stack traces: Java/.NET exception headers (`java.io.IOException: …`,
 * `Caused by: …`, `--- End of inner exception stack trace ---`), Python's `Traceback …` and
 * final `ValueError: …`, Go's `goroutine 1 [running]:`, `main.main()` and `created by …`.
 */
const CONTINUATION = new RegExp(
  [
    String.raw`^(?:[ \t]+\S`,
    String.raw`Caused by: `,
    String.raw`Suppressed: `,
    String.raw`\.\.\. \d+ (?:more|common frames omitted)`,
    String.raw`Traceback \(most recent call last\):`,
    String.raw`During handling of the above exception`,
    String.raw`The above exception was the direct cause`,
    String.raw`--- End of `,
    String.raw`goroutine \d+ \[[^\]]*\]:$`,
    String.raw`\[signal [A-Z]+`,
    String.raw`created by \S`,
    String.raw`[\w$]+(?:\.[\w$]+)+(?:Exception|Error|Throwable)(?::|$)`,
    String.raw`(?:[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning)|Exception)(?:: |$)`,
    // A Go frame's function, `pkg.(*T).f(0xc000010000, …)`; only on a line of ordinary length (bounded backtracking).
    String.raw`(?=.{0,1024}$)[\w./*()[\]-]*\w\((?:0x[\da-f]+\??|\.\.\.|[{}]|, ?)*\)$)`,
  ].join('|'),
);
const CONTINUES: ParseOutcome = { kind: 'continuation' };

const isIndented = (text: string): boolean => text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x09;

/**
 * Plain text, best effort: a time in any of the common spellings (at the start or behind a
 * leading column or two) and a level are recognized when present. Every non-blank line is an
 * event or continues one: nothing is rejected. The message is the line without its time (and a
 * level written right after it); columns before the time stay. A time in a zone nobody can
 * resolve leaves `ts` null and is kept as written in `attrs.time_text`.
 *
 * With the file's dialect, an event is a line with the time where the dialect puts it (or an
 * unindented line opening with a time in another spelling), and every other line continues the
 * event before it; without one, CONTINUATION tells them apart.
 */
export function textParser(localTimes: LocalTimes, dialect: TextDialect | null = null): LineParser {
  const times = new TextTimeReader(localTimes, dialect?.time ?? null);
  // With a dialect, an unindented line that starts with a time in another spelling still starts an
  // event: files joined from two sources do not become one event truncated at the size limit.
  const otherTimes = new TextTimeReader(localTimes, null, 0);
  const afterTime = new RegExp(AFTER_TIME);
  const levelAfterTime = dialect?.level === 'after-time';
  return {
    joinsLines: true,
    parse(text: string, line: number): ParseOutcome {
      if (text.trim() === '') return BLANK;
      if (dialect === null && CONTINUATION.test(text)) return CONTINUES;
      const time = times.read(text) ?? (dialect !== null && !isIndented(text) ? otherTimes.read(text) : null);
      if (time === null) {
        if (dialect !== null) return CONTINUES;
        return { kind: 'event', event: { ts: null, level: levelOfTextLine(text.slice(0, LEVEL_SEARCH_CHARS)), message: text, attrs: {}, line } };
      }
      // The time, then what stands between it and the message (a level word, a separator).
      afterTime.lastIndex = time.end;
      // The match is needed only when the dialect says the level sits there: test() allocates nothing.
      const word = levelAfterTime ? afterTime.exec(text)?.[1] : (afterTime.test(text), undefined);
      const rest = text.slice(afterTime.lastIndex);
      const start = time.end - time.text.length;
      const level =
        time.level ?? (word !== undefined ? levelFromName(word) : levelOfTextLine(text.slice(0, time.end + LEVEL_SEARCH_CHARS)));
      return {
        kind: 'event',
        event: {
          ts: time.epochMs === null ? null : isoFromEpochMs(time.epochMs),
          level,
          message: start === 0 ? rest : `${text.slice(0, start).trimEnd()} ${rest}`,
          attrs: time.epochMs === null ? { time_text: time.text.trim() } : {},
          line,
        },
      };
    },
  };
}
