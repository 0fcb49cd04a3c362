import { UTC_WALL_CLOCK, type WallClockZone } from '../wall-clock-zone.ts';
import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { StructuredRecords } from './structured-record.ts';

/**
 * logfmt: `time=… level=info msg="something happened" user=42`. Pairs are `key=value`,
 * `key="quoted \" value"` or a bare `key` (true); keys hold no space, `=` or `"`; values
 * unquoted hold no space or `"`. Read character by character rather than with a sticky
 * pattern per pair: the pattern's match arrays cost more than the reading itself. `zone`
 * places times written without an offset.
 */
export function logfmtParser(zone: WallClockZone = UTC_WALL_CLOCK): LineParser {
  const records = new StructuredRecords(zone);
  // The keys of the line before, by place: lines of one file repeat their keys, and a key met
  // again as the same string is a cheap property name (a fresh slice must be looked up by its text).
  const keys: string[] = [];
  return {
    joinsLines: false,
    parse(text: string, line: number): ParseOutcome {
      if (text.trim() === '') return BLANK;
      const record: Record<string, unknown> = {};
      const length = text.length;
      let position = 0;
      let pairs = 0;
      let place = 0;
      while (position < length) {
        while (position < length && isSpace(text.charCodeAt(position))) position++;
        if (position >= length) break;
        const keyStart = position;
        while (position < length && isKeyChar(text.charCodeAt(position))) position++;
        if (position === keyStart) return reject(`unexpected character at column ${position + 1}`);
        const known = keys[place];
        const key = known !== undefined && isAt(text, keyStart, position, known) ? known : (keys[place] = text.slice(keyStart, position));
        place += 1;
        if (position >= length || text.charCodeAt(position) !== EQUALS) {
          record[key] = true;
          continue;
        }
        pairs += 1;
        const valueStart = ++position;
        const closing = text.charCodeAt(valueStart) === QUOTE ? closingQuote(text, valueStart) : -1;
        if (closing !== -1) {
          record[key] = unquote(text, valueStart + 1, closing);
          position = closing + 1;
        } else {
          // Unquoted, or a quote left open: the value is what comes before a space or a quote (maybe nothing).
          while (position < length && isValueChar(text.charCodeAt(position))) position++;
          record[key] = text.slice(valueStart, position);
        }
      }
      if (pairs === 0) return reject('no key=value pairs');
      return { kind: 'event', event: records.eventOf(record, line) };
    },
  };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;

/**
 * Where the quoted value opened at `open` closes; -1 when it does not (no closing quote, or a
 * backslash at the end or before a line terminator, which escapes nothing).
 */
function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH) {
      if (i + 1 >= text.length || isLineTerminator(text.charCodeAt(i + 1))) return -1;
      i++;
    }
  }
  return -1;
}

/** The quoted value's text [start, end) with its escapes read: `\n` and `\t` as such, `\x` as x. */
function unquote(text: string, start: number, end: number): string {
  const escape = text.indexOf('\\', start);
  if (escape === -1 || escape >= end) return text.slice(start, end);
  let value = text.slice(start, escape);
  for (let i = escape; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== BACKSLASH) {
      const run = i;
      while (i + 1 < end && text.charCodeAt(i + 1) !== BACKSLASH) i++;
      value += text.slice(run, i + 1);
      continue;
    }
    const escaped = text[++i]!;
    value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
  }
  return value;
}

/** Whether text [start, end) is `word`. */
function isAt(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return true;
}

const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

/** What `\s` matches. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isKeyChar = (c: number): boolean => c !== EQUALS && c !== QUOTE && !isSpace(c);
const isValueChar = (c: number): boolean => c !== QUOTE && !isSpace(c);
