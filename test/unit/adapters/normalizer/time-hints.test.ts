import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InlineLogNormalizer } from '../../../../src/adapters/normalizer/inline-log-normalizer.ts';
import { BlockNormalizer } from '../../../../src/adapters/normalizer/pipeline/block-normalizer.ts';
import { EventAssembler } from '../../../../src/adapters/normalizer/pipeline/event-assembler.ts';
import { IntlWallClockZone } from '../../../../src/adapters/normalizer/time-zones/intl-wall-clock-zone.ts';
import type { ParsingSpec } from '../../../../src/domain/log/parsers/parser-for.ts';
import { jsonParser } from '../../../../src/domain/log/parsers/json-parser.ts';
import type { LogFormat } from '../../../../src/domain/upload/log-format.ts';
import { collect } from '../../../support/builders.ts';

// Expected instants are worked out by hand from each zone's offset on that day (and checked with
// `date -u -d 'TZ="America/Los_Angeles" 2025-08-13 01:45:01'`), never taken from the code under test.

const UPLOADED = new Date('2026-01-05T12:00:00Z');

interface Event {
  readonly ts: string | null;
  readonly message: string;
  readonly line: number;
}

/** The lines' events, read through the LogNormalizer port as the worker reads an upload with these options. */
async function eventsOf(format: LogFormat, lines: readonly string[], hints: { timeZone?: string; year?: number } = {}): Promise<Event[]> {
  const output = new InlineLogNormalizer().normalize(
    (async function* () {
      yield new TextEncoder().encode(`${lines.join('\n')}\n`);
    })(),
    {
      parsing: { format, referenceTime: UPLOADED, timeZone: hints.timeZone ?? null, year: hints.year ?? null },
      maxLineBytes: 1 << 20,
      budgets: { maxDecompressedBytes: 1 << 30, maxDecompressionRatio: 1000, maxLines: 1e9, maxOutputBytes: 1 << 30, maxCpuSeconds: 600 },
    },
  );
  const text = gunzipSync(await collect(output.gzip)).toString('utf8');
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as Event);
}

const timesOf = async (...args: Parameters<typeof eventsOf>): Promise<(string | null)[]> => (await eventsOf(...args)).map((event) => event.ts);

