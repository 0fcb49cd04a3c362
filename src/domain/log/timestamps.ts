import { inYear, type LocalTimes } from './local-times.ts';
import { UTC_WALL_CLOCK, type WallClockZone } from './wall-clock-zone.ts';

/** A fraction of a second's digits (`5`, `123456`), as whole milliseconds; 0 without any. */
export const millisOf = (fraction: string | undefined): number => (fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0);

export const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/**
 * An ISO-8601-like date-time (`2026-03-01T10:00:00Z`, `2026-03-01 10:00:00,123`,
 * `2026-03-01T10:00:00.123456+02:00`, `… 10:00:00 +0200`), as epoch milliseconds; null when
 * the text is not one or names no valid time. Without an offset it is a wall time in `zone`
 * (the upload's `timezone`, else UTC). Read by hand, not by a regular expression: the text
 * format reads one per line.
 */
export function parseIsoLike(text: string, zone: WallClockZone = UTC_WALL_CLOCK): number | null {
  const t = text.trim();
  const end = t.length;
  if (end < 19) return null;
  if (t.charCodeAt(4) !== DASH || t.charCodeAt(7) !== DASH || t.charCodeAt(13) !== COLON || t.charCodeAt(16) !== COLON) return null;
  const separator = t.charCodeAt(10);
  if (separator !== 0x54 && separator !== 0x74 && separator !== 0x20) return null; // T, t, space
  const year = digitsAt(t, 0, 4);
  const month = digitsAt(t, 5, 2);
  const day = digitsAt(t, 8, 2);
  const hour = digitsAt(t, 11, 2);
  const minute = digitsAt(t, 14, 2);
  const second = digitsAt(t, 17, 2);
  // A field that is not digits is negative, and out of range like one too large.
  if (!(year >= 0 && month >= 0 && month <= 12 && day >= 0 && day <= 31 && hour >= 0 && hour <= 23)) return null;
  if (!(minute >= 0 && minute <= 59 && second >= 0 && second <= 60)) return null;
  let p = 19;
  let ms = 0;
  const afterSeconds = t.charCodeAt(p);
  if (afterSeconds === 0x2e || afterSeconds === 0x2c) {
    const fractionStart = ++p;
    while (p < end && isDigit(t.charCodeAt(p))) p++;
    const length = p - fractionStart;
    if (length === 0 || length > 9) return null;
    ms = digitsAt(t, fractionStart, Math.min(length, 3)) * (length === 1 ? 100 : length === 2 ? 10 : 1);
  }
  let offset = Number.NaN;
  if (p < end) {
    // One space may stand before the zone (the text is trimmed: a zone follows it).
    if (SPACE.test(t[p]!)) p++;
    const written = t.charCodeAt(p);
    if (written === 0x5a || written === 0x7a) {
      offset = 0; // Z, z
      p++;
    } else if ((written === 0x2b || written === DASH) && (end - p === 5 || (end - p === 6 && t.charCodeAt(p + 3) === COLON))) {
      const hours = digitsAt(t, p + 1, 2);
      const minutes = digitsAt(t, end - 2, 2);
      if (hours < 0 || minutes < 0) return null;
      offset = (written === DASH ? -1 : 1) * (hours * 60 + minutes) * 60_000;
      p = end;
    } else return null;
  }
  if (p !== end) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const epochMs = Number.isNaN(offset) ? zone.utcMsOf(wallMs) : wallMs - offset;
  return Math.abs(epochMs) <= MAX_EPOCH_MS ? epochMs : null;
}

const DASH = 0x2d;
const COLON = 0x3a;
const SPACE = /\s/;
/** The furthest a Date reaches from 1970, either way. */
const MAX_EPOCH_MS = 8.64e15;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The decimal number of `count` ASCII digits at `at`; negative when one of them is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + (c - 0x30);
  }
  return value;
}

/**
 * Epoch milliseconds (fractions dropped) as ISO-8601 UTC, as `Date#toISOString` writes them:
 * `2026-03-01T10:00:00.000Z`. Written by hand for years 1000–9999, a third of the cost of a
 * Date's: every structured event has one.
 */
