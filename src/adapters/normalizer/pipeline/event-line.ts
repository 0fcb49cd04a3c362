import type { NormalizedEvent } from '../../../domain/log/normalized-event.ts';
import type { NdjsonOutput } from './ndjson-output.ts';

const encoder = new TextEncoder();
const TS = encoder.encode('{"ts":');
const LEVEL = encoder.encode(',"level":');
const MESSAGE = encoder.encode(',"message":');
const ATTRS = encoder.encode(',"attrs":');
const LINE = encoder.encode(',"line":');
const NULL = encoder.encode('null');
const TRUE = encoder.encode('true');
const FALSE = encoder.encode('false');
const END = encoder.encode('}\n');
const BRACE_OPEN = 0x7b;
const BRACE_CLOSE = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Writes the event as `JSON.stringify(event)` does (members in NormalizedEvent's order), then
 * "\n", straight into the output's bytes: no JSON string per event to build, encode and collect.
 * Nested values in attrs (rare: arrays, objects) still go through JSON.stringify.
 */
export function writeEventLine(out: NdjsonOutput, event: NormalizedEvent): void {
  out.reserve(TS.length + 4);
  out.constant(TS);
  if (event.ts === null) out.constant(NULL);
  else out.jsonString(event.ts);
  out.reserve(LEVEL.length);
  out.constant(LEVEL);
  out.jsonString(event.level);
  out.reserve(MESSAGE.length);
  out.constant(MESSAGE);
  out.jsonString(event.message);
  out.reserve(ATTRS.length);
  out.constant(ATTRS);
  writeObject(out, event.attrs);
  out.reserve(LINE.length + 24 + END.length);
  out.constant(LINE);
  writeNumber(out, event.line);
  out.constant(END);
}

/** A plain object's own members as JSON.stringify writes them: those whose value JSON has no spelling for are left out. */
function writeObject(out: NdjsonOutput, object: Readonly<Record<string, unknown>>): void {
  out.reserve(1);
  out.byte(BRACE_OPEN);
  let first = true;
  // for…in visits the keys in Object.keys' order (the one JSON.stringify uses) without an array of
  // them; attrs are plain data, with no enumerable members inherited.
  for (const key in object) {
    const value = object[key];
    const type = typeof value;
    if (type === 'undefined' || type === 'function' || type === 'symbol') continue;
    // A nested value (an array, an object; toJSON may make it one JSON omits) is written first as text.
    const nested = type === 'object' && value !== null ? (JSON.stringify(value) as string | undefined) : '';
    if (nested === undefined) continue;
    if (!first) {
      out.reserve(1);
      out.byte(COMMA);
    }
    first = false;
    out.jsonString(key);
    out.reserve(1);
    out.byte(COLON);
    if (nested !== '') out.text(nested);
    else writePrimitive(out, value);
  }
  out.reserve(1);
  out.byte(BRACE_CLOSE);
}

function writePrimitive(out: NdjsonOutput, value: unknown): void {
  switch (typeof value) {
    case 'string':
      out.jsonString(value);
      return;
    case 'number':
      out.reserve(24);
      writeNumber(out, value);
      return;
    case 'boolean':
      out.reserve(5);
      out.constant(value ? TRUE : FALSE);
      return;
    default:
      // null; a bigint throws here as in JSON.stringify.
      out.text(JSON.stringify(value));
  }
}

/** Room for 24 bytes reserved: the longest a number's shortest spelling gets (`-1.2345678901234567e-300`). */
function writeNumber(out: NdjsonOutput, value: number): void {
  if (Number.isInteger(value) && value >= 0) out.integer(value);
  else if (Number.isFinite(value)) out.ascii(String(value));
  else out.constant(NULL);
}
