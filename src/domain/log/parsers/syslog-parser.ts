import { levelFromSyslogSeverity, levelInText } from '../levels.ts';
import type { LogLevel } from '../../job/job-result.ts';
import type { LocalTimes } from '../local-times.ts';
import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { isoFromEpochMs, parseBsdTime, parseIsoLike } from '../timestamps.ts';

// The header every variant shares: [<PRI>[VERSION ]| <PRI> ]TIME[:] rest
//   RFC 5424           <165>1 2003-10-11T22:14:15.003Z host app procid msgid [sd] message
//   RFC 5424, no PRI   2022-08-27T14:22:01.613Z host app procid msgid - message
//   rsyslog file       [<PRI>]2018-08-14T14:30:02.203151+02:00 host systemd[4179]: message
//   RFC 3164           [<34>]Oct 11 22:14:15 host su[12]: message, devices: `<167> Mar  7 …`, `Mar 7 2008 19:06:53: …`
const HEADER =
  /^(?:<(\d{1,3})>(?:(\d{1,2}) | ?))?(\d{4}-\d\d-\d\dT[\d:.,]+(?:[Zz]|[+-]\d\d:?\d\d)?|[A-Za-z]{3} {1,2}\d{1,2}(?: \d{4})? \d\d:\d\d:\d\d(?:\.\d{1,6})?|-):? (.*)$/s;
// After the time: the host, unless the device wrote none and the next token is already a tag (`%ASA-4-1:`).
const HOST = /^(\S+) (.*)$/s;
const TAG = /^([^\s:[\]]{1,48})(?:\[([^\]]*)\])?: ?(.*)$/s;
// RFC 5424 after the host: app procid msgid structured-data [message] (writers that add a space before it are common)
const BODY_5424 = /^(\S+) (\S+) (\S+) (-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: +(.*))?$/s;
// An indented line continues the event before it (a message written on several lines).
const CONTINUATION = /^[ \t]+\S/;
const CONTINUES: ParseOutcome = { kind: 'continuation' };
const NIL = '-';

/**
 * Syslog as written on the wire and in files: RFC 5424 (with or without `<PRI>VERSION`),
 * rsyslog's RFC 3339 file lines and RFC 3164 (each with or without the priority). Host,
 * app name, procid, msgid and structured data go into attrs under their RFC 5424 names.
 */
export function syslogParser(times: LocalTimes): LineParser {
  return {
    joinsLines: true,
    parse(text: string, line: number): ParseOutcome {
      if (text.trim() === '') return BLANK;
      if (CONTINUATION.test(text)) return CONTINUES;
      return parseLine(text, line, times);
    },
  };
}

function parseLine(text: string, line: number, times: LocalTimes): ParseOutcome {
  const header = HEADER.exec(text);
  if (!header) return reject('not an RFC 5424 or RFC 3164 syslog line');
  const [, pri, version, time = '', rest = ''] = header;
  const priority = pri === undefined ? undefined : Number(pri);
  if (priority !== undefined && priority > 191) return reject(`priority ${priority} is out of range`);
  const iso = time.charCodeAt(4) === 0x2d; // 2018-…
  if (time === NIL && version === undefined) return reject('a nil timestamp outside RFC 5424');
  const epochMs = time === NIL ? null : iso ? parseIsoLike(time, times.zone) : parseBsdTime(time, times);
  if (time !== NIL && epochMs === null) return reject(`timestamp "${time}" is not a valid ${iso ? 'RFC 3339 time' : 'date'}`);

  const attrs: Record<string, unknown> = {};
  if (priority !== undefined) attrs.facility = priority >> 3;
  let message: string;
  const host = HOST.exec(rest);
  // No host name ends with ':' (`… 19:06:53: %ASA-4-1: …`) or starts with '-' beyond RFC 5424's nil (`--- last message repeated`).
  const hostless = host === null || (version === undefined && (host[1]!.endsWith(':') || (host[1]!.startsWith('-') && host[1] !== NIL)));
  const afterHost = hostless ? rest : host[2]!;
  if (!hostless && host[1] !== NIL) attrs.hostname = host[1];

  const tag = version === undefined ? TAG.exec(afterHost) : null;
  const body = tag === null && (version !== undefined || iso) ? BODY_5424.exec(afterHost) : null;
  if (version !== undefined) {
    if (body === null || hostless) return reject('not an RFC 5424 syslog line');
    attrs.version = Number(version);
  }
  if (tag) {
    attrs.app_name = tag[1];
    if (tag[2] !== undefined) attrs.procid = tag[2];
    message = tag[3]!;
  } else if (body) {
    const [, app, procid, msgid, structured, text5424 = ''] = body;
    if (app !== NIL) attrs.app_name = app;
    if (procid !== NIL) attrs.procid = procid;
    if (msgid !== NIL) attrs.msgid = msgid;
    if (structured !== NIL) attrs.structured_data = structured;
    message = text5424.charCodeAt(0) === 0xfeff ? text5424.slice(1) : text5424;
  } else if (iso) {
    // Plain text logs start with such times too: a syslog line has a tag or RFC 5424's fields.
    return reject('an RFC 3339 line with neither a tag (`app[pid]:`) nor RFC 5424 fields');
  } else {
    message = afterHost;
  }
  return {
    kind: 'event',
    event: { ts: epochMs === null ? null : isoFromEpochMs(epochMs), level: levelOf(priority, message), message, attrs, line },
  };
}

/** The priority's severity; without one the severity is unknown, and a level word in the message is the best hint. */
function levelOf(priority: number | undefined, message: string): LogLevel {
  return priority !== undefined ? levelFromSyslogSeverity(priority % 8) : (levelInText(message)?.level ?? 'info');
}
