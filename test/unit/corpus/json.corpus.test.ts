import { corpusSuite } from '../../support/corpus.ts';

// Expectations read from the lines (times converted by hand to UTC milliseconds, fractions cut).
corpusSuite('JSON layouts', [
  {
    file: 'json/rust-tracing.json',
    format: 'json',
    events: 5,
    withTime: 5,
    withLevel: 5,
    samples: [
      {
        line: 1,
        ts: '2025-10-28T19:15:10.821Z',
        level: 'info',
        message: 'preparing to shave yaks',
        attrs: { fields: { number_of_yaks: 3 }, target: 'fmt_json', threadName: 'main', threadId: 1 },
      },
      {
        line: 3,
        ts: '2025-10-28T19:15:10.821Z',
        level: 'trace',
        message: "hello! I'm gonna shave a yak",
        attrs: { fields: { excitement: 'yay!' }, target: 'fmt_json::yak_shave', threadName: 'other', threadId: 2 },
      },
      { line: 5, ts: '2025-10-28T19:15:10.821Z', level: 'error', message: "hello! I'm gonna shave a yak" },
    ],
  },
  {
    file: 'json/journald-export.json',
    format: 'json',
    events: 2,
    withTime: 2,
    withLevel: 2,
    samples: [
      // PRIORITY 1 is syslog's alert; __REALTIME_TIMESTAMP 1534860261221373 µs.
      {
        line: 1,
        ts: '2018-08-21T14:04:21.221Z',
        level: 'fatal',
        message: 'GPS Reference longitude: 7.358143333',
        attrs: { _PID: '184', SYSLOG_IDENTIFIER: 'python', __MONOTONIC_TIMESTAMP: '38708007', SYSLOG_FACILITY: '3' },
      },
      { line: 2, ts: '2018-08-21T14:04:21.221Z', level: 'info', message: 'GPS Reference latitude: 46.908706667' },
    ],
  },
  {
    file: 'json/gelf-spec-examples.json',
    format: 'json',
    events: 2,
    withTime: 1,
    withLevel: 2,
    samples: [
      // timestamp 1385053862.3072 s; level 1 is syslog's alert, 5 notice.
      {
        line: 1,
        ts: '2013-11-21T17:11:02.307Z',
        level: 'fatal',
        message: 'A short message that helps you identify what is going on',
        attrs: { version: '1.1', host: 'example.org', full_message: 'Backtrace here\n\nmore stuff', _user_id: 9001, _some_info: 'foo', _some_env_var: 'bar' },
      },
      { line: 2, ts: null, level: 'info', message: 'A short message', attrs: { host: 'example.org', _some_info: 'foo' } },
    ],
  },
  {
    file: 'json/clef-tool-example.json',
    format: 'json',
    events: 15,
    withTime: 15,
    withLevel: 15,
    samples: [
      // No @l: Information.
      { line: 1, ts: '2017-04-20T04:24:47.025Z', level: 'info', message: 'Loop {Counter}', attrs: { Counter: 0 } },
      { line: 15, ts: '2017-04-20T04:24:47.037Z', level: 'info', message: 'Loop {Counter}', attrs: { Counter: 14 } },
    ],
  },
  {
    file: 'json/serilog-compact-readme.json',
    format: 'json',
    events: 2,
    withTime: 2,
    withLevel: 2,
    samples: [
      { line: 1, ts: '2016-06-07T03:44:57.853Z', level: 'info', message: 'Hello, {User}', attrs: { User: 'nblumhardt' } },
      { line: 2, ts: '2016-06-07T03:44:57.853Z', level: 'info', message: 'Hello, "nblumhardt"', attrs: { '@i': '7a8b9c0d', User: 'nblumhardt' } },
    ],
  },
  {
    file: 'json/bunyan-renovate.json',
    format: 'json',
    events: 10,
    withTime: 10,
    withLevel: 10,
    samples: [
      {
        line: 3,
        ts: '2023-03-24T14:26:16.243Z',
        level: 'debug',
        message: 'Found 3 package file(s)',
        attrs: { name: 'renovate', pid: 7, v: 0, src: { file: '/Users/trentm/tm/node-bunyan/examples/src.js', line: 20, func: 'Wuzzle.woos' } },
      },
      {
        line: 4,
        ts: '2023-03-24T14:26:16.243Z',
        level: 'info',
        message: 'Dependency extraction complete',
        attrs: { baseBranch: 'main', stats: { total: { fileCount: 3, depCount: 17 } } },
      },
      { line: 10, ts: '2023-03-24T14:26:18.331Z', level: 'debug', message: 'All releases are pending - using latest' },
    ],
  },
]);
