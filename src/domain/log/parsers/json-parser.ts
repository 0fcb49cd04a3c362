import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { eventFromRecord } from './structured-record.ts';

/** JSON Lines: one JSON object per line. */
export const jsonParser: LineParser = {
  joinsLines: false,
  parse(text: string, line: number): ParseOutcome {
    if (text.trim() === '') return BLANK;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return reject('not valid JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return reject('not a JSON object');
    return { kind: 'event', event: eventFromRecord(value as Record<string, unknown>, line) };
  },
};
