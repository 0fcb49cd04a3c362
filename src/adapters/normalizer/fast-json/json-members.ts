/**
 * Finds the members of a JSON object in a line's UTF-8 bytes without building any value:
 * where each key and each value starts and ends, so that the values nobody interprets are
 * copied straight from the input into the output, never decoded, built and encoded again.
 *
 * Sound, not complete: it accepts only text that is valid JSON, and says "no" to anything
 * unusual that JSON.parse would read differently from a byte copy (escaped or numeric keys,
 * a key given twice, nesting deeper than MAX_DEPTH); the caller then takes the slow path.
 */

/** A line's top-level members: for member i, key bytes [4i, 4i+1), value bytes [4i+2, 4i+3). */
export interface JsonMembers {
  /** Key start, key end (quotes excluded), value start, value end, for each member. */
  readonly spans: Int32Array;
  count: number;
}

const MAX_DEPTH = 64;
const MAX_MEMBERS = 256;

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

export const newJsonMembers = (): JsonMembers => ({ spans: new Int32Array(4 * MAX_MEMBERS), count: 0 });

/**
 * Reads the line that starts at `start` as one JSON object and fills `members`. The line
 * ends at the first "\n" or at `end`: the scan finds it on its way, no search for it
 * first. Returns where the line ends, or -1 when the line is not valid JSON, not an
 * object, or not one the fast path may copy (see above).
 */
export function scanJsonLine(bytes: Uint8Array, start: number, end: number, members: JsonMembers): number {
  const spans = members.spans;
  let count = 0;
  // Keys seen, by a 32-way digest of length and end bytes: only a key whose bit is set already is compared.
  let seen = 0;
  let p = skipSpace(bytes, start, end);
  if (bytes[p] !== OPEN_BRACE) return -1;
  p = skipSpace(bytes, p + 1, end);
  if (bytes[p] === CLOSE_BRACE) {
    members.count = 0;
    return lineEnd(bytes, p + 1, end);
  }
  for (;;) {
    if (p >= end || bytes[p] !== QUOTE || count === MAX_MEMBERS) return -1;
    const keyStart = p + 1;
    const keyEnd = scanKey(bytes, keyStart, end);
    if (keyEnd < 0) return -1;
    const bit = 1 << (Math.imul((keyEnd - keyStart) ^ (bytes[keyStart]! << 8) ^ (bytes[keyEnd - 1]! << 16), 0x9e3779b1) >>> 27);
    if ((seen & bit) !== 0 && isDuplicateKey(bytes, keyStart, keyEnd, spans, count)) return -1;
    seen |= bit;
    p = skipSpace(bytes, keyEnd + 1, end);
    if (bytes[p] !== COLON) return -1;
    const valueStart = skipSpace(bytes, p + 1, end);
    const valueEnd = scanValue(bytes, valueStart, end, 0);
    if (valueEnd < 0) return -1;
    const at = 4 * count++;
    spans[at] = keyStart;
    spans[at + 1] = keyEnd;
    spans[at + 2] = valueStart;
    spans[at + 3] = valueEnd;
    p = skipSpace(bytes, valueEnd, end);
    const next = bytes[p];
    if (next === COMMA) {
      p = skipSpace(bytes, p + 1, end);
      continue;
    }
    if (next !== CLOSE_BRACE) return -1;
    members.count = count;
    return lineEnd(bytes, p + 1, end);
  }
}

/** After the object: only spaces to the end of the line. */
function lineEnd(bytes: Uint8Array, p: number, end: number): number {
  p = skipSpace(bytes, p, end);
  return p === end || bytes[p] === NEWLINE ? p : -1;
}

/** JSON's spaces but the line feed, which ends the line. */
function skipSpace(bytes: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const c = bytes[p]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    p++;
  }
  return p;
}

/**
 * A key from just after its opening quote: the index of its closing quote, or -1. Keys with
 * escapes are refused (their text is not their bytes), and so are keys that start with a
 * digit: an object orders integer-like keys first, so a copy in input order would differ.
 */
function scanKey(bytes: Uint8Array, p: number, end: number): number {
  const first = bytes[p]!;
  if (first >= ZERO && first <= NINE) return -1;
  while (p < end) {
    const c = bytes[p]!;
    if (PLAIN[c] === 1) p++;
    else if (c === QUOTE) return p;
    else if (c < 0x80) return -1; // an escape or a control character
    else {
      p = skipUtf8Sequence(bytes, p, end);
      if (p < 0) return -1;
    }
  }
  return -1;
}

/** The bytes that stand for themselves in a JSON string: ASCII but controls, quote and backslash. */
const PLAIN = new Uint8Array(256);
for (let c = 0x20; c < 0x80; c++) PLAIN[c] = c === QUOTE || c === BACKSLASH ? 0 : 1;

/** JSON.parse keeps the last of two equal keys, a copy would keep both. */
function isDuplicateKey(bytes: Uint8Array, start: number, end: number, spans: Int32Array, count: number): boolean {
  const length = end - start;
  for (let i = 0; i < count; i++) {
    const otherStart = spans[4 * i]!;
    if (spans[4 * i + 1]! - otherStart !== length || bytes[otherStart] !== bytes[start]) continue;
    let same = true;
    for (let k = 1; k < length; k++) {
      if (bytes[otherStart + k] !== bytes[start + k]) {
        same = false;
        break;
      }
    }
    if (same) return true;
  }
  return false;
}

