import { corpusSuite } from '../../support/corpus.ts';

const iso = { layout: 'iso8601', column: 0 } as const;

// Multi-line events: a line without the file's time continues the event before it (its dialect), and
// without a time to tell, stack-trace lines of Java, Python, Go, .NET and Node continue the line before them.
corpusSuite('text: multi-line events and stack traces', [
  {
    file: 'text/lnav-python-logging.0',
    format: 'text',
    dialect: { time: iso, level: 'after-time' },
    events: 5,
    withTime: 5,
    withLevel: 5,
    multiLine: 3,
    samples: [
      { line: 2, ts: '2025-09-26T21:12:39.385Z', level: 'info', message: 'info message:\nprocessing started -- log_example.py' },
      {
        line: 7,
        ts: '2025-09-26T21:12:39.385Z',
        level: 'error',
        message: [
          'exception message: caught unexpected error',
          'Traceback (most recent call last):',
          '  File "/path/to/log_example.py", line 25, in main',
          '    1 / 0',
          '    ~~^~~',
          'ZeroDivisionError: division by zero',
        ].join('\n'),
      },
    ],
  },
  {
    file: 'text/lnav-logfile_zap_console.0',
    format: 'text',
    dialect: { time: iso, level: 'after-time' },
    events: 3,
    withTime: 3,
    withLevel: 3,
    multiLine: 1,
    samples: [
      {
        line: 9,
        ts: '2025-04-24T22:09:21.256Z',
        level: 'info',
        message: 'Metrics\t{"otelcol.component.id": "debug", "otelcol.component.kind": "Exporter", "otelcol.signal": "metrics", "resource metrics": 1, "metrics": 30, "data points": 45}',
      },
    ],
  },
  {
    file: 'text/lnav-logfile_multiline.0',
    format: 'text',
    dialect: { time: iso, level: 'after-time' },
    events: 2,
    withTime: 2,
    withLevel: 2,
    multiLine: 1,
    samples: [
      { line: 1, ts: '2009-07-20T22:59:27.672Z', level: 'debug', message: 'Hello, World!\n  How are you today?' },
      { line: 3, ts: '2009-07-20T22:59:30.221Z', level: 'error', message: 'Goodbye, World!' },
    ],
  },
  {
    file: 'text/beats-nginx-error.log',
    format: 'text',
    dialect: { time: { layout: 'ymd-slashed', column: 0 }, level: 'after-time' },
    events: 4,
    withTime: 4,
    withLevel: 4,
    multiLine: 1,
    samples: [
      {
        line: 1,
        ts: '2016-10-25T14:49:34.000Z',
        level: 'error',
        message:
          '54053#0: *1 open() "/usr/local/Cellar/nginx/1.10.2_1/html/favicon.ico" failed (2: No such file or directory), client: 127.0.0.1, server: localhost, request: "GET /favicon.ico HTTP/1.1", host: "localhost:8080", referrer: "http://localhost:8080/"',
      },
    ],
  },
  {
    file: 'text/lnav-logfile_postgres.1',
    format: 'text',
    dialect: { time: iso, level: 'in-line' },
    events: 7,
    withTime: 7,
    withLevel: 7,
    multiLine: 1,
    samples: [
      { line: 41, ts: '2025-04-11T22:14:12.884Z', level: 'warn', message: '[1329108] WARNING:  there is no transaction in progress' },
    ],
  },
  // Traces alone, as the exception detector's tests hold them: no time, so no dialect; each is one event.
  { file: 'text/detect-exceptions-java.txt', format: 'text', dialect: null, events: 1, withTime: 0, withLevel: 0, multiLine: 1 },
  { file: 'text/detect-exceptions-python.txt', format: 'text', dialect: null, events: 1, withTime: 0, withLevel: 0, multiLine: 1 },
  {
    file: 'text/detect-exceptions-go.txt',
    format: 'text',
    dialect: null,
    events: 1,
    withTime: 0,
    withLevel: 1,
    multiLine: 1,
  },
  { file: 'text/detect-exceptions-csharp.txt', format: 'text', dialect: null, events: 1, withTime: 0, withLevel: 0, multiLine: 1 },
  { file: 'text/detect-exceptions-node.txt', format: 'text', dialect: null, events: 1, withTime: 0, withLevel: 0, multiLine: 1 },
]);
