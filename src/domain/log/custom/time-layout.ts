import { inYear, type LocalTimes } from '../local-times.ts';
import { millisOf, MONTHS } from '../timestamps.ts';
import { offsetOfZoneName } from '../time-zones.ts';

/** A time's fields as read so far; what the layout does not name stays undefined. */
interface Fields {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  ms?: number;
  /** Milliseconds east of UTC; null for a zone nobody can resolve. */
  offsetMs?: number | null;
  epochSeconds?: number;
}

interface Directive {
  /** The directive's pattern: one capturing group unless `read` is absent. */
  readonly source: string;
  readonly field?: keyof Fields;
  /** The field's value from the captured text; null when the text names no valid value. */
  readonly read?: (text: string) => number | boolean | null;
}

const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const number = (text: string): number => Number(text.trim());
const zoneOffset = (text: string): number | null => {
  if (/^z$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  return offsetOfZoneName(text) ?? null;
};

/** strptime's directives, as Fluent Bit's Time_Format and Python's strptime spell them. */
const DIRECTIVES: Readonly<Record<string, Directive>> = {
  Y: { source: String.raw`(\d{4})`, field: 'year', read: number },
  y: { source: String.raw`(\d{2})`, field: 'year', read: (t) => (number(t) < 69 ? 2000 : 1900) + number(t) },
  m: { source: String.raw`(\d{1,2})`, field: 'month', read: (t) => number(t) - 1 },
  b: { source: '([a-z]{3})', field: 'month', read: (t) => MONTHS[t.toLowerCase()] ?? null },
  B: { source: '([a-z]{3,9})', field: 'month', read: (t) => (FULL_MONTHS.includes(t.toLowerCase()) ? MONTHS[t.slice(0, 3).toLowerCase()]! : null) },
  d: { source: String.raw`(\d{1,2})`, field: 'day', read: number },
  e: { source: String.raw`( ?\d{1,2})`, field: 'day', read: number },
  H: { source: String.raw`(\d{1,2})`, field: 'hour', read: number },
  k: { source: String.raw`( ?\d{1,2})`, field: 'hour', read: number },
  I: { source: String.raw`(\d{1,2})`, field: 'hour12', read: number },
  p: { source: '(am|pm)', field: 'pm', read: (t) => t.toLowerCase() === 'pm' },
  M: { source: String.raw`(\d{2})`, field: 'minute', read: number },
  S: { source: String.raw`(\d{2})`, field: 'second', read: number },
  L: { source: String.raw`(\d{1,9})`, field: 'ms', read: millisOf },
  f: { source: String.raw`(\d{1,9})`, field: 'ms', read: millisOf },
  z: { source: String.raw`(z|[+-]\d{2}:?\d{2})`, field: 'offsetMs', read: zoneOffset },
  Z: { source: String.raw`([a-z]{1,6}|[+-]\d{2}:?\d{2})`, field: 'offsetMs', read: zoneOffset },
  s: { source: String.raw`(\d{1,12})`, field: 'epochSeconds', read: number },
  a: { source: '[a-z]{3}' },
  A: { source: '[a-z]{6,9}' },
};

/** Directives that stand for others. */
const SHORTHANDS: Readonly<Record<string, string>> = { T: '%H:%M:%S', F: '%Y-%m-%d', D: '%m/%d/%y', R: '%H:%M' };

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** A compiled time layout: reads a time written that way, as epoch milliseconds. */
export interface TimeLayout {
  /**
   * Null when the text is not written that way, names no valid time, or is in a zone nobody
   * can resolve. Without a year or a zone, `times` places it (the upload's `year` and
   * `timezone`, else the year nearest before the upload and UTC).
   */
  read(text: string, times: LocalTimes): number | null;
}

/** Compiles a strptime-style layout; throws an Error saying what is wrong with it. */
export function compileTimeLayout(layout: string): TimeLayout {
  const expanded = layout.replace(/%([TFDR])/g, (_, name: string) => SHORTHANDS[name]!);
  const fields: Directive[] = [];
  let source = '';
  for (let i = 0; i < expanded.length; i++) {
    const c = expanded[i]!;
    if (c !== '%') {
      source += /\s/.test(c) ? String.raw`\s+` : escape(c);
      continue;
    }
    const name = expanded[++i];
    if (name === undefined) throw new Error('ends with a lone %');
    if (name === '%') source += '%';
    else if (name === 'n' || name === 't') source += String.raw`\s+`;
    else {
      const directive = DIRECTIVES[name];
      if (!directive) throw new Error(`has an unknown directive %${name} (known: %${[...Object.keys(DIRECTIVES), ...Object.keys(SHORTHANDS)].join(' %')} %%)`);
      if (directive.field && fields.some((f) => f.field === directive.field)) throw new Error(`names the ${describe(directive.field)} twice`);
      source += directive.source;
      if (directive.field) fields.push(directive);
    }
  }
  const has = (field: keyof Fields): boolean => fields.some((f) => f.field === field);
  if (!has('epochSeconds') && !(has('month') && has('day'))) throw new Error('must name the month and day (%m or %b, and %d) or the epoch seconds (%s)');
  if (has('hour12') !== has('pm')) throw new Error('uses %I with %p, or neither');
  if (has('hour12') && has('hour')) throw new Error('names the hour twice');
  const pattern = new RegExp(`^${source}$`, 'i');
  return {
    read(text: string, times: LocalTimes): number | null {
      const m = pattern.exec(text.trim());
      if (!m) return null;
      const read: Fields = {};
      for (let g = 0; g < fields.length; g++) {
        const { field, read: value } = fields[g]!;
        const parsed = value!(m[g + 1]!);
        if (parsed === null || (typeof parsed === 'number' && Number.isNaN(parsed))) return null;
        (read as Record<string, unknown>)[field!] = parsed;
      }
      return epochMsOf(read, times);
    },
  };
}

/** Why a layout cannot be used; null when it can. */
export function timeLayoutIssue(layout: string): string | null {
  try {
    compileTimeLayout(layout);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function epochMsOf(f: Fields, times: LocalTimes): number | null {
  if (f.offsetMs === null) return null;
  const ms = f.ms ?? 0;
  if (f.epochSeconds !== undefined) return f.epochSeconds * 1000 + ms;
  const hour = f.hour12 === undefined ? (f.hour ?? 0) : f.hour12 > 12 || f.hour12 < 1 ? 99 : (f.hour12 % 12) + (f.pm ? 12 : 0);
  const [month, day, minute, second] = [f.month!, f.day!, f.minute ?? 0, f.second ?? 0];
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const wall = f.year === undefined ? times.yearlessWall(month, day, hour, minute, second, ms) : inYear(f.year, month, day, hour, minute, second, ms);
  if (wall === null) return null;
  // A time written without a zone is in the upload's (see LocalTimes).
  return f.offsetMs === undefined ? times.at(wall) : wall - f.offsetMs;
}

const describe = (field: keyof Fields): string => (field === 'offsetMs' ? 'zone' : field === 'epochSeconds' ? 'epoch seconds' : field === 'ms' ? 'fraction of a second' : field);
