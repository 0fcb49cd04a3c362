import { LOG_LEVELS, type LogLevel } from '../../../domain/job/job-result.ts';
import type { LineTally } from '../../../domain/job/line-tally.ts';
import { FIELD_ROLES, NESTED_FIELDS, RoleChoice, type RoleOfField, type RoleReading } from '../../../domain/log/field-roles.ts';
import { levelFromValue } from '../../../domain/log/levels.ts';
import type { LineParser } from '../../../domain/log/normalized-event.ts';
import { jsonParser } from '../../../domain/log/parsers/json-parser.ts';
import { parseTimestampValue } from '../../../domain/log/timestamps.ts';
import { UTC_WALL_CLOCK, type WallClockZone } from '../../../domain/log/wall-clock-zone.ts';
import type { LineBlock } from '../pipeline/line-blocks.ts';
import type { NdjsonOutput } from '../pipeline/ndjson-output.ts';
import { LINE_TOO_LONG, TallyCounter } from '../pipeline/tally-counter.ts';
import { epochMsFromIsoBytes, IsoBytesWriter, MAX_ISO_LENGTH } from './iso-bytes.ts';
import { newJsonMembers, scanJsonLine, type JsonMembers } from './json-members.ts';

/**
 * Blocks of JSON Lines normalized straight from bytes to bytes. A line is scanned, not
 * parsed: the members that become ts, level and message are read (the domain's RoleChoice
 * picks them), the others are copied into attrs as they are. The result is the event
 * jsonParser gives, as JSON, except that values keep their spelling (a number stays `1.50`,
 * not `1.5`; a large integer keeps its digits). A line the scan does not take (not JSON,
 * not an object, an escaped or repeated key, invalid UTF-8, an object that may nest a role such
 * as tracing's `fields.message`) goes through jsonParser.
 * One per thread: it holds its scratch.
 */
export class JsonLinesNormalizer {
  readonly #members: JsonMembers = newJsonMembers();
  readonly #reading = new MemberReading(this.#members);
  readonly #choice = new RoleChoice(this.#reading);
  readonly #iso = new IsoBytesWriter();
  #fallback: LineParser = jsonParser(UTC_WALL_CLOCK);
  #zone: WallClockZone = UTC_WALL_CLOCK;
  // A byte order mark inside the file is text; the one at its start was dropped when splitting.
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  /** Writes the block's events to `out` and counts its lines; `zone` places times written without an offset. */
  normalize(block: LineBlock, out: NdjsonOutput, zone: WallClockZone = UTC_WALL_CLOCK): LineTally {
    const { bytes, overlong } = block;
    const counter = new TallyCounter();
    if (zone !== this.#zone) {
      this.#zone = zone;
      this.#fallback = jsonParser(zone);
    }
    this.#reading.bytes = bytes;
    this.#reading.zone = zone;
    let nextOverlong = 0;
    let number = block.firstLine;
    for (let start = 0; start < bytes.length; number++) {
      counter.line();
      const tooLong = overlong[nextOverlong] === number;
      if (tooLong) {
        nextOverlong += 1;
        counter.reject(number, LINE_TOO_LONG);
      }
      // The scan finds the end of a line it takes; for any other line, a search does.
      let end = tooLong ? -1 : this.#writeScanned(bytes, start, number, out, counter);
      if (end === -1) {
        const newline = bytes.indexOf(NEWLINE, start);
        end = newline === -1 ? bytes.length : newline;
        if (!tooLong) this.#writeParsed(bytes, start, end, number, out, counter);
      }
      start = end + 1;
    }
    return counter.tally();
  }

  /** The fast path, for the line from `start`: where the line ends, or -1, having written nothing, when the scan does not take it. */
  #writeScanned(bytes: Uint8Array, start: number, line: number, out: NdjsonOutput, counter: TallyCounter): number {
    const members = this.#members;
    const end = scanJsonLine(bytes, start, bytes.length, members);
    if (end === -1) return -1;
    const { spans, count } = members;
    const choice = this.#choice;
    choice.reset();
    for (let i = 0; i < count; i++) {
      const known = knownField(bytes, spans[4 * i]!, spans[4 * i + 1]!);
      if (known === undefined) continue;
      if (known.nestsRoles && bytes[spans[4 * i + 2]!] === OPEN_BRACE) return -1;
      if (known.role !== null) choice.offer(known.role, i);
    }
    const timeMember = choice.timeField ?? -1;
    const levelMember = choice.levelField ?? -1;
    const messageMember = choice.messageField ?? -1;
    const level = choice.level;

