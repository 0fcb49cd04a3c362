import { describe, expect, it } from 'vitest';
import type { NormalizedEvent, ParseOutcome } from '../../../../src/domain/log/normalized-event.ts';
import { parserFor } from '../../../../src/domain/log/parsers/parser-for.ts';
import type { LogFormat } from '../../../../src/domain/upload/log-format.ts';

const UPLOADED = new Date('2026-01-05T12:00:00Z');
const parse = (format: LogFormat, text: string): ParseOutcome => parserFor({ format, referenceTime: UPLOADED }).parse(text, 7);
const event = (format: LogFormat, text: string): NormalizedEvent => {
  const outcome = parse(format, text);
  if (outcome.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(outcome)}`);
  return outcome.event;
};

describe('json (JSON Lines)', () => {
  it.each([
    ['pino', '{"level":30,"time":1767614400000,"pid":1,"hostname":"h","msg":"server started"}', { ts: '2026-01-05T12:00:00.000Z', level: 'info', message: 'server started', attrs: { pid: 1, hostname: 'h' } }],
    ['bunyan fatal', '{"level":60,"time":"2026-01-05T12:00:00.000Z","msg":"boom","name":"app"}', { ts: '2026-01-05T12:00:00.000Z', level: 'fatal', message: 'boom', attrs: { name: 'app' } }],
    ['ECS', '{"@timestamp":"2026-01-05T11:59:00.5+01:00","log.level":"WARN","message":"slow query","duration_ms":812}', { ts: '2026-01-05T10:59:00.500Z', level: 'warn', message: 'slow query', attrs: { duration_ms: 812 } }],
    ['epoch seconds', '{"ts":1767614400.25,"severity":"error","message":"x"}', { ts: '2026-01-05T12:00:00.250Z', level: 'error', message: 'x', attrs: {} }],
    ['no known fields', '{"a":1}', { ts: null, level: 'unknown', message: '', attrs: { a: 1 } }],
    ['unparsable time kept', '{"time":"yesterday","msg":"m"}', { ts: null, level: 'unknown', message: 'm', attrs: { time: 'yesterday' } }],
    ['most specific name wins, the other stays', '{"message":"second","msg":"first","level":"info","severity":"error"}', { ts: null, level: 'info', message: 'first', attrs: { message: 'second', severity: 'error' } }],
    ['a field whose value does not read as its role yields to the next name', '{"time":"yesterday","ts":"2026-01-05T10:00:00Z","level":"bogus","lvl":"warn","msg":5,"message":"m"}', { ts: '2026-01-05T10:00:00.000Z', level: 'warn', message: 'm', attrs: { time: 'yesterday', level: 'bogus', msg: 5 } }],
    ['nested fields are attrs', '{"level":"warn","req":{"level":"x","msg":"y"},"msg":"outer"}', { ts: null, level: 'warn', message: 'outer', attrs: { req: { level: 'x', msg: 'y' } } }],
    ['Rust tracing: the message nested in fields, its siblings kept', '{"timestamp":"2025-10-28T19:15:10.821315Z","level":"INFO","fields":{"message":"shaving yaks","yaks":3},"target":"t"}', { ts: '2025-10-28T19:15:10.821Z', level: 'info', message: 'shaving yaks', attrs: { fields: { yaks: 3 }, target: 't' } }],
    ['a top-level message beats the nested one', '{"msg":"top","fields":{"message":"nested"}}', { ts: null, level: 'unknown', message: 'top', attrs: { fields: { message: 'nested' } } }],
    ['ECS with log.level nested', '{"@timestamp":"2026-01-05T12:00:00Z","log":{"level":"error","logger":"db"},"message":"down"}', { ts: '2026-01-05T12:00:00.000Z', level: 'error', message: 'down', attrs: { log: { logger: 'db' } } }],
    ['journald export: PRIORITY a syslog severity, __REALTIME_TIMESTAMP in µs', '{"__REALTIME_TIMESTAMP":"1767614400123456","PRIORITY":"4","MESSAGE":"disk almost full","_PID":"12"}', { ts: '2026-01-05T12:00:00.123Z', level: 'warn', message: 'disk almost full', attrs: { _PID: '12' } }],
    ['GELF: short_message, syslog level, float seconds; full_message kept', '{"version":"1.1","host":"h","short_message":"s","full_message":"f","timestamp":1767614400.5,"level":3}', { ts: '2026-01-05T12:00:00.500Z', level: 'error', message: 's', attrs: { version: '1.1', host: 'h', full_message: 'f' } }],
    ['Serilog compact: @m before @mt, @l read', '{"@t":"2026-01-05T12:00:00.1234567Z","@mt":"Hello, {User}","@m":"Hello, bob","@l":"Warning","User":"bob"}', { ts: '2026-01-05T12:00:00.123Z', level: 'warn', message: 'Hello, bob', attrs: { '@mt': 'Hello, {User}', User: 'bob' } }],
    ['Serilog compact without @l is Information', '{"@t":"2026-01-05T12:00:00Z","@mt":"Hello"}', { ts: '2026-01-05T12:00:00.000Z', level: 'info', message: 'Hello', attrs: {} }],
    ['epoch nanoseconds', '{"time":1767614400123456789,"msg":"m"}', { ts: '2026-01-05T12:00:00.123Z', level: 'unknown', message: 'm', attrs: {} }],
  ])('%s', (_, line, expected) => {
    // As written to the output: the fields taken as ts, level and message are not in attrs.
    expect(JSON.parse(JSON.stringify(event('json', line)))).toEqual({ line: 7, ...expected });
  });

  // Numbers 0–7 are syslog severities, 10 and up pino/bunyan levels; 8, 9 and fractions below 10 are neither.
  it.each([
    [0, 'fatal'], [2, 'fatal'], [3, 'error'], [4, 'warn'], [5, 'info'], ['6', 'info'], [7, 'debug'], [8, 'unknown'], [9, 'unknown'], [3.5, 'unknown'],
    [10, 'trace'], [20, 'debug'], ['30', 'info'], [40, 'warn'], [50, 'error'], [60, 'fatal'],
  ])('reads the numeric level %j as %s', (level, expected) => {
    expect(event('json', JSON.stringify({ level, msg: 'm' })).level).toBe(expected);
  });

  it.each([
    ['{"unterminated": ', 'not valid JSON'],
    ['[1,2,3]', 'not a JSON object'],
    ['"just a string"', 'not a JSON object'],
    ['null', 'not a JSON object'],
  ])('rejects %j', (line, reason) => {
    expect(parse('json', line)).toEqual({ kind: 'reject', reason });
  });

  it('reads nesting up to 512 levels, and rejects deeper lines (brackets inside strings do not count)', () => {
    const nested = (depth: number) => `{"msg":"m","x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(event('json', nested(512)).message).toBe('m');
    expect(parse('json', nested(513))).toEqual({ kind: 'reject', reason: 'nested deeper than 512 levels' });
    expect(parse('json', `{"msg":"${'[{'.repeat(2000)}\\"${'[{'.repeat(2000)}"}`)).toMatchObject({ kind: 'event' });
  });
});