describe('the upload option timezone: times written without an offset are wall times in it', () => {
  it('reads a zone-less PostgreSQL/ISO line in Los Angeles as PDT in summer and PST in winter', async () => {
    const lines = ['2025-08-13 01:45:01.123 [4711] LOG:  checkpoint starting: time', '2025-01-13 01:45:01.123 [4711] LOG:  checkpoint complete'];
    expect(await timesOf('text', lines, { timeZone: 'America/Los_Angeles' })).toEqual(['2025-08-13T08:45:01.123Z', '2025-01-13T09:45:01.123Z']);
    // Without the option, as before: UTC.
    expect(await timesOf('text', lines)).toEqual(['2025-08-13T01:45:01.123Z', '2025-01-13T01:45:01.123Z']);
  });

  it('resolves a wall time a DST change skips by the offset before it, and one it repeats to the earlier instant', async () => {
    const lines = [
      '2025-03-09 01:59:59 INFO last second of PST',
      '2025-03-09 02:30:00 INFO in the spring-forward gap: 02:30 PST is 03:30 PDT',
      '2025-03-09 03:00:00 INFO first second of PDT',
      '2025-11-02 00:59:00 INFO before the overlap',
      '2025-11-02 01:30:00 INFO in the fall-back overlap: the first, PDT, 01:30',
      '2025-11-02 02:00:00 INFO after the overlap, PST',
    ];
    expect(await timesOf('text', lines, { timeZone: 'America/Los_Angeles' })).toEqual([
      '2025-03-09T09:59:59.000Z',
      '2025-03-09T10:30:00.000Z',
      '2025-03-09T10:00:00.000Z',
      '2025-11-02T07:59:00.000Z',
      '2025-11-02T08:30:00.000Z',
      '2025-11-02T10:00:00.000Z',
    ]);
    // Europe changes at 01:00 UTC; Lord Howe Island by half an hour, at 02:00 local.
    expect(await timesOf('text', ['2025-03-30 02:30:00 gap', '2025-10-26 02:30:00 overlap'], { timeZone: 'Europe/Paris' })).toEqual([
      '2025-03-30T01:30:00.000Z',
      '2025-10-26T00:30:00.000Z',
    ]);
    expect(await timesOf('text', ['2025-10-05 02:15:00 gap', '2025-04-06 01:45:00 overlap'], { timeZone: 'Australia/Lord_Howe' })).toEqual([
      '2025-10-04T15:45:00.000Z',
      '2025-04-05T14:45:00.000Z',
    ]);
  });

  it('leaves a time that carries its own offset or zone name as written', async () => {
    const lines = ['2025-08-13T01:45:01+02:00 INFO offset', '2025-08-13 01:45:01.123 PDT LOG:  zone name', '2025-08-13T01:45:01Z INFO utc'];
    expect(await timesOf('text', lines, { timeZone: 'Asia/Tokyo' })).toEqual(['2025-08-12T23:45:01.000Z', '2025-08-13T08:45:01.123Z', '2025-08-13T01:45:01.000Z']);
  });

  it('applies to every zone-less text layout', async () => {
    expect(await timesOf('text', ['2019/01/22 03:56:14 [error] 7#7: open() failed'], { timeZone: 'Asia/Tokyo' })).toEqual(['2019-01-21T18:56:14.000Z']);
    expect(await timesOf('text', ['[Sun Dec 04 04:47:44 2005] [error] mod_jk child init'], { timeZone: 'America/New_York' })).toEqual(['2005-12-04T09:47:44.000Z']);
    expect(await timesOf('text', ['03-17 16:13:38.811  1702  2395 D WindowManager: x'], { timeZone: 'Asia/Kolkata', year: 2017 })).toEqual(['2017-03-17T10:43:38.811Z']);
  });

  it('reads a BSD syslog line in Europe/Paris in the given year, and an RFC 3339 one with its own offset as written', async () => {
    const lines = [
      'Jan  5 11:00:00 host app[1]: winter',
      'Jul  5 11:00:00 host app[1]: summer',
      '2019-07-05T11:00:00-05:00 host app[1]: own offset',
      '2019-12-05T11:00:00.250 host app[1]: RFC 3339 without its offset',
    ];
    expect(await timesOf('syslog', lines, { timeZone: 'Europe/Paris', year: 2019 })).toEqual([
      '2019-01-05T10:00:00.000Z',
      '2019-07-05T09:00:00.000Z',
      '2019-07-05T16:00:00.000Z',
      '2019-12-05T10:00:00.250Z',
    ]);
    // Without a zone, the year alone; without either, the year before the upload (January 2026).
    expect(await timesOf('syslog', lines.slice(0, 2), { year: 2019 })).toEqual(['2019-01-05T11:00:00.000Z', '2019-07-05T11:00:00.000Z']);
    expect(await timesOf('syslog', lines.slice(0, 2))).toEqual(['2026-01-05T11:00:00.000Z', '2025-07-05T11:00:00.000Z']);
  });

  it('places a zone-less ISO time in json and logfmt, on the fast byte path and the generic one alike', async () => {
    const lines = [
      '{"time":"2025-08-13T01:45:01.123","level":"info","msg":"fast path"}',
      // A nested role (tracing's fields.message) sends the line through jsonParser.
      '{"time":"2025-01-13 01:45:01","fields":{"message":"generic path"}}',
      '{"time":"2025-08-13T01:45:01.123+02:00","msg":"own offset"}',
      '{"time":"2025-01-13T01:45:01\\u002e5","msg":"escaped: decoded, then read as text"}',
    ];
    const expected = ['2025-08-13T08:45:01.123Z', '2025-01-13T09:45:01.000Z', '2025-08-12T23:45:01.123Z', '2025-01-13T09:45:01.500Z'];
    expect(await timesOf('json', lines, { timeZone: 'America/Los_Angeles' })).toEqual(expected);

    const zone = new IntlWallClockZone('America/Los_Angeles');
    const generic = new EventAssembler(jsonParser(zone), 1 << 20);
    const viaObjects = lines.map((text, i) => generic.push({ number: i + 1, text, tooLong: false })?.ts);
    viaObjects.push(generic.finish()?.ts);
    expect(viaObjects.filter((ts) => ts !== undefined)).toEqual(expected);

    expect(await timesOf('logfmt', ['time=2025-01-13T01:45:01 level=info msg=x', 'time=2025-01-13T01:45:01Z msg=y'], { timeZone: 'America/Los_Angeles' })).toEqual([
      '2025-01-13T09:45:01.000Z',
      '2025-01-13T01:45:01.000Z',
    ]);
  });

  it('is the same whether one BlockNormalizer reads blocks of several zones in turn or not', () => {
    const normalizer = new BlockNormalizer();
    const block = { bytes: new TextEncoder().encode('{"ts":"2025-08-13T01:45:01","msg":"a"}\n'), firstLine: 1, overlong: [] };
    const tsIn = (timeZone: string | null) => {
      const parsing: ParsingSpec = { format: 'json', referenceTime: UPLOADED, timeZone };
      return JSON.parse(Buffer.from(normalizer.normalize(block, { parsing, maxEventBytes: 1024 }).ndjson).toString()).ts;
    };
    expect([tsIn('America/Los_Angeles'), tsIn('Asia/Tokyo'), tsIn(null), tsIn('America/Los_Angeles')]).toEqual([
      '2025-08-13T08:45:01.000Z',
      '2025-08-12T16:45:01.000Z',
      '2025-08-13T01:45:01.000Z',
      '2025-08-13T08:45:01.000Z',
    ]);
  });
});