    // The line's own bytes, plus the fixed parts of an event.
    out.reserve(end - start + 128 + MAX_ISO_LENGTH);
    if (timeMember === -1) out.constant(NO_TS);
    else {
      out.constant(TS);
      this.#iso.write(choice.epochMs, out);
      out.byte(QUOTE);
    }
    out.constant(LEVEL_THEN_MESSAGE[level]);
    if (messageMember === -1) out.constant(EMPTY_MESSAGE);
    else out.copy(bytes, spans[4 * messageMember + 2]!, spans[4 * messageMember + 3]!);
    out.constant(ATTRS);
    this.#writeAttrs(bytes, out, timeMember, levelMember, messageMember);
    out.constant(LINE);
    out.integer(line);
    out.constant(END);
    counter.timedEvent(level, timeMember === -1 ? Number.NaN : Math.floor(choice.epochMs));
    return end;
  }

  /**
   * The members not taken for ts, level or message (given by index), as `"key":value` pairs.
   * Neighbours written without spaces between them are copied as one run, commas and all.
   */
  #writeAttrs(bytes: Uint8Array, out: NdjsonOutput, time: number, level: number, message: number): void {
    const { spans, count } = this.#members;
    let wrote = false;
    let runStart = -1;
    let runEnd = -1;
    for (let i = 0; i < count; i++) {
      if (i === time || i === level || i === message) continue;
      const keyStart = spans[4 * i]! - 1; // the opening quote
      const keyEnd = spans[4 * i + 1]! + 1; // past the closing quote
      const valueStart = spans[4 * i + 2]!;
      const valueEnd = spans[4 * i + 3]!;
      const compact = valueStart === keyEnd + 1;
      if (compact && runEnd !== -1 && keyStart === runEnd + 1) {
        runEnd = valueEnd;
        continue;
      }
      if (runEnd !== -1) {
        if (wrote) out.byte(COMMA);
        out.copy(bytes, runStart, runEnd);
        wrote = true;
        runEnd = -1;
      }
      if (compact) {
        runStart = keyStart;
        runEnd = valueEnd;
      } else {
        if (wrote) out.byte(COMMA);
        out.copy(bytes, keyStart, keyEnd);
        out.byte(COLON);
        out.copy(bytes, valueStart, valueEnd);
        wrote = true;
      }
    }
    if (runEnd !== -1) {
      if (wrote) out.byte(COMMA);
      out.copy(bytes, runStart, runEnd);
    }
  }

  /** The slow path: the line as text through jsonParser, its event written by JSON.stringify. */
  #writeParsed(bytes: Uint8Array, start: number, end: number, line: number, out: NdjsonOutput, counter: TallyCounter): void {
    const lineEnd = bytes[end - 1] === 0x0d ? end - 1 : end;
    const outcome = this.#fallback.parse(this.#decoder.decode(bytes.subarray(start, lineEnd)), line);
    if (outcome.kind === 'reject') counter.reject(line, outcome.reason);
    else if (outcome.kind === 'event') {
      out.text(`${JSON.stringify(outcome.event)}\n`);
      counter.event(outcome.event.level, outcome.event.ts);
    }
  }
}

/** The members of the line last scanned, by index, read as the domain reads the values JSON.parse gives. */
class MemberReading implements RoleReading<number> {
  bytes: Uint8Array = new Uint8Array(0);
  zone: WallClockZone = UTC_WALL_CLOCK;
  readonly #spans: Int32Array;
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(members: JsonMembers) {
    this.#spans = members.spans;
  }

