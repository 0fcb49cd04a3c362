import type { LogLevel } from '../job/job-result.ts';
import { LEVEL_WORDS, levelInText } from './levels.ts';

// PostgreSQL's own severities and message parts (`LOG:  checkpoint starting`, `STATEMENT:  select …`).
const POSTGRES = /(?:^|\s)(LOG|STATEMENT|DETAIL|HINT|CONTEXT|QUERY|LOCATION|DEBUG[1-5]):\s/;
// MySQL's `[Note]` and `[System]`; its `[Warning]` and `[ERROR]` are level words already.
const MYSQL = /\[(Note|System)\]/;
// Android logcat: `… 1702  2395 D WindowManager: …` (threadtime) or `D/WindowManager( 1702): …` (brief).
const LOGCAT = /\s\d+\s+\d+\s+([VDIWEFA])\s+[^\s:]|^([VDIWEFA])\/[^(:]*\(\s*\d+\):/;
const LOGCAT_LEVELS: Readonly<Record<string, LogLevel>> = { V: 'trace', D: 'debug', I: 'info', W: 'warn', E: 'error', F: 'fatal', A: 'fatal' };

/**
 * What stands between a time and the message: spaces, a level written right after the time
 * (`INFO`, `[warn]`, `<ERROR>`, `ERROR:`, `- INFO -`, `:DEBUG:`; group 1) and a `|`, `:` or `-`.
 * Sticky: read from the time's end.
 */
export const AFTER_TIME = new RegExp(String.raw`\s*(?:[|:-]\s*)?(?:[[<(]?(${LEVEL_WORDS})[\]>)]?(?=[\s:|]|$):?)?\s*(?:[|:-]\s*)?`, 'iy');

/** How far into a line (past its time) a level is looked for: beyond, it is message text. */
export const LEVEL_SEARCH_CHARS = 128;

/** The level of a plain-text line: a level word, else a level spelled the way one tool writes it. */
export function levelOfTextLine(head: string): LogLevel {
  const word = levelInText(head);
  if (word) return word.level;
  const postgres = POSTGRES.exec(head)?.[1];
  if (postgres) return postgres.startsWith('DEBUG') ? 'debug' : 'info';
  if (MYSQL.test(head)) return 'info';
  const logcat = LOGCAT.exec(head);
  const letter = logcat?.[1] ?? logcat?.[2];
  return letter ? LOGCAT_LEVELS[letter]! : 'unknown';
}