describe('the upload option year: the year of dates written without one', () => {
  it('holds for every year-less line of the file, New Year included: blocks are read apart, so it cannot roll over', async () => {
    const lines = ['Dec 31 23:59:00 host app: old year', 'Jan  1 00:01:00 host app: new year'];
    expect(await timesOf('syslog', lines, { year: 2024, timeZone: 'America/Los_Angeles' })).toEqual(['2025-01-01T07:59:00.000Z', '2024-01-01T08:01:00.000Z']);
  });

  it('rejects a day the year does not have, which the upload-time rule would have moved to a leap year', async () => {
    const events = await eventsOf('syslog', ['Feb 29 10:00:00 host app: leap', 'Mar  1 10:00:00 host app: next'], { year: 2023 });
    expect(events.map((event) => [event.line, event.ts])).toEqual([[2, '2023-03-01T10:00:00.000Z']]);
  });
});

describe('IntlWallClockZone', () => {
  it('gives, for the wall time of any instant, that instant or, in an overlap, the earlier one with the same wall time (property)', () => {
    // Intl's own formatting is the reference: an instant's wall time read back must name it.
    for (const name of ['America/Los_Angeles', 'Australia/Lord_Howe', 'America/St_Johns', 'Africa/Casablanca']) {
      const format = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      const wallOf = (utcMs: number): number => {
        const part = Object.fromEntries(format.formatToParts(utcMs).map((p) => [p.type, Number(p.value)]));
        return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
      };
      // Over 2024–2025 every 3 hours 1 minute 7 seconds, and every 5 minutes on each day the offset changes
      // (its wall clock does not move by 24 hours); in order, then shuffled: the caches must not depend on order.
      const DAY = 86_400_000;
      const instants: number[] = [];
      for (let utcMs = Date.UTC(2024, 0, 1); utcMs < Date.UTC(2026, 0, 1); utcMs += 10_867_000) instants.push(utcMs);
      for (let day = Date.UTC(2024, 0, 1); day < Date.UTC(2026, 0, 1); day += DAY) {
        if (wallOf(day + DAY) - wallOf(day) === DAY) continue;
        for (let utcMs = day; utcMs <= day + DAY; utcMs += 300_000) instants.push(utcMs);
      }
      const walls = instants.map(wallOf);
      const order = [[...instants.keys()], instants.map((_, i) => (i * 7919) % instants.length)];
      for (const indexes of order) {
        const zone = new IntlWallClockZone(name);
        for (const i of indexes) {
          const resolved = zone.utcMsOf(walls[i]!);
          if (resolved === instants[i]) continue;
          expect([name, wallOf(resolved)]).toEqual([name, walls[i]]);
          expect(resolved).toBeLessThan(instants[i]!);
        }
      }
    }
  });
});