  time(member: number): number | null {
    const start = this.#spans[4 * member + 2]!;
    const end = this.#spans[4 * member + 3]!;
    if (this.bytes[start] === QUOTE) {
      const epochMs = epochMsFromIsoBytes(this.bytes, start + 1, end - 1, this.zone);
      if (!Number.isNaN(epochMs)) return epochMs;
    }
    return parseTimestampValue(this.#scalar(start, end), this.zone);
  }

  level(member: number): LogLevel {
    return levelFromValue(this.#scalar(this.#spans[4 * member + 2]!, this.#spans[4 * member + 3]!));
  }

  isString(member: number): boolean {
    return this.bytes[this.#spans[4 * member + 2]!] === QUOTE;
  }

  /**
   * A value as JSON.parse gives it, for the values that can be a time or a level (numbers,
   * strings); null for the others, which are neither.
   */
  #scalar(start: number, end: number): number | string | null {
    const bytes = this.bytes;
    const first = bytes[start]!;
    if (first === QUOTE) {
      let ascii = '';
      for (let i = start + 1; i < end - 1; i++) {
        const c = bytes[i]!;
        if (c === 0x5c || c >= 0x80) return JSON.parse(this.#decoder.decode(bytes.subarray(start, end))) as string;
        ascii += String.fromCharCode(c);
      }
      return ascii;
    }
    if (first === 0x2d || (first >= 0x30 && first <= 0x39)) {
      // Up to 15 digits is exact in a double: the common epoch times and pino levels.
      if (end - start > 15) return Number(this.#decoder.decode(bytes.subarray(start, end)));
      let value = 0;
      for (let i = start; i < end; i++) {
        const digit = bytes[i]! - 0x30;
        if (digit < 0 || digit > 9) return Number(this.#decoder.decode(bytes.subarray(start, end)));
        value = value * 10 + digit;
      }
      return value;
    }
    return null;
  }
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;

// The fixed parts of an event line, in the order JSON.stringify writes a NormalizedEvent.
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const NO_TS = ascii('{"ts":null');
const TS = ascii('{"ts":"');
const LEVEL_THEN_MESSAGE = Object.fromEntries(LOG_LEVELS.map((level) => [level, ascii(`,"level":"${level}","message":`)])) as Record<LogLevel, Uint8Array>;
const EMPTY_MESSAGE = ascii('""');
const ATTRS = ascii(',"attrs":{');
const LINE = ascii('},"line":');
const END = ascii('}\n');

interface KnownField {
  readonly name: Uint8Array;
  /** Its role at the top level, if any. */
  readonly role: RoleOfField | null;
  /** Whether, when an object, it may hold a member that takes a role (see NESTED_FIELDS). */
  readonly nestsRoles: boolean;
}

// Names longer than this take no role: journald's are the longest.
const MAX_KNOWN_LENGTH = 31;

// FIELD_ROLES and NESTED_FIELDS by the length of their names in bytes, and whether some name has
// a given length and first byte, where most keys stop. Built once; read only.
const KNOWN_BY_LENGTH: KnownField[][] = [];
const MAY_BE_KNOWN = new Uint8Array((MAX_KNOWN_LENGTH + 1) * 256);
for (const field of new Set([...FIELD_ROLES.keys(), ...NESTED_FIELDS.keys()])) {
  const name = new TextEncoder().encode(field);
  if (name.length > MAX_KNOWN_LENGTH) throw new Error(`field name longer than ${MAX_KNOWN_LENGTH} bytes: ${field}`);
  (KNOWN_BY_LENGTH[name.length] ??= []).push({ name, role: FIELD_ROLES.get(field) ?? null, nestsRoles: NESTED_FIELDS.has(field) });
  MAY_BE_KNOWN[256 * name.length + name[0]!] = 1;
}

function knownField(bytes: Uint8Array, start: number, end: number): KnownField | undefined {
  const length = end - start;
  if (length > MAX_KNOWN_LENGTH || MAY_BE_KNOWN[256 * length + bytes[start]!] === 0) return undefined;
  const candidates = KNOWN_BY_LENGTH[length]!;
  next: for (const candidate of candidates) {
    const name = candidate.name;
    for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name[i]) continue next;
    return candidate;
  }
  return undefined;
}
