import { corpusSuite } from '../../support/corpus.ts';

const NGINX_UA = 'Mozilla/5.0 (Linux; Android 6.0; ALE-L21 Build/HuaweiALE-L21) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/66.0.3359.158 Mobile Safari/537.36';

corpusSuite('access logs', [
  {
    // nginx `main` / the official image's default: combined plus "$http_x_forwarded_for" ("-" on every line here), +0330.
    file: 'access/nginx-main-forwarded-for.log',
    format: 'clf',
    events: 250,
    withTime: 250,
    withLevel: 250,
    samples: [
      {
        line: 2, ts: '2019-01-22T00:26:16.000Z', level: 'info', message: 'GET /image/60844/productModel/200x200 HTTP/1.1',
        attrs: { remote_host: '31.56.96.51', method: 'GET', path: '/image/60844/productModel/200x200', protocol: 'HTTP/1.1', status: 200, bytes: 5667, referer: 'https://www.zanbil.ir/m/filter/b113', user_agent: NGINX_UA },
      },
      {
        line: 17, ts: '2019-01-22T00:26:19.000Z', level: 'warn', message: 'GET /product/14926 HTTP/1.1',
        attrs: { remote_host: '207.46.13.136', status: 404, bytes: 33617, user_agent: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' },
      },
      { line: 250, ts: '2019-01-22T00:27:02.000Z', level: 'info', message: 'GET /static/images/amp/instagram.png HTTP/1.1', attrs: { remote_host: '66.111.54.249', status: 200, bytes: 7146 } },
    ],
  },
  {
    // Apache common and combined, IPv6 and named clients, "-" requests and sizes, a trailing "-", one vhost_combined line.
    file: 'access/apache-access-variants.log',
    format: 'clf',
    events: 7,
    withTime: 7,
    withLevel: 7,
    samples: [
      { line: 1, ts: '2016-12-26T14:16:29.000Z', level: 'warn', message: 'GET /favicon.ico HTTP/1.1', attrs: { remote_host: '::1', method: 'GET', path: '/favicon.ico', status: 404, bytes: 209 } },
      { line: 3, ts: '2016-12-26T14:16:48.000Z', level: 'warn', message: '-', attrs: { remote_host: '::1', status: 408, bytes: 0 } },
      { line: 5, ts: '2017-05-29T19:02:48.000Z', level: 'info', message: 'GET /status HTTP/1.1', attrs: { remote_host: 'monitoring-server', status: 200, bytes: 612 } },
      {
        line: 7, ts: '2019-07-04T07:20:46.000Z', level: 'info', message: 'GET / HTTP/1.1',
        attrs: { vhost: 'vhost1.domaine.fr', remote_host: '123.123.123.123', status: 200, bytes: 32953 },
      },
    ],
  },
  {
    // nginx with "$host" first: vhosts with and without a port, client lists, an empty request and a non-HTTP one.
    file: 'access/nginx-host-prefixed.log',
    format: 'clf',
    events: 10,
    withTime: 10,
    withLevel: 10,
    samples: [
      { line: 1, ts: '2016-12-07T10:05:07.000Z', level: 'info', message: 'GET /ocelot HTTP/1.1', attrs: { vhost: 'example.com', remote_host: '10.0.0.2, 10.0.0.1, 127.0.0.1', status: 200, bytes: 571 } },
      {
        line: 5, ts: '2016-01-22T13:18:29.000Z', level: 'info', message: 'GET /assets/xxxx?q=100 HTTP/1.1',
        attrs: { prefix: 'example.com:80 "10.5.102.222, 175.16.199.1, 204.246.1.1"', remote_host: '10.2.1.185', user_agent: 'Amazon CloudFront' },
      },
      { line: 7, ts: '2018-04-12T07:48:40.000Z', level: 'warn', message: '', attrs: { vhost: '1.128.3.4:80', remote_host: '127.0.0.1', status: 400, bytes: 0 } },
      { line: 8, ts: '2019-02-26T14:39:42.000Z', level: 'warn', message: 'hello', attrs: { vhost: 'example.com:80', remote_host: 'unix:', status: 400, bytes: 173 } },
    ],
  },
  {
    // Scanners and non-HTTP bytes on an HTTP port: nginx writes them escaped (\xHH) and answers 400.
    file: 'access/nginx-malformed-requests.log',
    format: 'clf',
    events: 12,
    withTime: 12,
    withLevel: 12,
    samples: [
      { line: 5, ts: '2023-07-29T17:26:06.000Z', level: 'warn', message: 'HELP', attrs: { remote_host: '1.2.3.4', status: 400, bytes: 157 } },
      {
        line: 8, ts: '2023-07-29T17:26:07.000Z', level: 'warn',
        message: String.raw`\x16\x03\x01\x00t\x01\x00\x00p\x03\x01YF}\xF6\x7F3\xD3\xA2'O\xAE\xB6\x041p\x87F\xE5\xA6\xA2\x18\xD1\x0B}\x0C\x9FO)u\xFE\xB1\xD9\x00\x00\x18\xC0\x14\xC0\x13\x005\x00/\xC0`,
        attrs: { remote_host: '1.2.3.4', status: 400, bytes: 157 },
      },
    ],
  },
  {
    // Traefik's CLF: combined, then request count, router, service URL and duration; "- -" when no response was sent.
    file: 'access/traefik-clf-trailing-fields.log',
    format: 'clf',
    events: 7,
    withTime: 7,
    withLevel: 6,
    samples: [
      {
        line: 1, ts: '2021-12-08T09:16:05.000Z', level: 'info', message: 'GET /scripts/cpshost.dll HTTP/1.1',
        attrs: { remote_host: '172.17.0.1', status: 200, bytes: 414, extra: ['500', 'test@docker', 'http://172.17.0.3:80', '0ms'] },
      },
      {
        line: 5, ts: '2022-09-28T13:38:04.000Z', level: 'unknown', message: 'GET /mobileadmin/home.cs HTTP/1.1',
        attrs: { remote_host: '172.17.1.1', bytes: 0, user_agent: 'Mozilla/5.00 (Nikto/2.1.5) (Evasions:None) (Test:006607)', extra: ['45640', '-', '-', '0ms'] },
      },
      {
        line: 7, ts: '2024-11-24T13:40:15.000Z', level: 'info', message: 'GET /api/users HTTP/1.1',
        attrs: { user_agent: 'curl/7.68.0', extra: ['300', 'root@docker -> intermediate1@docker -> intermediate2@docker -> leaf@docker', 'http://172.17.0.4:80', '25ms'] },
      },
    ],
  },
  {
    // Apache combined, common and vhost_combined lines, and two error-log lines that are no access-log events.
    file: 'access/apache-combined-vhost-mixed.log',
    format: 'clf',
    events: 7,
    withTime: 7,
    withLevel: 7,
    samples: [
      { line: 4, ts: '2020-06-08T08:04:43.000Z', level: 'error', message: 'GET /solr/admin/info/system?wt=json HTTP/1.1', attrs: { vhost: 'www.crowdsec.net', remote_host: '1.2.3.4', status: 500, bytes: 803 } },
      { line: 6, ts: '2021-03-05T08:01:38.000Z', level: 'info', message: 'GET /test/lists/sip_30d.txt HTTP/1.0', attrs: { remote_host: '116.203.1.1', status: 200, bytes: 1513 } },
      {
        line: 7, ts: '2021-10-25T09:05:52.000Z', level: 'warn', message: 'GET /web/.well-known HTTP/1.1',
        attrs: { vhost: 'website.com:443', remote_host: '1.2.3.4', status: 403, bytes: 6963, referer: 'abc.com', user_agent: 'User-agent-string' },
      },
    ],
  },
]);
