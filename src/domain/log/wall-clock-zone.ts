/**
 * The zone a file's times are written in, as the parsers need it: the instant a wall-clock
 * time written without an offset names. A wall time is given as the epoch milliseconds it
 * would be in UTC (`Date.UTC` of the written fields).
 */
export interface WallClockZone {
  utcMsOf(wallMs: number): number;
}

/** Zone-less times are UTC unless the upload names a zone: log files mostly use UTC. */
export const UTC_WALL_CLOCK: WallClockZone = { utcMsOf: (wallMs) => wallMs };

/** A zone's offset from UTC (local minus UTC, in milliseconds) at an instant. */
export type OffsetAt = (utcMs: number) => number;

const DAY_MS = 86_400_000;

/**
 * The instant a wall time names in a zone, as Temporal's 'compatible' disambiguation resolves
 * it, so that every wall time has exactly one: a time a DST change repeats (an overlap) is
 * the earlier instant (still summer time), a time it skips (a gap) is read with the offset
 * before the change, i.e. pushed forward by the gap (02:30 on a spring-forward night is 03:30).
 * The offsets a day either side bound the ones around it: zones change offset at most once a day.
 */
export function utcMsOfWallTime(wallMs: number, offsetAt: OffsetAt): number {
  const before = offsetAt(wallMs - DAY_MS);
  const after = offsetAt(wallMs + DAY_MS);
  const earlier = wallMs - before;
  if (before === after || offsetAt(earlier) === before) return earlier;
  const later = wallMs - after;
  // Neither reading is right in a gap: the offset before it then pushes the time forward.
  return offsetAt(later) === after ? later : earlier;
}
