import { AFTER_TIME, LEVEL_SEARCH_CHARS, levelOfTextLine } from './text-levels.ts';
import { LEVEL_PLACES, type LevelPlace, type TextDialect, type TimePlace } from './text-dialect.ts';
import { TextTimeReader } from './text-times.ts';
import { LocalTimes } from './local-times.ts';
import { UTC_WALL_CLOCK } from './wall-clock-zone.ts';

// Where a time is written is what counts here, not the instant: any zone reads the same places.
const placesOf = (referenceTime: Date): LocalTimes => new LocalTimes(UTC_WALL_CLOCK, referenceTime, null);

/** A place must hold this share of the lines with a time: a file that writes its time two ways has no single event start. */
const PLACE_SHARE = 0.8;
/**
 * …and this share of the lines that could start an event (not indented), unless the file starts with it:
 * a long trace in the head may outnumber the events that logged it.
 */
const START_SHARE = 0.3;

/** The dialect of a text file's first lines; null when no time marks where its events start. */
export function learnDialect(lines: readonly string[], referenceTime: Date): TextDialect | null {
  const reader = new TextTimeReader(placesOf(referenceTime));
  const places = new Map<string, { place: TimePlace; count: number }>();
  let candidates = 0;
  let timed = 0;
  let first: string | null = null;
  for (const line of lines) {
    if (line.trim() === '' || /^\s/.test(line)) continue;
    candidates += 1;
    const time = reader.read(line);
    if (time === null) continue;
    timed += 1;
    const key = `${time.layout}@${time.column}`;
    first ??= candidates === 1 ? key : '';
    const seen = places.get(key);
    if (seen) seen.count += 1;
    else places.set(key, { place: { layout: time.layout, column: time.column }, count: 1 });
  }
  let best: { place: TimePlace; count: number } | null = null;
  for (const entry of places.values()) if (best === null || entry.count > best.count) best = entry;
  if (best === null || best.count < Math.min(2, candidates) || best.count < PLACE_SHARE * timed) return null;
  const startsFile = first === `${best.place.layout}@${best.place.column}`;
  if (!startsFile && best.count < START_SHARE * candidates) return null;
  return { time: best.place, level: levelPlaceOf(lines, best.place, referenceTime) };
}

/** Where most of the lines that start with the file's time carry their level. */
function levelPlaceOf(lines: readonly string[], place: TimePlace, referenceTime: Date): LevelPlace {
  const reader = new TextTimeReader(placesOf(referenceTime), place);
  const afterTime = new RegExp(AFTER_TIME);
  const counts: Record<LevelPlace, number> = { 'in-time': 0, 'after-time': 0, 'in-line': 0, none: 0 };
  for (const line of lines) {
    const time = reader.read(line);
    if (time === null) continue;
    afterTime.lastIndex = time.end;
    if (time.level !== undefined) counts['in-time'] += 1;
    else if (afterTime.exec(line)?.[1] !== undefined) counts['after-time'] += 1;
    else if (levelOfTextLine(line.slice(0, time.end + LEVEL_SEARCH_CHARS)) !== 'unknown') counts['in-line'] += 1;
    else counts.none += 1;
  }
  // Most lines decide; ties go to the more precise place (LEVEL_PLACES' order).
  return LEVEL_PLACES.reduce((best, place) => (counts[place] > counts[best] ? place : best));
}

const LEVEL_WORDING: Readonly<Record<LevelPlace, string>> = {
  'in-time': 'the level in the time',
  'after-time': 'the level right after the time',
  'in-line': 'the level further on the line',
  none: 'no level',
};

/** The dialect in a sentence, for people reading a job's result. */
export function describeDialect({ time, level }: TextDialect): string {
  const where = time.column === 0 ? 'at the start of the line' : `behind ${time.column} leading column${time.column > 1 ? 's' : ''}`;
  return `events start with a ${time.layout} time ${where}, ${LEVEL_WORDING[level]}; other lines continue the event before them`;
}
