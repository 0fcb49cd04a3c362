import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InlineLogNormalizer } from '../../../../src/adapters/normalizer/inline-log-normalizer.ts';
import { PermanentJobError } from '../../../../src/application/errors.ts';
import type { CustomFormat } from '../../../../src/domain/log/custom/custom-format.ts';
import { bytesOf, collect } from '../../../support/builders.ts';

const BUDGETS = { maxDecompressedBytes: 1 << 30, maxDecompressionRatio: 1000, maxLines: 1e9, maxOutputBytes: 1 << 30, maxCpuSeconds: 600 };

/** The events and tally of `content` read with a custom format through the LogNormalizer port, as the worker reads an upload. */
async function read(content: string, custom: Partial<CustomFormat> & { pattern: string }, uploadedAt = '2026-01-05T12:00:00Z') {
  const output = new InlineLogNormalizer().normalize(
    (async function* () {
      yield new TextEncoder().encode(content);
    })(),
    {
      parsing: { format: 'custom', referenceTime: new Date(uploadedAt), custom: { timeFormat: null, unmatchedLines: 'reject', ...custom } },
      maxLineBytes: 1 << 20,
      budgets: BUDGETS,
    },
  );
  const text = gunzipSync(await collect(output.gzip)).toString('utf8');
  return { events: text === '' ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>), tally: output.tally() };
}

