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
