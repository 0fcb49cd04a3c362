import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockNormalizer } from '../../../../src/adapters/normalizer/pipeline/block-normalizer.ts';
import { EventAssembler } from '../../../../src/adapters/normalizer/pipeline/event-assembler.ts';
import type { LineBlock } from '../../../../src/adapters/normalizer/pipeline/line-blocks.ts';
import { FIELD_ROLES, NESTED_FIELDS } from '../../../../src/domain/log/field-roles.ts';
import { jsonParser } from '../../../../src/domain/log/parsers/json-parser.ts';

const SPEC = { parsing: { format: 'json', referenceTime: new Date('2026-01-05T12:00:00Z') }, maxEventBytes: 1024 } as const;
const encoder = new TextEncoder();

const blockOf = (bytes: Uint8Array, overlong: number[] = []): LineBlock => ({ bytes, firstLine: 1, overlong });

const normalizer = new BlockNormalizer();

/** The block through the worker's json path, each output line as JSON.stringify writes its value. */
function viaBytes(block: LineBlock) {
  const { ndjson, tally } = normalizer.normalize(block, SPEC);
  const text = Buffer.from(ndjson).toString();
  expect(text === '' || text.endsWith('\n')).toBe(true);
  const lines = text.split('\n').slice(0, -1);
  return { lines, canonical: lines.map((line) => JSON.stringify(JSON.parse(line))), tally };
}

/** The reference (the object path): the block decoded as text, its lines through jsonParser and JSON.stringify. */
function viaText(block: LineBlock) {
  const assembler = new EventAssembler(jsonParser(), SPEC.maxEventBytes);
  const events = [];
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(block.bytes);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    const number = i + 1;
    const event = assembler.push({ number, text: line.endsWith('\r') ? line.slice(0, -1) : line, tooLong: block.overlong.includes(number) });
    if (event) events.push(event);
  }
  const last = assembler.finish();
  if (last) events.push(last);
  return { canonical: events.map((event) => JSON.stringify(event)), tally: assembler.tally };
}

