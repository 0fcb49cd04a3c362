import { utcMsOfWallTime, type WallClockZone } from '../../../domain/log/wall-clock-zone.ts';

const HOUR_MS = 3_600_000;
/** The furthest a Date reaches from 1970, either way: Intl formats nothing beyond. */
const MAX_EPOCH_MS = 8.64e15;
/** 400 Gregorian years, exactly: moves a year below 100 out of the range Date.UTC reads as 19xx. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;
/**
 * Hours remembered per zone, a year of a file's times; past it the memory starts over. A few
 * hundred KiB: parse threads have small heaps.
 */
const MAX_REMEMBERED_HOURS = 8_760;

/** A UTC hour in which the offset changes: `before` up to the instant `change`, `after` from it. */
interface ChangingHour {
  readonly before: number;
  readonly after: number;
  readonly change: number;
}

/**
 * An IANA zone (`Europe/Paris`) as the runtime's Intl tz data has it. Asking Intl costs
 * microseconds and a file's times fall in few hours, so each hour is asked about once: per
 * UTC hour its offset (and the instant it changes, when a DST change falls in it), per wall
 * hour the offset all its times take, or NaN for the wall hour a change falls in, whose
 * times are resolved one by one by the domain's rule (see utcMsOfWallTime).
 */
export class IntlWallClockZone implements WallClockZone {
  readonly #format: Intl.DateTimeFormat;
  /** Per UTC hour, its offset, or how it changes in the hour. */
  readonly #utcHours = new Map<number, number | ChangingHour>();
  readonly #wallHours = new Map<number, number>();
  readonly #offsetAt = (utcMs: number): number => this.#cachedOffsetAt(utcMs);
  // Log times come nearly in order: most follow the one before in the same hour.
  #lastWallHour = Number.NaN;
  #lastWallOffset = Number.NaN;

  /** Throws RangeError for a zone the runtime does not know. */
  constructor(timeZone: string) {
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  utcMsOf(wallMs: number): number {
    const hour = Math.floor(wallMs / HOUR_MS);
    if (hour !== this.#lastWallHour) {
      this.#lastWallOffset = this.#wallHourOffset(hour);
      this.#lastWallHour = hour;
    }
    const offset = this.#lastWallOffset;
    return Number.isNaN(offset) ? utcMsOfWallTime(wallMs, this.#offsetAt) : wallMs - offset;
  }

  /**
   * The offset every wall time of the hour resolves with, or NaN. A zone changes offset at
   * most once around an hour, so the resolved offset steps at most once across it: the same
   * at its first and last millisecond, it is the same throughout.
   */
  #wallHourOffset(hour: number): number {
    let offset = this.#wallHours.get(hour);
    if (offset === undefined) {
      const first = hour * HOUR_MS;
      const last = first + HOUR_MS - 1;
      const firstOffset = first - utcMsOfWallTime(first, this.#offsetAt);
      offset = firstOffset === last - utcMsOfWallTime(last, this.#offsetAt) ? firstOffset : Number.NaN;
      remember(this.#wallHours, hour, offset);
    }
    return offset;
  }

  #cachedOffsetAt(utcMs: number): number {
    const hour = Math.floor(utcMs / HOUR_MS);
    let known = this.#utcHours.get(hour);
    if (known === undefined) {
      known = this.#utcHour(hour);
      remember(this.#utcHours, hour, known);
    }
    if (typeof known === 'number') return known;
    return utcMs < known.change ? known.before : known.after;
  }

  /** The hour's offset; when it changes in the hour, the second it does, found by halving (a dozen asks, once a change). */
  #utcHour(hour: number): number | ChangingHour {
    let before = hour * HOUR_MS;
    let after = before + HOUR_MS - 1000;
    const offsetBefore = this.#intlOffsetAt(before);
    const offsetAfter = this.#intlOffsetAt(after);
    if (offsetBefore === offsetAfter) return offsetBefore;
    while (after - before > 1000) {
      const middle = before + Math.floor((after - before) / 2000) * 1000;
      if (this.#intlOffsetAt(middle) === offsetBefore) before = middle;
      else after = middle;
    }
    return { before: offsetBefore, after: offsetAfter, change: after };
  }

  /** Local time minus UTC at the instant, in milliseconds, as Intl gives it (to the second). */
  #intlOffsetAt(utcMs: number): number {
    const second = Math.floor(Math.min(Math.max(utcMs, -MAX_EPOCH_MS), MAX_EPOCH_MS) / 1000) * 1000;
    let era = '';
    const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.#format.formatToParts(second)) {
      if (part.type === 'era') era = part.value;
      else if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
    }
    const year = era.startsWith('B') ? 1 - fields.year : fields.year;
    const wallMs = Date.UTC(year + 400, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second) - FOUR_CENTURIES_MS;
    return wallMs - second;
  }
}

function remember<V>(memory: Map<number, V>, hour: number, value: V): void {
  if (memory.size >= MAX_REMEMBERED_HOURS) memory.clear();
  memory.set(hour, value);
}
