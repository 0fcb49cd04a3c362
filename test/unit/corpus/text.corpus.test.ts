import { corpusSuite } from '../../support/corpus.ts';

// Uploaded 2026-01-05: glog's times carry no year, so they fall in 2025.
corpusSuite('text', [
  {
    file: 'text/lnav-logfile_glog.0',
    format: 'text',
    events: 7,
    withTime: 7,
    withLevel: 7,
    samples: [
      { line: 1, ts: '2025-05-17T15:04:22.619Z', level: 'error', message: '1952452992 logging_unittest.cc:253] Log every 3, iteration 19' },
      { line: 4, ts: '2025-05-17T15:04:22.619Z', level: 'warn', message: '2452992 logging_unittest.cc:263] log_if this' },
    ],
  },
  {
    file: 'text/lnav-logfile_java.0',
    format: 'text',
    events: 20,
    withTime: 20,
    withLevel: 20,
    samples: [
      {
        line: 20,
        ts: '2025-01-24T07:05:38.884Z',
        level: 'info',
        message: '[rm-thread-pool1-thread-18] ActivatorIorPool         : Loaded activators from /objroot/iorroot/activators.',
      },
    ],
  },
]);

// Text families: where the time and the level sit, read from the lines.
corpusSuite('text families', [
  {
    file: 'text/lnav-logfile_spark-head40.0',
    format: 'text',
    dialect: { time: { layout: 'yymmdd-slashed', column: 0 }, level: 'after-time' },
    events: 40,
    withTime: 40,
    withLevel: 40,
    samples: [
      { line: 1, ts: '2017-06-09T20:10:40.000Z', level: 'info', message: 'executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]' },
    ],
  },
  {
    file: 'text/lnav-logfile_postgres.0',
    format: 'text',
    dialect: { time: { layout: 'iso8601', column: 0 }, level: 'in-line' },
    events: 21,
    withTime: 21,
    withLevel: 21,
    multiLine: 0,
    samples: [
      { line: 13, ts: '2025-08-13T08:46:12.212Z', level: 'error', message: '[12389] ERROR:  relation "nonexistent_table" does not exist at character 15' },
      { line: 14, ts: '2025-08-13T08:46:12.212Z', level: 'info', message: '[12389] STATEMENT:  SELECT * FROM nonexistent_table;' },
    ],
  },
  {
    file: 'text/lnav-logfile_mysql_error.0',
    format: 'text',
    events: 4,
    withTime: 4,
    withLevel: 4,
    samples: [{ line: 2, ts: '2020-08-06T14:25:02.936Z', level: 'warn', message: '0 [Warning] [MY-010068] [Server] CA certificate /var/mysql/sslinfo/cacert.pem is self signed.' }],
  },
  {
    file: 'text/beats-apache-error.log',
    format: 'text',
    // Two of its three lines write the level inside a module tag (`[core:notice]`).
    dialect: { time: { layout: 'ctime', column: 0 }, level: 'in-line' },
    events: 3,
    withTime: 3,
    withLevel: 3,
    samples: [
      { line: 1, ts: '2016-12-26T16:22:08.000Z', level: 'error', message: '[client 192.168.33.1] File does not exist: /var/www/favicon.ico' },
      { line: 3, ts: '2011-09-09T10:42:29.902Z', level: 'error', message: '[core:error] [pid 35708:tid 4328636416] [client 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico' },
    ],
  },
  {
    file: 'text/aosp-logcat-anr.txt',
    format: 'text',
    // logcat threadtime: no year, so the one before the upload (2026-01-05); the level is the letter after the pid and tid.
    dialect: { time: { layout: 'logcat', column: 0 }, level: 'in-line' },
    events: 13,
    withTime: 13,
    withLevel: 13,
    samples: [
      { line: 1, ts: '2025-10-01T18:13:11.984Z', level: 'error', message: '4600  4614 E ActivityManager: ANR in com.google.android.youtube' },
      { line: 13, ts: '2025-10-01T18:14:31.721Z', level: 'info', message: '4600  4614 I ActivityManager: Killing 30363:com.google.android.apps.plus/u0a206 (adj 0): bg anr' },
    ],
  },
]);