export function isoFromEpochMs(epochMs: number): string {
  const ms = Math.floor(epochMs);
  if (ms < FOUR_DIGIT_YEARS[0] || ms >= FOUR_DIGIT_YEARS[1]) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  const hour = Math.floor(inDay / 3_600_000);
  const minute = Math.floor(inDay / 60_000) % 60;
  const second = Math.floor(inDay / 1000) % 60;
  const millis = inDay % 1000;
  // The civil date of a day count (H. Hinnant's civil_from_days), in 400-year eras from 0000-03-01.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return String.fromCharCode(
    ZERO + Math.floor(year / 1000), ZERO + (Math.floor(year / 100) % 10), ZERO + (Math.floor(year / 10) % 10), ZERO + (year % 10), DASH,
    ZERO + Math.floor(month / 10), ZERO + (month % 10), DASH, ZERO + Math.floor(day / 10), ZERO + (day % 10), 0x54, // T
    ZERO + Math.floor(hour / 10), ZERO + (hour % 10), COLON, ZERO + Math.floor(minute / 10), ZERO + (minute % 10), COLON,
    ZERO + Math.floor(second / 10), ZERO + (second % 10), 0x2e, // .
    ZERO + Math.floor(millis / 100), ZERO + (Math.floor(millis / 10) % 10), ZERO + (millis % 10), 0x5a, // Z
  );
}

const ZERO = 0x30;
const DAY_MS = 86_400_000;
// Years 1000–9999 are written as exactly four digits; others take a sign and six.
const FOUR_DIGIT_YEARS = [Date.UTC(1000, 0, 1), Date.UTC(10000, 0, 1)] as const;

/**
 * Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude (each
 * reads as a time between 1973 and 5138), as in JSON logs; as epoch milliseconds.
 */
export function parseEpoch(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const ms = value < 1e11 ? value * 1000 : value < 1e14 ? value : value < 1e17 ? value / 1000 : value / 1e6;
  return ms < MAX_EPOCH_MS ? ms : null;
}

/** An epoch time written as digits (seconds to nanoseconds, see parseEpoch), as text holds one. */
export const EPOCH_DIGITS = /^\d{9,19}(?:\.\d+)?$/;

/**
 * A timestamp from a JSON field (epoch number, numeric string, ISO-like string), as epoch
 * milliseconds; an ISO time without an offset is a wall time in `zone`.
 */
export function parseTimestampValue(value: unknown, zone: WallClockZone = UTC_WALL_CLOCK): number | null {
  if (typeof value === 'number') return parseEpoch(value);
  if (typeof value !== 'string') return null;
  if (EPOCH_DIGITS.test(value)) return parseEpoch(Number(value));
  const iso = parseIsoLike(value, zone);
  if (iso !== null) return iso;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/**
 * `10/Oct/2000:13:55:36 -0700` (Apache/Nginx), as epoch milliseconds. Read by hand, not by a
 * regular expression: every access-log line has one.
 */
export function parseClfTime(text: string): number | null {
  if (text.length !== 26 || text.charCodeAt(2) !== SLASH || text.charCodeAt(6) !== SLASH || text.charCodeAt(20) !== 0x20) return null;
  if (text.charCodeAt(11) !== COLON || text.charCodeAt(14) !== COLON || text.charCodeAt(17) !== COLON) return null;
  const sign = text.charCodeAt(21);
  if (sign !== 0x2b && sign !== DASH) return null;
  const month = MONTHS[text.slice(3, 6).toLowerCase()];
  const day = digitsAt(text, 0, 2);
  const year = digitsAt(text, 7, 4);
  const hour = digitsAt(text, 12, 2);
  const minute = digitsAt(text, 15, 2);
  const second = digitsAt(text, 18, 2);
  const zoneHours = digitsAt(text, 22, 2);
  const zoneMinutes = digitsAt(text, 24, 2);
  // A field that is not digits is negative.
  if (month === undefined || !(day >= 0 && day <= 31 && year >= 0 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) return null;
  if (!(second >= 0 && second <= 60 && zoneHours >= 0 && zoneMinutes >= 0)) return null;
  const utc = Date.UTC(year, month, day, hour, minute, second);
  return Number.isNaN(utc) ? null : utc - (sign === DASH ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
}

const SLASH = 0x2f;

// Mar  1 10:00:00 (RFC 3164: no zone, and no year but in some devices' `Mar  1 2008 10:00:00`)
const BSD_TIME = /^([A-Za-z]{3}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/**
 * An RFC 3164 timestamp, as epoch milliseconds. It carries no zone, and mostly no year:
 * `times` places it (see LocalTimes). A fraction of a second is kept to the ms.
 */
export function parseBsdTime(text: string, times: LocalTimes): number | null {
  const m = BSD_TIME.exec(text);
  const month = m?.[1] ? MONTHS[m[1].toLowerCase()] : undefined;
  if (!m || month === undefined) return null;
  const [day, hour, minute, second] = [Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])];
  const ms = millisOf(m[7]);
  return m[3] ? times.at(inYear(Number(m[3]), month, day, hour, minute, second, ms)) : times.yearless(month, day, hour, minute, second, ms);
}
