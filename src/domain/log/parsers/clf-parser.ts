import { levelFromHttpStatus } from '../levels.ts';
import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { isoFromEpochMs, parseClfTime } from '../timestamps.ts';

// host ident user [time] "request" status bytes ["referer" "user-agent"]
const CLF = /^(\S+) (\S+) (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?\s*$/;
const REQUEST = /^([A-Z]+) (\S+)(?: (HTTP\/[\d.]+))?$/;

/** Apache/Nginx access logs, Common and Combined Log Format. */
export const clfParser: LineParser = {
  joinsLines: false,
  parse(text: string, line: number): ParseOutcome {
    if (text.trim() === '') return BLANK;
    const m = CLF.exec(text);
    if (!m) return reject('not a Common or Combined Log Format line');
    const [, host, ident, user, time, request, status, bytes, referer, userAgent] = m;
    const ts = parseClfTime(time ?? '');
    if (ts === null) return reject(`time "${time}" is not dd/Mon/yyyy:hh:mm:ss +zone`);
    const statusCode = Number(status);
    // Built field by field: a hot path, where entries/filter/fromEntries cost more than the regex.
    const attrs: Record<string, unknown> = { remote_host: host };
    if (ident !== '-') attrs.ident = ident;
    if (user !== '-') attrs.user = user;
    const parts = REQUEST.exec(request ?? '');
    if (parts) {
      attrs.method = parts[1];
      attrs.path = parts[2];
      if (parts[3] !== undefined) attrs.protocol = parts[3];
    }
    attrs.status = statusCode;
    attrs.bytes = bytes === '-' ? 0 : Number(bytes);
    if (referer !== undefined && referer !== '-' && referer !== '') attrs.referer = referer;
    if (userAgent !== undefined && userAgent !== '-' && userAgent !== '') attrs.user_agent = userAgent;
    return { kind: 'event', event: { ts: isoFromEpochMs(ts), level: levelFromHttpStatus(statusCode), message: request ?? '', attrs, line } };
  },
};
