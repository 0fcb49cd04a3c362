/**
 * What an upload may say about times its file writes incompletely: the IANA zone of times
 * written without an offset (`timezone`), the year of dates written without one (`year`).
 */

/** The years `year` may name: logs are not older than Unix time, and a later one is a typo. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2100;

export const isYearHint = (year: number): boolean => Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;

// A zone's name, as the IANA database spells them (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`, `UTC`), not an offset.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * Whether `name` is an IANA time zone this runtime knows (any letter case, links such as
 * `US/Pacific` included): the parsers then read the file's times in it through Intl.
 */
export function isKnownTimeZone(name: string): boolean {
  if (!ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TIME_ZONE_RULE = 'must be an IANA time zone name this server knows, such as Europe/Paris, America/Los_Angeles or UTC';
export const YEAR_RULE = `must be a whole year from ${MIN_YEAR} to ${MAX_YEAR}`;