describe('logfmt', () => {
  it('reads pairs, quoted values with escapes, and bare keys', () => {
    expect(event('logfmt', 'time=2026-01-05T12:00:00Z level=warn msg="disk \\"/data\\" at 91%" host=db-1 retry')).toMatchObject({
      ts: '2026-01-05T12:00:00.000Z',
      level: 'warn',
      message: 'disk "/data" at 91%',
      attrs: { host: 'db-1', retry: true },
    });
  });

  it('reads Go slog / logrus style', () => {
    expect(event('logfmt', 'time="2026-01-05 12:00:00" level=ERROR msg=failed err="connection refused"')).toMatchObject({
      ts: '2026-01-05T12:00:00.000Z',
      level: 'error',
      attrs: { err: 'connection refused' },
    });
  });

  it.each([['just some words'], ['msg="unterminated']])('rejects %j', (line) => {
    expect(parse('logfmt', line).kind).toBe('reject');
  });
});

describe('syslog', () => {
  it('reads RFC 5424 with structured data', () => {
    const line = '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event log entry';
    expect(event('syslog', line)).toEqual({
      ts: '2003-10-11T22:14:15.003Z',
      level: 'info',
      message: 'An application event log entry',
      attrs: {
        facility: 20,
        version: 1,
        hostname: 'mymachine.example.com',
        app_name: 'evntslog',
        msgid: 'ID47',
        structured_data: '[exampleSDID@32473 iut="3" eventSource="Application"]',
      },
      line: 7,
    });
  });

  it('reads RFC 5424 with nil values and a UTF-8 BOM', () => {
    expect(event('syslog', '<11>1 2026-01-05T10:00:00+02:00 - - - - - \uFEFFdisk failure')).toMatchObject({
      ts: '2026-01-05T08:00:00.000Z',
      level: 'error',
      message: 'disk failure',
      attrs: { facility: 1, version: 1 },
    });
  });

  it('reads RFC 3164 with a priority', () => {
    expect(event('syslog', "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")).toMatchObject({
      ts: '2025-10-11T22:14:15.000Z',
      level: 'fatal',
      message: "'su root' failed for lonvick on /dev/pts/8",
      attrs: { facility: 4, hostname: 'mymachine', app_name: 'su' },
    });
  });

  it('reads a syslogd file line without a priority', () => {
    expect(event('syslog', 'Jan  5 11:58:01 web-1 CRON[2211]: (root) CMD (run-parts /etc/cron.hourly)')).toMatchObject({
      ts: '2026-01-05T11:58:01.000Z',
      level: 'info',
      attrs: { hostname: 'web-1', app_name: 'CRON', procid: '2211' },
    });
    expect(event('syslog', 'Jan  5 11:58:01 web-1 kernel: ERROR: EXT4-fs error').level).toBe('error');
  });

  it('dates RFC 3164 lines in the year that puts them nearest before the upload', () => {
    expect(event('syslog', 'Dec 31 23:59:59 h app: last of the year').ts).toBe('2025-12-31T23:59:59.000Z');
    expect(event('syslog', 'Jan  5 11:00:00 h app: today').ts).toBe('2026-01-05T11:00:00.000Z');
    expect(event('syslog', 'Feb 29 10:00:00 h app: leap day').ts).toBe('2024-02-29T10:00:00.000Z');
  });

  it('reads RFC 5424 without <PRI>VERSION (as rsyslog and VMware write it to files)', () => {
    expect(event('syslog', '2022-08-27T17:22:01.694554+03:00 space01 CRON 20856 - [meta x="1"] (root) CMD (run)')).toEqual({
      ts: '2022-08-27T14:22:01.694Z',
      level: 'info',
      message: '(root) CMD (run)',
      attrs: { hostname: 'space01', app_name: 'CRON', procid: '20856', structured_data: '[meta x="1"]' },
      line: 7,
    });
  });

  it("reads rsyslog's default file format with RFC 3339 times, with or without a priority", () => {
    expect(event('syslog', '2018-08-14T14:30:02.203151+02:00 host systemd[4179]: Started Session 3 of user root.')).toEqual({
      ts: '2018-08-14T12:30:02.203Z',
      level: 'info',
      message: 'Started Session 3 of user root.',
      attrs: { hostname: 'host', app_name: 'systemd', procid: '4179' },
      line: 7,
    });
    expect(event('syslog', '<30>2018-08-14T14:30:02Z host systemd: Failed to start x')).toMatchObject({
      ts: '2018-08-14T14:30:02.000Z',
      level: 'info',
      message: 'Failed to start x',
      attrs: { facility: 3, hostname: 'host', app_name: 'systemd' },
    });
    expect(event('syslog', '2018-08-14T14:30:02-04:00 host kernel: ERROR: disk').level).toBe('error');
  });

  it('reads device variants: a space after the priority, a year and a colon after the time, no host', () => {
    expect(event('syslog', '<167> Mar  7 19:06:53 fw01 app[9]: hello')).toMatchObject({
      ts: '2025-03-07T19:06:53.000Z',
      level: 'debug',
      message: 'hello',
      attrs: { facility: 20, hostname: 'fw01', app_name: 'app', procid: '9' },
    });
    const cisco = event('syslog', '<167>Mar 7 2008 19:06:53: %ASA-7-710005: UDP request discarded from 10.0.0.1/137');
    expect(cisco).toMatchObject({ ts: '2008-03-07T19:06:53.000Z', level: 'debug', message: 'UDP request discarded from 10.0.0.1/137' });
    expect(cisco.attrs).toEqual({ facility: 20, app_name: '%ASA-7-710005' });
    expect(event('syslog', '<175>Oct 16 2009 23:47:31 hostname tag This is a message')).toMatchObject({
      ts: '2009-10-16T23:47:31.000Z',
      message: 'tag This is a message',
      attrs: { hostname: 'hostname' },
    });
    expect(event('syslog', 'Jan  5 11:58:01.250 web-1 app: fractions').ts).toBe('2026-01-05T11:58:01.250Z');
  });

  it('reads a line without a host (BSD "--- last message repeated") and drops the spaces before an RFC 5424 message', () => {
    const repeated = event('syslog', 'Apr 4 03:39:57 --- last message repeated 1 time ---');
    expect(repeated).toMatchObject({ ts: '2025-04-04T03:39:57.000Z', message: '--- last message repeated 1 time ---' });
    expect(repeated.attrs).toEqual({});
    expect(event('syslog', '<13>1 2026-01-05T10:00:00Z h app - - -   (root) CMD').message).toBe('(root) CMD');
  });

  it('continues the event before on an indented line; the syslog format joins lines', () => {
    expect(parserFor({ format: 'syslog', referenceTime: UPLOADED }).joinsLines).toBe(true);
    expect(parse('syslog', '\tASL Module "com.apple.install" claims selected messages.')).toEqual({ kind: 'continuation' });
    expect(parse('syslog', '    at foo (bar.js:1:2)')).toEqual({ kind: 'continuation' });
  });

  it.each([
    ['plain words'],
    ['Feb 30 2024 10:00:00 h app: no such day'],
    ['- h a - - - x'],
    ['<13>1 2026-01-05T10:00:00Z h a - x'],
    ['2026-13-05T10:00:00Z h app: bad month'],
    ['2026-01-05T10:00:00.123Z INFO  [main] server started'],
    ['<999>1 2026-01-05T10:00:00Z h a - - - x'],
    ['<13>1 not-a-time h a - - - x'],
    ['Foo 11 22:14:15 host app: msg'],
  ])('rejects %j', (line) => {
    expect(parse('syslog', line).kind).toBe('reject');
  });
});

