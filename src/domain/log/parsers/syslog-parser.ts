import { levelFromSyslogSeverity, levelInText } from '../levels.ts';
import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { isoFromEpochMs, parseBsdTime, parseIsoLike } from '../timestamps.ts';

// <165>1 2003-10-11T22:14:15.003Z host app procid msgid [sd] message
const RFC5424 = /^<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: (.*))?$/s;
// [<34>]Oct 11 22:14:15 host tag[pid]: message   (the PRI is absent in files written by syslogd)
const RFC3164 = /^(?:<(\d{1,3})>)?([A-Za-z]{3} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}) (\S+) (.*)$/s;
const TAG = /^([^\s:[\]]{1,48})(?:\[([^\]]*)\])?: ?(.*)$/s;

/** Sets the fields whose value is present (RFC 5424 writes a missing value as `-`). */
function present(attrs: Record<string, unknown>, fields: Record<string, string | number | undefined>): Record<string, unknown> {
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined && value !== '-') attrs[key] = value;
  }
  return attrs;
}

/** Syslog, RFC 5424 and RFC 3164 (with or without the priority). */
export function syslogParser(referenceTime: Date): LineParser {
  return {
    joinsLines: false,
    parse(text: string, line: number): ParseOutcome {
      if (text.trim() === '') return BLANK;
      return parse5424(text, line) ?? parse3164(text, line, referenceTime) ?? reject('not an RFC 5424 or RFC 3164 syslog line');
    },
  };
}

function parse5424(text: string, line: number): ParseOutcome | null {
  const m = RFC5424.exec(text);
  if (!m) return null;
  const [, pri, version, time, host, app, procid, msgid, structured, rawMessage] = m;
  const priority = Number(pri);
  if (priority > 191) return reject(`priority ${priority} is out of range`);
  const ts = time === '-' ? null : parseIsoLike(time ?? '');
  if (time !== '-' && ts === null) return reject(`timestamp "${time}" is not RFC 3339`);
  return {
    kind: 'event',
    event: {
      ts: ts === null ? null : isoFromEpochMs(ts),
      level: levelFromSyslogSeverity(priority % 8),
      message: (rawMessage ?? '').replace(/^\uFEFF/, ''),
      attrs: present({ facility: priority >> 3, version: Number(version) }, {
        hostname: host,
        app_name: app,
        procid,
        msgid,
        structured_data: structured,
      }),
      line,
    },
  };
}

function parse3164(text: string, line: number, referenceTime: Date): ParseOutcome | null {
  const m = RFC3164.exec(text);
  if (!m) return null;
  const [, pri, time, host, rest] = m;
  const ts = parseBsdTime(time ?? '', referenceTime);
  if (!ts) return reject(`timestamp "${time}" is not a valid date`);
  const priority = pri === undefined ? undefined : Number(pri);
  if (priority !== undefined && priority > 191) return reject(`priority ${priority} is out of range`);
  const tag = TAG.exec(rest ?? '');
  const message = tag ? (tag[3] ?? '') : (rest ?? '');
  // Without a priority the severity is unknown; a level word in the message is the best hint.
  const level = priority !== undefined ? levelFromSyslogSeverity(priority % 8) : (levelInText(message)?.level ?? 'info');
  return {
    kind: 'event',
    event: {
      ts: isoFromEpochMs(ts.getTime()),
      level,
      message,
      attrs: present({}, {
        facility: priority === undefined ? undefined : priority >> 3,
        hostname: host,
        app_name: tag?.[1],
        procid: tag?.[2],
      }),
      line,
    },
  };
}