describe('custom formats, read through the LogNormalizer port', () => {
  it("reads HAProxy's HTTP log with a pattern and a time layout, rejecting its TCP log lines", async () => {
    // The examples of HAProxy's configuration manual, sections 8.2.3 (HTTP log format) and 8.2.2 (TCP log format),
    // https://docs.haproxy.org/2.8/configuration.html#8.2.3, as rsyslog writes them to a file.
    const log = [
      'Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1"',
      'Feb  6 12:12:56 localhost haproxy[14387]: 10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0',
    ].join('\n');
    const pattern = String.raw`^\w{3} +\d+ [\d:]+ (?P<host>\S+) (?P<process>\w+)\[(?P<pid>\d+)\]: (?P<client_ip>[\d.]+):(?P<client_port>\d+) \[(?P<ts>[^\]]+)\] (?P<frontend>\S+) (?P<backend>[^/ ]+)/(?P<server>\S+) (?P<timers>\S+) (?P<status>\d{3}) (?P<bytes>\d+) \S+ \S+ (?P<termination>\S+) (?P<connections>\S+) (?P<queues>\S+)(?: \{(?P<request_headers>[^}]*)\} \{(?P<response_headers>[^}]*)\})? "(?P<message>[^"]*)"$`;
    const { events, tally } = await read(log, { pattern, timeFormat: '%d/%b/%Y:%H:%M:%S.%L' });
    expect(events).toEqual([
      {
        ts: '2009-02-06T12:14:14.655Z',
        level: 'unknown',
        message: 'GET /index.html HTTP/1.1',
        attrs: {
          host: 'localhost', process: 'haproxy', pid: '14389', client_ip: '10.0.1.2', client_port: '33317', frontend: 'http-in', backend: 'static',
          server: 'srv1', timers: '10/0/30/69/109', status: '200', bytes: '2750', termination: '----', connections: '1/1/1/1/0', queues: '0/0',
          request_headers: '1wt.eu', response_headers: '',
        },
        line: 1,
      },
    ]);
    expect(tally).toMatchObject({ linesTotal: 2, eventsParsed: 1, linesRejected: 1, sampleErrors: [{ line: 2, reason: 'does not match the custom pattern' }] });
  });

  it('reads ts in any spelling the text format knows when no layout is given, and levels by the shared rules', async () => {
    const log = [
      '2026-01-05T10:00:00.250+02:00 [WARNING] disk almost full',
      '1767607200 [err] epoch seconds',
      '05/Jan/2026:10:00:00 -0500 [3] a syslog severity number',
      'Jan  5 09:30:00 [notice] a syslog time, dated by the upload',
      'yesterday [chatty] a time nobody reads and a level nobody knows',
    ].join('\n');
    const { events } = await read(log, { pattern: String.raw`^(?P<ts>.+?) \[(?P<level>\w+)\] (?P<message>.*)$` });
    expect(events.map(({ ts, level, message, attrs }) => ({ ts, level, message, attrs }))).toEqual([
      { ts: '2026-01-05T08:00:00.250Z', level: 'warn', message: 'disk almost full', attrs: {} },
      { ts: '2026-01-05T10:00:00.000Z', level: 'error', message: 'epoch seconds', attrs: {} },
      { ts: '2026-01-05T15:00:00.000Z', level: 'error', message: 'a syslog severity number', attrs: {} },
      { ts: '2026-01-05T09:30:00.000Z', level: 'info', message: 'a syslog time, dated by the upload', attrs: {} },
      { ts: null, level: 'unknown', message: 'a time nobody reads and a level nobody knows', attrs: { time_text: 'yesterday', level: 'chatty' } },
    ]);
  });

  it.each([
    ['%Y-%m-%d %H:%M:%S.%L', '2026-01-05 10:00:00.123456', '2026-01-05T10:00:00.123Z'],
    ['%d/%b/%Y:%H:%M:%S %z', '22/Jan/2019:03:56:14 +0330', '2019-01-22T00:26:14.000Z'],
    ['%Y-%m-%dT%H:%M:%S%z', '2018-08-14T14:30:02+02:00', '2018-08-14T12:30:02.000Z'],
    ['%Y-%m-%d %H:%M:%S %Z', '2025-08-13 01:45:01 PDT', '2025-08-13T08:45:01.000Z'],
    ['%b %e %H:%M:%S', 'Dec 31 23:59:59', '2025-12-31T23:59:59.000Z'],
    ['%a %b %d %T %Y', 'Sun Dec 04 04:47:44 2005', '2005-12-04T04:47:44.000Z'],
    ['%m/%d/%Y %I:%M:%S %p', '01/05/2026 12:15:00 AM', '2026-01-05T00:15:00.000Z'],
    ['%D %R', '01/05/26 07:45', '2026-01-05T07:45:00.000Z'],
    ['%d %B %Y %H:%M', '5 January 2026 08:00', '2026-01-05T08:00:00.000Z'],
    ['%s.%L', '1767607200.5', '2026-01-05T10:00:00.500Z'],
    ['%y%m%d %H%M%S', '081109 203615', '2008-11-09T20:36:15.000Z'],
  ])('reads ts with the layout %s', async (timeFormat, written, ts) => {
    const { events } = await read(`${written}|done`, { pattern: String.raw`^(?P<ts>[^|]+)\|(?P<message>.*)$`, timeFormat });
    expect(events).toEqual([{ ts, level: 'unknown', message: 'done', attrs: {}, line: 1 }]);
  });

  it('keeps a time its layout does not read, or whose zone nobody can resolve, as written in attrs', async () => {
    const { events } = await read('2025-08-13 01:45:01 IST|ambiguous zone\n2025-02-30 01:45:01 UTC|no such day\n', {
      pattern: String.raw`^(?P<ts>[^|]+)\|(?P<message>.*)$`,
      timeFormat: '%Y-%m-%d %H:%M:%S %Z',
    });
    expect(events.map(({ ts, attrs }) => ({ ts, attrs }))).toEqual([
      { ts: null, attrs: { time_text: '2025-08-13 01:45:01 IST' } },
      { ts: null, attrs: { time_text: '2025-02-30 01:45:01 UTC' } },
    ]);
  });

  it('takes the whole line as the message without a message group, and leaves out groups that took no part', async () => {
    const { events } = await read('GET /a 200\nGET /b\n', { pattern: String.raw`^(?P<method>[A-Z]+) (?P<path>\S+)(?: (?P<status>\d+))?$` });
    expect(events.map(({ message, attrs }) => ({ message, attrs }))).toEqual([
      { message: 'GET /a 200', attrs: { method: 'GET', path: '/a', status: '200' } },
      { message: 'GET /b', attrs: { method: 'GET', path: '/b' } },
    ]);
  });

  it('rejects a line longer than its pattern reads, saying so, and reads the lines after it', async () => {
    // Groups of `^(.*)(a{500})$` cost 510 steps a character: such a pattern reads shorter lines than `(.*)`.
    const pattern = String.raw`^(?P<message>.*)(?P<tail>a{500})$`;
    const { events, tally } = await read(`${'a'.repeat(100_000)}
${'a'.repeat(600)}
`, { pattern });
    expect(events.map(({ line, attrs }) => ({ line, tail: (attrs as { tail: string }).tail.length }))).toEqual([{ line: 2, tail: 500 }]);
    expect(tally.sampleErrors).toEqual([{ line: 1, reason: expect.stringMatching(/^longer than \d+ characters, the most this pattern reads in a line$/) }]);
  });

  it('fails the file before its first block, with the reason, when its pattern does not compile', async () => {
    const output = new InlineLogNormalizer().normalize(bytesOf('a\n'), {
      parsing: { format: 'custom', referenceTime: new Date(), custom: { pattern: '(?P<message>a)\\1', timeFormat: null, unmatchedLines: 'reject' } },
      maxLineBytes: 1024,
      budgets: BUDGETS,
    });
    const reading = collect(output.gzip);
    await expect(reading).rejects.toThrow(PermanentJobError);
    await expect(reading).rejects.toThrow(/pattern cannot be used: .*backreferences/);
  });
});