describe('clf (Apache/Nginx)', () => {
  it('reads the Common Log Format', () => {
    expect(event('clf', '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326')).toEqual({
      ts: '2000-10-10T20:55:36.000Z',
      level: 'info',
      message: 'GET /apache_pb.gif HTTP/1.0',
      attrs: { remote_host: '127.0.0.1', user: 'frank', method: 'GET', path: '/apache_pb.gif', protocol: 'HTTP/1.0', status: 200, bytes: 2326 },
      line: 7,
    });
  });

  it('reads the Combined Log Format, and maps status classes to levels', () => {
    const combined = '203.0.113.9 - - [05/Jan/2026:11:00:00 +0000] "POST /api/login HTTP/2.0" 503 - "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64)"';
    expect(event('clf', combined)).toMatchObject({
      level: 'error',
      attrs: { status: 503, bytes: 0, referer: 'https://example.com/', user_agent: 'Mozilla/5.0 (X11; Linux x86_64)' },
    });
    expect(event('clf', '::1 - - [05/Jan/2026:11:00:00 +0000] "GET /missing HTTP/1.1" 404 153').level).toBe('warn');
  });

  it.each([
    [
      'nginx main: a forwarded-for address list after the user agent',
      '203.0.113.9 - - [22/Jan/2019:03:56:14 +0330] "GET /image/5/x.png HTTP/1.1" 200 5667 "https://example.com/" "Mozilla/5.0" "198.51.100.7, 10.0.0.1"',
      { ts: '2019-01-22T00:26:14.000Z', level: 'info', attrs: { remote_host: '203.0.113.9', status: 200, bytes: 5667, referer: 'https://example.com/', user_agent: 'Mozilla/5.0', forwarded_for: '198.51.100.7, 10.0.0.1' } },
    ],
    [
      'the official nginx image default, no forwarded-for: nothing kept for "-"',
      '203.0.113.9 - - [22/Jan/2019:03:56:14 +0330] "GET / HTTP/1.1" 304 0 "-" "curl/8.0" "-"',
      { ts: '2019-01-22T00:26:14.000Z', level: 'info', attrs: { remote_host: '203.0.113.9', status: 304, bytes: 0, user_agent: 'curl/8.0' } },
    ],
    [
      'Apache vhost_combined',
      'www.example.com:80 192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 2326 "-" "Wget/1.21"',
      { ts: '2000-10-10T20:55:36.000Z', level: 'info', attrs: { vhost: 'www.example.com:80', remote_host: '192.0.2.1', method: 'GET', path: '/', status: 200, bytes: 2326, user_agent: 'Wget/1.21' } },
    ],
    [
      'an IPv6 client and a request line that is not HTTP',
      '2001:db8::1 - - [05/Jan/2026:11:00:00 +0000] "\\x16\\x03\\x01\\x02\\x00" 400 157 "-" "-"',
      { ts: '2026-01-05T11:00:00.000Z', level: 'warn', message: '\\x16\\x03\\x01\\x02\\x00', attrs: { remote_host: '2001:db8::1', status: 400, bytes: 157 } },
    ],
    [
      'a request time after the size, before referer and user agent',
      '192.0.2.1 - - [05/Jan/2026:11:00:00 +0000] "GET /api HTTP/1.1" 200 512 0.004 "-" "curl/8.0"',
      { ts: '2026-01-05T11:00:00.000Z', level: 'info', attrs: { status: 200, bytes: 512, user_agent: 'curl/8.0', extra: ['0.004'] } },
    ],
    [
      'plain and quoted fields after the combined ones, kept in order',
      '192.0.2.1 - - [05/Jan/2026:11:00:00 +0000] "GET /api HTTP/1.1" 502 12 "-" "curl/8.0" 7 "api@docker" 35ms',
      { ts: '2026-01-05T11:00:00.000Z', level: 'error', attrs: { status: 502, extra: ['7', 'api@docker', '35ms'] } },
    ],
    [
      'a trailing field after the Common Log Format',
      '192.0.2.1 - - [05/Jan/2026:11:00:00 +0000] "GET / HTTP/1.0" 200 45 1250',
      { ts: '2026-01-05T11:00:00.000Z', level: 'info', attrs: { status: 200, bytes: 45, extra: ['1250'] } },
    ],
    [
      'no response sent: status and size "-"',
      '192.0.2.1 - - [05/Jan/2026:11:00:00 +0000] "GET / HTTP/1.1" - - "-" "-"',
      { ts: '2026-01-05T11:00:00.000Z', level: 'unknown', attrs: { remote_host: '192.0.2.1', bytes: 0 } },
    ],
    [
      'a client list and a Windows line end',
      '10.0.0.2, 10.0.0.1, 127.0.0.1 - - [05/Jan/2026:11:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8.0"\r',
      { ts: '2026-01-05T11:00:00.000Z', level: 'info', attrs: { remote_host: '10.0.0.2, 10.0.0.1, 127.0.0.1', user_agent: 'curl/8.0' } },
    ],
  ])('reads %s', (_, line, expected) => {
    expect(event('clf', line)).toMatchObject(expected);
  });

  it('names no field it cannot place', () => {
    const read = event('clf', '192.0.2.1 - - [05/Jan/2026:11:00:00 +0000] "GET / HTTP/1.1" - - "-" "-"');
    expect(Object.keys(read.attrs)).toEqual(['remote_host', 'method', 'path', 'protocol', 'bytes']);
  });

  it.each([
    ['not an access log line'],
    ['127.0.0.1 - - [32/Foo/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1'],
    ['192.168.202.254 [20/Jul/2009:22:59:29 +0000] "GET / HTTP/1.0" 404 46210 "-" "gPXE/0.9.7"'],
    ['[Thu Oct 13 12:24:49.880562 2022] [auth_basic:error] [pid 10:tid 1] [client 31.33.58.75:50229] AH01618: user sss not found: /'],
  ])('rejects %j', (line) => {
    expect(parse('clf', line).kind).toBe('reject');
  });

  it('rejects long, almost access-log-shaped garbage without trying every split of it (a hang fails the test)', () => {
    expect(parse('clf', `${'a, '.repeat(100_000)}b - - [x`).kind).toBe('reject');
    expect(parse('clf', 'a b c [d '.repeat(50_000)).kind).toBe('reject');
  });
});

