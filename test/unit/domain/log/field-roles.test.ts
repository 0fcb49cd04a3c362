import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogLevel } from '../../../../src/domain/job/job-result.ts';
import { FIELD_ROLES, RoleChoice, type RoleReading } from '../../../../src/domain/log/field-roles.ts';
import { levelFromValue } from '../../../../src/domain/log/levels.ts';
import { parseTimestampValue } from '../../../../src/domain/log/timestamps.ts';

/** Fields of a record by name, read as the object path reads them. */
class MapReading implements RoleReading<string> {
  readonly fields: Map<string, unknown>;
  constructor(fields: Map<string, unknown>) {
    this.fields = fields;
  }
  time = (field: string): number | null => parseTimestampValue(this.fields.get(field));
  level = (field: string): LogLevel => levelFromValue(this.fields.get(field));
  isString = (field: string): boolean => typeof this.fields.get(field) === 'string';
}

function choose(fields: Map<string, unknown>, order: string[]) {
  const choice = new RoleChoice(new MapReading(fields));
  for (const field of order) choice.offer(FIELD_ROLES.get(field)!, field);
  return { time: choice.timeField, epochMs: choice.timeField === null ? null : choice.epochMs, level: choice.level, levelField: choice.levelField, message: choice.messageField };
}

describe('RoleChoice', () => {
  const value = fc.constantFrom<unknown>(30, '50', 'warn', 'bogus', 1767571200, '2026-01-05T10:00:00Z', 'yesterday', null, true, { a: 1 }, 'text');
  const record = fc.uniqueArray(fc.tuple(fc.constantFrom(...FIELD_ROLES.keys()), value), { selector: ([name]) => name, maxLength: 12 });

  it('picks, per role, the lowest-ranked field whose value reads as that role, whatever the order of the offers (property)', () => {
    fc.assert(
      fc.property(record, fc.func(fc.integer()), (entries, shuffleKey) => {
        const fields = new Map(entries);
        const names = [...fields.keys()];
        const shuffled = [...names].sort((a, b) => shuffleKey(a) - shuffleKey(b));
        const chosen = choose(fields, names);
        expect(choose(fields, shuffled)).toEqual(chosen);
        const reading = new MapReading(fields);
        const best = (role: string, reads: (name: string) => boolean) =>
          names.filter((name) => FIELD_ROLES.get(name)!.role === role && reads(name)).sort((a, b) => FIELD_ROLES.get(a)!.rank - FIELD_ROLES.get(b)!.rank)[0] ?? null;
        expect(chosen.time).toBe(best('time', (name) => reading.time(name) !== null));
        expect(chosen.levelField).toBe(best('level', (name) => reading.level(name) !== 'unknown'));
        expect(chosen.message).toBe(best('message', (name) => reading.isString(name)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes a level a field implies (CLEF\'s @t: Information) only when no level field reads', () => {
    const fields = new Map<string, unknown>([['@t', '2026-01-05T10:00:00Z'], ['@l', 'Error']]);
    expect(choose(fields, ['@t']).level).toBe('info');
    expect(choose(fields, ['@l', '@t']).level).toBe('error');
    expect(choose(new Map([['@t', 'not a time']]), ['@t']).level).toBe('info');
  });

  it('starts afresh after reset', () => {
    const choice = new RoleChoice(new MapReading(new Map<string, unknown>([['msg', 'hi'], ['level', 'error']])));
    choice.offer(FIELD_ROLES.get('msg')!, 'msg');
    choice.offer(FIELD_ROLES.get('level')!, 'level');
    choice.reset();
    expect([choice.timeField, choice.levelField, choice.level, choice.messageField]).toEqual([null, null, 'unknown', null]);
  });
});
