import type { WallClockZone } from './wall-clock-zone.ts';

/**
 * Where a file's times that carry no offset, or no year, are placed: the upload's `timezone`
 * and `year`, else UTC and the year before the upload time. One per parser.
 */
export class LocalTimes {
  /** The zone of times written without an offset or a zone name. */
  readonly zone: WallClockZone;
  readonly #reference: Date;
  readonly #year: number | null;

  constructor(zone: WallClockZone, reference: Date, year: number | null) {
    this.zone = zone;
    this.#reference = reference;
    this.#year = year;
  }

  /** The instant of a wall time written without an offset (epoch ms as if UTC); null stays null. */
  at(wallMs: number | null): number | null {
    return wallMs === null ? null : this.zone.utcMsOf(wallMs);
  }

  /**
   * A date written without its year (`month` from 0), as epoch milliseconds: in the upload's
   * `year` when it gives one, else in the year that puts it nearest before the upload time
   * (see inYearBefore); null when that year has no such day. With `year`, a file that crosses
   * New Year keeps that year throughout: its blocks are parsed apart, in parallel, so nothing
   * can follow the file's months from line to line.
   */
  yearless(month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
    return this.at(this.yearlessWall(month, day, hour, minute, second, ms));
  }

  /** As `yearless`, but the wall time (epoch ms as if UTC), for a time that names its own offset. */
  yearlessWall(month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
    const year = this.#year;
    return year === null ? inYearBefore(this.#reference, month, day, hour, minute, second, ms) : inYear(year, month, day, hour, minute, second, ms);
  }
}

/**
 * A date written without its year (`month` from 0), as epoch milliseconds in the year that
 * puts it nearest before `reference` (the upload time), so December lines read in January
 * land in the previous year; null when no year has that day (Feb 30).
 */
export function inYearBefore(reference: Date, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
  if (hour > 23 || minute > 59 || second > 60 || ms > 999) return null;
  // A day of tolerance for clocks slightly ahead of the upload time.
  const latest = reference.getTime() + 86_400_000;
  // Feb 29 may need up to 8 years back (1900-style century gaps aside).
  for (let year = reference.getUTCFullYear(); year >= reference.getUTCFullYear() - 8; year--) {
    const candidate = inYear(year, month, day, hour, minute, second, ms);
    if (candidate !== null && candidate <= latest) return candidate;
  }
  return null;
}

/** A date and time in `year` (`month` from 0), as epoch milliseconds read as UTC; null when that year has no such day or time. */
export function inYear(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number | null {
  if (hour > 23 || minute > 59 || second > 60 || ms > 999) return null;
  const candidate = Date.UTC(year, month, day, hour, minute, second, ms);
  const date = new Date(candidate);
  return date.getUTCDate() === day && date.getUTCMonth() === month ? candidate : null;
}