describe('text', () => {
  it.each([
    ['2026-01-05 12:00:00,123 ERROR [main] c.e.App - Failed to start', { ts: '2026-01-05T12:00:00.123Z', level: 'error', message: '[main] c.e.App - Failed to start' }],
    ['[2026-01-05T12:00:00Z] [warn] low memory', { ts: '2026-01-05T12:00:00.000Z', level: 'warn', message: 'low memory' }],
    ['Jan  5 11:00:00 notice: something', { ts: '2026-01-05T11:00:00.000Z', level: 'info', message: 'something' }],
    ['I have no time nor level', { ts: null, level: 'unknown', message: 'I have no time nor level' }],
    ['INFO: ready', { ts: null, level: 'info', message: 'INFO: ready' }],
  ])('%j', (line, expected) => {
    expect(event('text', line)).toMatchObject(expected);
  });

  // Expected times worked out by hand from each line; the upload (2026-01-05) dates year-less ones.
  it.each([
    ['17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers', '2017-06-09T20:10:40.000Z', 'info', 'executor.CoarseGrainedExecutorBackend: Registered signal handlers'],
    ['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating', '2008-11-09T20:36:15.000Z', 'info', '148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating'],
    ['[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6', '2005-12-04T04:47:44.000Z', 'error', 'mod_jk child workerEnv in error state 6'],
    ['[Sun Dec 04 04:47:44.123456 2005] [notice] jk2_init() Found child 6725', '2005-12-04T04:47:44.123Z', 'info', 'jk2_init() Found child 6725'],
    ['2019/01/22 03:56:14 [error] 7#7: *1 open() "/usr/share/nginx/html/x" failed', '2019-01-22T03:56:14.000Z', 'error', '7#7: *1 open() "/usr/share/nginx/html/x" failed'],
    ['20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579', '2017-12-23T22:15:29.606Z', 'unknown', 'Step_LSC|30002312|onStandStepChanged 3579'],
    ['03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs', '2025-03-17T16:13:38.811Z', 'debug', '1702  2395 D WindowManager: printFreezingDisplayLogs'],
    ['E0517 15:04:22.614123    1234 file.go:12] could not connect', '2025-05-17T15:04:22.614Z', 'error', '1234 file.go:12] could not connect'],
    ['I1231 23:59:59.000001    1 main.go:40] started', '2025-12-31T23:59:59.000Z', 'info', '1 main.go:40] started'],
    ['[10.30 16:49:06] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy', '2025-10-30T16:49:06.000Z', 'unknown', 'chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy'],
    ['2025-08-13 01:45:01.123 PDT [1234] LOG:  checkpoint starting: time', '2025-08-13T08:45:01.123Z', 'info', '[1234] LOG:  checkpoint starting: time'],
    ['2025-08-13 01:45:01 CEST [1234] STATEMENT:  select 1', '2025-08-12T23:45:01.000Z', 'info', '[1234] STATEMENT:  select 1'],
    ['2019-03-03T10:06:44.456789Z 0 [Note] InnoDB: Buffer pool(s) load completed', '2019-03-03T10:06:44.456Z', 'info', '0 [Note] InnoDB: Buffer pool(s) load completed'],
    ['web-1 2026-01-04T10:00:00+01:00 sshd started', '2026-01-04T09:00:00.000Z', 'unknown', 'web-1 sshd started'],
    ['web-1 [pid 12] Jan  4 10:00:00 cron: WARNING job late', null, 'warn', 'web-1 [pid 12] Jan  4 10:00:00 cron: WARNING job late'],
    ['myhost Jan  4 10:00:00 cron: job ran', '2026-01-04T10:00:00.000Z', 'unknown', 'myhost cron: job ran'],
    ['2026-01-05 12:00:00 [pool-1-thread-12] com.example.service.very.long.PackageName.ClassName ERROR failed', '2026-01-05T12:00:00.000Z', 'error', '[pool-1-thread-12] com.example.service.very.long.PackageName.ClassName ERROR failed'],
  ])('reads the time and level of %j, leaving them out of the message', (line, ts, level, message) => {
    expect(event('text', line)).toMatchObject({ ts, level, message });
  });

  it('leaves the time of a zone nobody can resolve unread, kept as written', () => {
    expect(event('text', '2025-08-13 01:45:01.123 IST [1] ERROR: boom')).toMatchObject({
      ts: null,
      level: 'error',
      message: '[1] ERROR: boom',
      attrs: { time_text: '2025-08-13 01:45:01.123 IST' },
    });
  });

  it.each([['user 123456 654321 logged in'], ['D-Day 06-06 was long ago'], ['I have 3 apples']])('finds no time in %j', (line) => {
    expect(event('text', line)).toMatchObject({ ts: null });
  });

  it.each([['\tat com.example.App.main(App.java:12)'], ['Caused by: java.io.IOException: boom'], ['    indented detail'], ['\t... 12 more']])(
    'marks %j as a continuation',
    (line) => {
      expect(parse('text', line)).toEqual({ kind: 'continuation' });
    },
  );

  it('does not mistake a level-looking word inside a message', () => {
    expect(event('text', 'user INFORMATIONAL_PAGE opened').level).toBe('unknown');
  });
});

describe('every format', () => {
  it.each(['json', 'logfmt', 'syslog', 'clf', 'text'] as const)('%s: a blank line is blank', (format) => {
    expect(parse(format, '   ')).toEqual({ kind: 'blank' });
  });
});
