import { LOG_LEVELS, MAX_SAMPLE_ERRORS, type LogLevel } from '../../../domain/job/job-result.ts';
import { emptyTally, type LineTally } from '../../../domain/job/line-tally.ts';

/** Adds the tally of the lines that follow `total`'s to it. */
export function addTally(total: LineTally, next: Readonly<LineTally>): void {
  total.linesTotal += next.linesTotal;
  total.eventsParsed += next.eventsParsed;
  total.linesRejected += next.linesRejected;
  for (const [level, count] of Object.entries(next.levelCounts) as [LogLevel, number][]) {
    total.levelCounts[level] = (total.levelCounts[level] ?? 0) + count;
  }
  if (next.firstEventAt && (!total.firstEventAt || next.firstEventAt < total.firstEventAt)) total.firstEventAt = next.firstEventAt;
  if (next.lastEventAt && (!total.lastEventAt || next.lastEventAt > total.lastEventAt)) total.lastEventAt = next.lastEventAt;
  const room = MAX_SAMPLE_ERRORS - total.sampleErrors.length;
  if (room > 0) total.sampleErrors.push(...next.sampleErrors.slice(0, room));
}

export const LINE_TOO_LONG = 'line exceeds the maximum line length';

/** Builds a tally line by line, event by event. */
export class TallyCounter {
  readonly #tally: LineTally = emptyTally();
  // Events per level, in LOG_LEVELS order: an index per event instead of a keyed property.
  readonly #levels = new Float64Array(LOG_LEVELS.length);
  // Canonical ISO-8601 UTC strings of four-digit years order like the times they name: no Date
  // per event. Years written with a sign (+010000, -000001) do not, and go by number instead.
  #earliest: string | null = null;
  #latest: string | null = null;
  // The same for events whose time is known as a number.
  #earliestMs = Infinity;
  #latestMs = -Infinity;

  line(): void {
    this.#tally.linesTotal += 1;
  }

  event(level: LogLevel, ts: string | null): void {
    if (ts !== null && (ts.charCodeAt(0) === PLUS || ts.charCodeAt(0) === MINUS)) return this.timedEvent(level, Date.parse(ts));
    this.#count(level);
    if (ts !== null) {
      if (this.#earliest === null || ts < this.#earliest) this.#earliest = ts;
      if (this.#latest === null || ts > this.#latest) this.#latest = ts;
    }
  }

  /** An event whose time is epoch milliseconds (NaN for none): no ISO string needed. */
  timedEvent(level: LogLevel, epochMs: number): void {
    this.#count(level);
    if (epochMs < this.#earliestMs) this.#earliestMs = epochMs;
    if (epochMs > this.#latestMs) this.#latestMs = epochMs;
  }

  #count(level: LogLevel): void {
    this.#tally.eventsParsed += 1;
    this.#levels[LEVEL_INDEX[level]]! += 1;
  }

  reject(line: number, reason: string): void {
    const tally = this.#tally;
    tally.linesRejected += 1;
    if (tally.sampleErrors.length < MAX_SAMPLE_ERRORS) tally.sampleErrors.push({ line, reason });
  }

  /** The tally so far, with the first and last event times as dates. */
  tally(): LineTally {
    const tally = this.#tally;
    const earliest = Math.min(this.#earliest === null ? Infinity : Date.parse(this.#earliest), this.#earliestMs);
    const latest = Math.max(this.#latest === null ? -Infinity : Date.parse(this.#latest), this.#latestMs);
    tally.levelCounts = {};
    for (const [i, level] of LOG_LEVELS.entries()) if (this.#levels[i]! > 0) tally.levelCounts[level] = this.#levels[i];
    tally.firstEventAt = earliest === Infinity ? null : new Date(earliest);
    tally.lastEventAt = latest === -Infinity ? null : new Date(latest);
    return tally;
  }
}

const PLUS = 0x2b;
const MINUS = 0x2d;

/** A level's place in LOG_LEVELS. */
const LEVEL_INDEX = Object.fromEntries(LOG_LEVELS.map((level, i) => [level, i])) as Record<LogLevel, number>;
