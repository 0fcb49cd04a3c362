import { corpusSuite } from '../../support/corpus.ts';

// Expectations read from the files' lines: the time, level and message fields become ts, level
// and message (fractions of a second beyond milliseconds dropped); every other pair stays in attrs.
corpusSuite('logfmt', [
  {
    // A Kubernetes virtual kubelet (logrus' text formatter: quoted time, `warning`, empty values).
    file: 'logfmt/lnav-logfile_logfmt.0',
    format: 'logfmt',
    events: 5,
    withTime: 5,
    withLevel: 5,
    samples: [
      {
        line: 1,
        ts: '2021-09-15T21:17:10.220Z',
        level: 'error',
        message: 'error retrieving pod status: pod inc-1-enh-domain-c14-ns-2/hello-inc-1-enh-domain-c14-ns-2-3-d8f465685-k75gp is not found: PodNotFound',
        attrs: { namespace: 'inc-1-enh-domain-c14-ns-2', pod: 'hello-inc-1-enh-domain-c14-ns-2-3-d8f465685-k75gp', reason: '', status: 'Pending' },
      },
      {
        line: 2,
        ts: '2021-09-15T21:17:11.674Z',
        level: 'warn',
        message: 'Failed to DeletePod in the provider',
        attrs: { error: 'pod inc-1-domain-c14-ns-6/fe-inc-1-domain-c14-ns-6-5-656d9bb695-4584b is not found: PodNotFound', uid: 'be2def59-3a08-42fd-8f84-6f64cfcefa93' },
      },
    ],
  },
  {
    // Grafana's server log: `t=` with nanoseconds, a `logger` first, values holding `=`.
    file: 'logfmt/lnav-logfile_grafana.0',
    format: 'logfmt',
    events: 5,
    withTime: 5,
    withLevel: 5,
    samples: [
      {
        line: 1,
        ts: '2025-04-24T19:51:48.520Z',
        level: 'info',
        message: 'Starting Grafana',
        attrs: { logger: 'settings', version: '11.5.2', commit: '598e0338d5374d6bc404b02a58094132c5eeceb8', branch: 'HEAD', compiled: '2025-04-24T19:51:48Z' },
      },
      {
        line: 4,
        ts: '2025-04-24T19:51:48.521Z',
        level: 'info',
        message: 'Config overridden from command line',
        attrs: { logger: 'settings', arg: 'default.paths.data=/var/lib/grafana' },
      },
    ],
  },
]);