describe('json lines, normalized from bytes to bytes', () => {
  it('copies the fields it does not interpret as they are spelled', () => {
    const line = '{"time":1767571200000,"level":30,"n":1.50,"big":12345678901234567890,"msg":"hi \\u00e9","nested":{"a": [1, 2e3]}}\n';
    expect(viaBytes(blockOf(encoder.encode(line))).lines).toEqual([
      '{"ts":"2026-01-05T00:00:00.000Z","level":"info","message":"hi \\u00e9","attrs":{"n":1.50,"big":12345678901234567890,"nested":{"a": [1, 2e3]}},"line":1}',
    ]);
  });

  it.each([
    ['spaces around keys, values and the object', ' { "msg" : "a" ,\t"level":"WARN", "x" : [ 1 ] , "y":2 } \r'],
    ['a repeated key (the last one counts)', '{"msg":"first","msg":"second","level":"info","level":"error"}'],
    ['an escaped key', '{"\\u006dsg":"escaped name","level":20}'],
    ['keys that are numbers (ordered first by JSON.parse)', '{"b":1,"2":"two","1":"one"}'],
    ['a time that does not parse, kept in attrs', '{"time":"yesterday","ts":"2026-01-05T10:00:00+02:00","message":7}'],
    ['epoch seconds with a fraction, numeric strings', '{"ts":1767571200.5,"level":"50","timestamp":"1767571200123"}'],
    ['times outside four-digit years', '{"time":-62198755200000,"level":"debug"}'],
    ['invalid UTF-8 inside a string', Buffer.concat([Buffer.from('{"msg":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('b","k":"'), Buffer.from([0xc3]), Buffer.from('"}')])],
    ['a byte order mark inside the file', '\uFEFF{"msg":"bom"}'],
    ['nesting deeper than the scan follows', `{"deep":${'['.repeat(100)}${']'.repeat(100)},"msg":"d"}`],
    ['not an object', '[1,2]'],
    ['not JSON', '{"msg":"unterminated'],
    ['a trailing comma', '{"a":1,}'],
    ['blank and space-only lines', '   '],
    ['big and negative numbers', '{"a":-0,"b":1e400,"c":-1.5E-3,"level":1e1}'],
    ['literals and empty containers', '{"a":true,"b":false,"c":null,"d":{},"e":[],"msg":""}'],
    ['a nested message (tracing)', '{"timestamp":"2025-10-28T19:15:10.821315Z","level":"INFO","fields":{"message":"shaving yaks","n":1.50},"target":"t"}'],
    ['a nested level (ECS)', '{"@timestamp":"2025-10-28T19:15:10Z","log":{"level":"warn","logger":"x"},"message":"m"}'],
    ['a nested object with no role in it', '{"fields":{"count":1},"log":{},"msg":"m"}'],
    ['journald export', '{ "__REALTIME_TIMESTAMP" : "1534860261221373", "PRIORITY" : "3", "MESSAGE" : "m", "_PID" : "184" }'],
    ['GELF', '{"version":"1.1","host":"h","short_message":"s","full_message":"f","timestamp":1385053862.3072,"level":1,"_user_id":9001}'],
    ['Serilog compact without a level', '{"@t":"2016-06-07T03:44:57.8532799Z","@mt":"Hello, {User}","User":"nblumhardt"}'],
    ['epoch micro- and nanoseconds', '{"time":1767571200123456789,"ts":"1767571200123456"}'],
  ])('gives what jsonParser gives for %s', (_, line) => {
    const block = blockOf(Buffer.concat([Buffer.from(line), Buffer.from('\n{"msg":"after","level":"info"}\n')]));
    const { canonical, tally } = viaBytes(block);
    const want = viaText(block);
    expect(canonical).toEqual(want.canonical);
    expect(tally).toEqual(want.tally);
  });

  it('rejects an over-long line, whose bytes were dropped, as the text path does', () => {
    const block = blockOf(encoder.encode('{"msg":"a"}\n\n{"msg":"c"}\n'), [2]);
    const { tally } = viaBytes(block);
    expect(tally).toEqual(viaText(block).tally);
    expect(tally.sampleErrors).toEqual([{ line: 2, reason: 'line exceeds the maximum line length' }]);
  });

  const roleKey = fc.constantFrom(...FIELD_ROLES.keys(), ...NESTED_FIELDS.keys());
  const key = fc.oneof(roleKey, roleKey, fc.string({ maxLength: 8 }), fc.constantFrom('pid', '__proto__', '0', '12', 'é', 'a"b'));
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(30, 50, 60, '30', 3, '6', 'INFO', 'warning', 'bogus', 1767571200, 1767571200123, '1767571200123456', 1767571200123456000, '2026-01-05T10:00:00Z', '2026-01-05 10:00:00,5', 'Mon, 05 Jan 2026 10:00:00 GMT'),
    fc.record({ message: fc.constantFrom('nested', 7), level: fc.constantFrom('error', 5, {}), other: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
  );
  const space = fc.constantFrom('', '', ' ', '\t', ' \r ');
  const record = fc.array(fc.tuple(key, value, space, space), { maxLength: 10 }).map(
    (members) => `{${members.map(([k, v, before, after]) => `${before}${JSON.stringify(k)}${after}:${before}${JSON.stringify(v)}${after}`).join(',')}}`,
  );
  const anyLine = fc.oneof(record, record, record, fc.string({ maxLength: 40 }), fc.json());

  it('tells the first and last event times by time, also past year 9999 (written +010000-…)', () => {
    // Found by the property below: such a time's ISO spelling sorts before 1970's.
    const block = blockOf(encoder.encode('{"@t":253402300800000000000}\n{"@t":30}\n'));
    const { tally } = viaBytes(block);
    expect(tally).toEqual(viaText(block).tally);
    expect([tally.firstEventAt?.toISOString(), tally.lastEventAt?.toISOString()]).toEqual(['1970-01-01T00:00:30.000Z', '+010000-01-01T00:00:00.000Z']);
  });

  it('gives what jsonParser gives, line for line and count for count, for any lines (property)', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const block = blockOf(encoder.encode(lines.map((line) => `${line.replaceAll('\n', ' ')}${eol}`).join('')));
        const { canonical, tally } = viaBytes(block);
        const want = viaText(block);
        expect(canonical).toEqual(want.canonical);
        expect(tally).toEqual(want.tally);
      }),
      { numRuns: 1_000 },
    );
  });
});
