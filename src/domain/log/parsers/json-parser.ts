import { UTC_WALL_CLOCK, type WallClockZone } from '../wall-clock-zone.ts';
import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { StructuredRecords } from './structured-record.ts';

/** Deeper lines are rejected: no logger writes them, and writing one out again would exhaust the stack. */
export const MAX_JSON_NESTING = 512;

/** JSON Lines: one JSON object per line; `zone` places ISO times written without an offset. */
export function jsonParser(zone: WallClockZone = UTC_WALL_CLOCK): LineParser {
  const records = new StructuredRecords(zone);
  return {
    joinsLines: false,
    parse(text: string, line: number): ParseOutcome {
      if (text.trim() === '') return BLANK;
      if (nestsDeeperThan(text, MAX_JSON_NESTING)) return reject(`nested deeper than ${MAX_JSON_NESTING} levels`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return reject('not valid JSON');
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return reject('not a JSON object');
      return { kind: 'event', event: records.eventOf(value as Record<string, unknown>, line) };
    },
  };
}

/** Whether brackets and braces outside strings open more than `limit` levels at some point. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // the escaped character cannot end the string
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