/** One JSON value from `p`: the index just past it, or -1. */
function scanValue(bytes: Uint8Array, p: number, end: number, depth: number): number {
  if (p >= end) return -1;
  const c = bytes[p]!;
  if (c === QUOTE) return scanString(bytes, p + 1, end);
  if (c === MINUS || (c >= ZERO && c <= NINE)) return scanNumber(bytes, p, end);
  if (c === OPEN_BRACE) return depth === MAX_DEPTH ? -1 : scanObject(bytes, p + 1, end, depth + 1);
  if (c === OPEN_BRACKET) return depth === MAX_DEPTH ? -1 : scanArray(bytes, p + 1, end, depth + 1);
  if (c === 0x74) return literal(bytes, p, end, TRUE);
  if (c === 0x66) return literal(bytes, p, end, FALSE);
  if (c === 0x6e) return literal(bytes, p, end, NULL);
  return -1;
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function literal(bytes: Uint8Array, p: number, end: number, word: readonly number[]): number {
  if (p + word.length > end) return -1;
  for (let i = 1; i < word.length; i++) if (bytes[p + i] !== word[i]) return -1;
  return p + word.length;
}

/** A string from just after its opening quote: the index just past its closing quote, or -1. */
function scanString(bytes: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const c = bytes[p]!;
    if (PLAIN[c] === 1) p++;
    else if (c === QUOTE) return p + 1;
    else if (c === BACKSLASH) {
      p = skipEscape(bytes, p + 1, end);
      if (p < 0) return -1;
    } else if (c < 0x20) return -1;
    else {
      p = skipUtf8Sequence(bytes, p, end);
      if (p < 0) return -1;
    }
  }
  return -1;
}

function skipEscape(bytes: Uint8Array, p: number, end: number): number {
  const c = bytes[p];
  if (c === 0x75) {
    if (p + 5 > end) return -1;
    for (let i = 1; i <= 4; i++) if (!isHexDigit(bytes[p + i]!)) return -1;
    return p + 5;
  }
  // " \ / b f n r t
  return c === QUOTE || c === BACKSLASH || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74 ? p + 1 : -1;
}

const isHexDigit = (c: number): boolean => (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/**
 * One well-formed UTF-8 sequence of two to four bytes (no overlong forms, no surrogates,
 * nothing past U+10FFFF): the index past it, or -1. Malformed bytes are left to the slow
 * path, which reads them as U+FFFD as the decoder does everywhere else.
 */
function skipUtf8Sequence(bytes: Uint8Array, p: number, end: number): number {
  const lead = bytes[p]!;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    else if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    else if (lead === 0xf4) high = 0x8f;
  } else return -1;
  if (p + length > end) return -1;
  const second = bytes[p + 1]!;
  if (second < low || second > high) return -1;
  for (let i = 2; i < length; i++) {
    const c = bytes[p + i]!;
    if (c < 0x80 || c > 0xbf) return -1;
  }
  return p + length;
}

function scanNumber(bytes: Uint8Array, p: number, end: number): number {
  if (bytes[p] === MINUS) p++;
  if (p >= end) return -1;
  if (bytes[p] === ZERO) p++;
  else {
    const digitsStart = p;
    p = skipDigits(bytes, p, end);
    if (p === digitsStart) return -1;
  }
  if (p < end && bytes[p] === 0x2e) {
    const fractionStart = ++p;
    p = skipDigits(bytes, p, end);
    if (p === fractionStart) return -1;
  }
  if (p < end && (bytes[p] === 0x65 || bytes[p] === 0x45)) {
    p++;
    if (p < end && (bytes[p] === 0x2b || bytes[p] === MINUS)) p++;
    const exponentStart = p;
    p = skipDigits(bytes, p, end);
    if (p === exponentStart) return -1;
  }
  return p;
}

function skipDigits(bytes: Uint8Array, p: number, end: number): number {
  while (p < end) {
    const c = bytes[p]!;
    if (c < ZERO || c > NINE) break;
    p++;
  }
  return p;
}

function scanObject(bytes: Uint8Array, p: number, end: number, depth: number): number {
  p = skipSpace(bytes, p, end);
  if (bytes[p] === CLOSE_BRACE) return p + 1;
  for (;;) {
    if (p >= end || bytes[p] !== QUOTE) return -1;
    p = scanString(bytes, p + 1, end);
    if (p < 0) return -1;
    p = skipSpace(bytes, p, end);
    if (bytes[p] !== COLON) return -1;
    p = scanValue(bytes, skipSpace(bytes, p + 1, end), end, depth);
    if (p < 0) return -1;
    p = skipSpace(bytes, p, end);
    const next = bytes[p];
    if (next === CLOSE_BRACE) return p + 1;
    if (next !== COMMA) return -1;
    p = skipSpace(bytes, p + 1, end);
  }
}

function scanArray(bytes: Uint8Array, p: number, end: number, depth: number): number {
  p = skipSpace(bytes, p, end);
  if (bytes[p] === CLOSE_BRACKET) return p + 1;
  for (;;) {
    p = scanValue(bytes, p, end, depth);
    if (p < 0) return -1;
    p = skipSpace(bytes, p, end);
    const next = bytes[p];
    if (next === CLOSE_BRACKET) return p + 1;
    if (next !== COMMA) return -1;
    p = skipSpace(bytes, p + 1, end);
  }
}
