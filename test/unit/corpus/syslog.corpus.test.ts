import { corpusSuite } from '../../support/corpus.ts';

// Expectations read from the files' lines; times converted to UTC by hand (offsets subtracted).
// Without a priority the severity is unknown and the format reads such lines as info.
corpusSuite('syslog', [
  {
    // A classic /var/log/messages excerpt (RFC 3164, no priority), from 2007.
    file: 'syslog/lnav-logfile_syslog.0',
    format: 'syslog',
    uploadedAt: '2007-12-01T00:00:00Z',
    events: 4,
    withTime: 4,
    withLevel: 4,
    multiLine: 0,
    samples: [
      {
        line: 1,
        ts: '2007-11-03T09:23:38.000Z',
        level: 'info',
        message: 'lookup(file): lookup for foobar failed',
        attrs: { hostname: 'veridian', app_name: 'automount', procid: '7998' },
      },
      {
        line: 4,
        ts: '2007-11-03T09:47:02.000Z',
        level: 'info',
        message: 'timstack : TTY=pts/6 ; PWD=/auto/wstimstack/rpms/lbuild/test ; USER=root ; COMMAND=/usr/bin/tail /var/log/messages',
        attrs: { hostname: 'veridian', app_name: 'sudo' },
      },
    ],
  },
  {
    // macOS syslogd: messages continued on tab-indented lines.
    file: 'syslog/lnav-logfile_syslog.3',
    format: 'syslog',
    uploadedAt: '2022-09-01T00:00:00Z',
    events: 7,
    withTime: 7,
    withLevel: 7,
    multiLine: 5,
    samples: [
      {
        line: 1,
        ts: '2022-08-16T00:10:45.000Z',
        level: 'info',
        message: 'ASL Sender Statistics',
        attrs: { hostname: 'Tims-Air', app_name: 'syslogd', procid: '314' },
      },
      {
        line: 6,
        ts: '2022-08-16T00:32:15.000Z',
        level: 'info',
        message: 'Configuration Notice:\n\tASL Module "com.apple.install" claims selected messages.\n\tThose messages may not appear in standard system log files or in the ASL database.',
        attrs: { hostname: 'Tims-Air', app_name: 'syslogd', procid: '314' },
      },
    ],
  },
  {
    // RFC 5424 without `<PRI>1 ` (VMware NSX), times in UTC and at +03:00.
    file: 'syslog/lnav-logfile_with_zones.0',
    format: 'syslog',
    events: 3,
    withTime: 3,
    withLevel: 3,
    multiLine: 0,
    samples: [
      {
        line: 2,
        ts: '2022-08-27T14:22:01.694Z',
        level: 'info',
        message: '(root) CMD (   /usr/bin/nice -n 10 /opt/acme/bin/mem_usage_monitor.py >/dev/null 2>&1)',
        attrs: { hostname: 'space01.global-acme.entp', app_name: 'CRON', procid: '20856' },
      },
      {
        line: 3,
        ts: '2022-08-27T14:22:01.888Z',
        level: 'info',
        message: 'dynamic arp entry(28b18eb1-3575-4179-956b-aae009433d27, 10.12.160.4) is created',
        attrs: {
          hostname: 'space01.global-acme.entp',
          app_name: 'NSX',
          procid: '4828',
          msgid: 'SWITCHING',
          structured_data: '[abc@6876 comp="abc-edge" subcomp="datapathd" s2comp="neigh" tname="dp-learning3" level="INFO"]',
        },
      },
    ],
  },
  {
    // rsyslog's file format with RFC 3339 times: +0400, +04:00 and no zone (UTC).
    file: 'syslog/beats-tz-offset.log',
    format: 'syslog',
    events: 3,
    withTime: 3,
    withLevel: 3,
    multiLine: 0,
    samples: [
      {
        line: 1,
        ts: '1986-04-25T21:23:45.101Z',
        level: 'info',
        message: 'shutting down for system halt',
        attrs: { hostname: 'rmbkmonitor04', app_name: 'shutdown', procid: '2649' },
      },
      {
        line: 2,
        ts: '1986-04-25T21:23:45.388Z',
        level: 'info',
        message: 'constraint_0_power_limit_uw exceeded.',
        attrs: { hostname: 'rmbkmonitor04', app_name: 'thermald' },
      },
      {
        line: 3,
        ts: '2019-06-14T10:40:20.912Z',
        level: 'info',
        message: 'pam_unix(sudo-i:session): session opened for user root by userauth3(uid=0)',
        attrs: { hostname: 'localhost', app_name: 'sudo' },
      },
    ],
  },
  {
    // An RFC 3339 line continued on two tab-indented lines.
    file: 'syslog/beats-iso8601_timestamp_multiline_syslog.log',
    format: 'syslog',
    events: 1,
    withTime: 1,
    withLevel: 1,
    multiLine: 1,
    samples: [
      {
        line: 1,
        ts: '2020-12-25T21:59:59.000Z',
        level: 'info',
        message:
          '2016-12-13 11:35:28.421\n\t\tGoogleSoftwareUpdateAgent[21412/0x700007399000] [lvl=2] -[KSUpdateEngine updateAllExceptProduct:] KSUpdateEngine updating all\n\t\tinstalled products, except:\'com.google.Keystone\'.',
        attrs: { hostname: 'a-mac-with-esc-key', app_name: 'GoogleSoftwareUpdateAgent', procid: '21412' },
      },
    ],
  },
  {
    // RFC 5424 with the priority (<13>: user.notice) and nil app, procid, msgid and structured data.
    file: 'syslog/rsyslog-mmsnareparse-sample-events.data',
    format: 'syslog',
    events: 4,
    withTime: 4,
    withLevel: 4,
    multiLine: 0,
    samples: [
      {
        line: 3,
        ts: '2025-02-18T07:05:44.888Z',
        level: 'info',
        message:
          'MSWinEventLog\t1\tSecurity\t402991\tTue Feb 18 07:05:44 2025\t6281\tMicrosoft-Windows-CodeIntegrity\tN/A\tN/A\tError\tAPP25-API\tApplication Control\t\tCode Integrity determined that a process (\\Device\\HarddiskVolume4\\Program Files\\LegacyERP\\erp.exe) attempted to load \\Device\\HarddiskVolume4\\Temp\\unsigned.dll that did not meet the Enterprise signing level requirements.    Policy Name:  FABRIKAM-WDAC-BaseV3   Policy Version:  3.2.0   Enforcement Mode:  Audit+Enforce   User:  FABRIKAM\\svc_batch   PID:  4128   \t-402991',
        attrs: { facility: 1, version: 1, hostname: 'APP25-API' },
      },
      {
        line: 4,
        ts: '2024-04-07T11:23:41.108Z',
        level: 'info',
        message:
          'MSWinEventLog\t1\tSecurity\t556603\tSun Apr 07 11:23:41 2024\t4769\tMicrosoft-Windows-Security-Auditing\tN/A\tN/A\tSuccess Audit\tDC19-CORE\tKerberos Service Ticket\t\tA Kerberos service ticket was requested.    Account Information:   Account Name:  a.rodriguez   Account Domain:  FABRIKAM   Logon GUID:  {00000000-0000-0000-0000-000000000000}    Service Information:   Service Name:  HTTP/SPApp19.fabricam.com   Service ID:  -    Network Information:   Client Address:  172.16.14.21   Client Port:  55231    Additional Information:   Ticket Options:  0x60810010   Result Code:  0x0   Ticket Encryption Type:  0x12   Pre-Authentication Type:  15   Certificate Information:  -    \t-556603',
        attrs: { facility: 1, version: 1, hostname: 'DC19-CORE' },
      },
    ],
  },
]);
