import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../src/domain/log/format-detection.ts';
import type { LogFormat } from '../../../../src/domain/upload/log-format.ts';

const UPLOADED = new Date('2026-01-05T12:00:00Z');
const auto = (lines: readonly string[]) => detectFormat('auto', lines, UPLOADED);

// Synthetic lines, each shaped as the named tool writes them (the real files are in test/corpus).
describe('detectFormat: the format a file reads as', () => {
  it.each<[string, string[], LogFormat]>([
    ['JSON Lines', ['{"level":"info","msg":"a"}', '{"level":"warn","msg":"b"}'], 'json'],
    ['JSON Lines after a plain banner line', ['starting up', '{"msg":"a"}', '{"msg":"b"}', '{"msg":"c"}'], 'json'],
    ['logfmt', ['time=2026-01-05T10:00:00Z level=info msg="a b" n=1', 'time=2026-01-05T10:00:01Z level=warn msg=c'], 'logfmt'],
    ['text that mentions one key=value is not logfmt', ['2026-01-05 10:00:00 INFO user=42 logged in', '2026-01-05 10:00:01 INFO user=43 logged in'], 'text'],
    ['RFC 3164 syslog', ['Jan  5 10:00:00 host sshd[12]: Accepted key', 'Jan  5 10:00:01 host cron[13]: job done'], 'syslog'],
    ['RFC 5424 syslog', ['<165>1 2026-01-05T10:00:00Z host app 12 ID47 - started'], 'syslog'],
    ['an access log', ['203.0.113.9 - - [05/Jan/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8"'], 'clf'],
    ['ISO-timed text without a syslog tag', ['2026-01-05T10:00:00Z INFO started', '2026-01-05T10:00:01Z ERROR failed'], 'text'],
    ['anything else', ['hello', 'world'], 'text'],
  ])('%s', (_, lines, format) => {
    expect(auto(lines).format).toBe(format);
    expect(auto(lines).readsAs).toBe(format);
  });

  it('reads nothing into blank lines: auto falls back to text, and nothing is said to read better', () => {
    expect(auto(['', '   '])).toEqual({ format: 'text', dialect: null, readsAs: null });
  });

  it('keeps a format that was asked for, and tells what auto would have picked', () => {
    expect(detectFormat('clf', ['{"msg":"a"}'], UPLOADED)).toEqual({ format: 'clf', dialect: null, readsAs: 'json' });
  });

  it('learns a dialect for text asked for by name as for auto', () => {
    const lines = ['2026-01-05 10:00:00,123 ERROR boom', 'java.io.IOException: no', '\tat a.B.c(B.java:1)', '2026-01-05 10:00:01,000 INFO next'];
    expect(detectFormat('text', lines, UPLOADED).dialect).toEqual({ time: { layout: 'iso8601', column: 0 }, level: 'after-time' });
  });
});

describe('detectFormat: a text dialect', () => {
  const dialectOf = (lines: readonly string[]) => auto(lines).dialect;

  it('puts the time behind the leading columns the lines have', () => {
    expect(dialectOf(['web-1 Jan  5 10:00:00 started', 'web-2 Jan  5 10:00:01 stopped'])).toEqual({ time: { layout: 'rfc3164', column: 1 }, level: 'none' });
  });

  it('reads the level in glog\'s time', () => {
    expect(dialectOf(['I0105 10:00:00.000001  1 main.go:1] a', 'E0105 10:00:01.000001  1 main.go:2] b'])?.level).toBe('in-time');
  });

  it('holds for a file opening with a long trace: its first line starts an event', () => {
    const trace = Array.from({ length: 30 }, (_, i) => `main.f${i}(0x1)`);
    expect(dialectOf(['2026-01-05 10:00:00 ERROR panic', ...trace, '2026-01-05 10:00:01 INFO after'])).not.toBeNull();
  });

  it('is none when no time marks where events start, or times are written two ways', () => {
    expect(dialectOf(['hello', 'world'])).toBeNull();
    expect(dialectOf(['2026-01-05 10:00:00 a', '2026/01/05 10:00:01 b', '2026-01-05 10:00:02 c', '2026/01/05 10:00:03 d'])).toBeNull();
  });

  it('is none from a single time: one line is no pattern', () => {
    expect(dialectOf(['2026-01-05 10:00:00 started', 'plain', 'plain'])).toBeNull();
  });

  it('is none when few lines carry the time and the file does not start with one', () => {
    const lines = ['plain', 'plain', 'plain', 'plain', 'plain', '2026-01-05 10:00:00 a', '2026-01-05 10:00:01 b'];
    expect(dialectOf(lines)).toBeNull();
  });
});
