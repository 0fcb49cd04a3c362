import { levelFromHttpStatus } from '../levels.ts';
import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { isoFromEpochMs, parseClfTime } from '../timestamps.ts';

// [leading fields] host ident user [time] "request" status bytes ["referer" "user-agent"] [more fields]
// The host may be a list ("a, b, c", nginx behind proxies); a status of "-" is a request with no response.
// Bounded repeats: a long line that is no access-log line is rejected in linear time, not quadratic.
const CLF =
  /^(?:(.*?) )??(\S+(?:, [^\s,]+){0,8}) (\S+) (\S+) \[([^\]]{1,64})\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?(.*)$/s;
const REQUEST = /^([A-Z]+) (\S+)(?: (HTTP\/[\d.]+))?$/;
// What nginx's `main` layout (and its official image) writes last: "$http_x_forwarded_for".
const ADDRESS_LIST = /^(?:[\da-fA-F.:]+|unknown)(?:, ?(?:[\da-fA-F.:]+|unknown))*$/;

/**
 * Apache/Nginx access logs: Common and Combined Log Format, nginx `main`, Apache `vhost_combined`
 * and layouts adding fields before the client or after the size.
 */
export const clfParser: LineParser = {
  joinsLines: false,
  parse(text: string, line: number): ParseOutcome {
    if (text.trim() === '') return BLANK;
    const m = CLF.exec(text);
    if (!m) return reject('not a Common or Combined Log Format line');
    const [, leading, host, ident, user, time, request, status, bytes, referer, userAgent, rest] = m;
    const ts = parseClfTime(time ?? '');
    if (ts === null) return reject(`time "${time}" is not dd/Mon/yyyy:hh:mm:ss +zone`);
    const statusCode = status === '-' ? Number.NaN : Number(status);
    // Built field by field: a hot path, where entries/filter/fromEntries cost more than the regex.
    const attrs: Record<string, unknown> = {};
    // One field before the client is the server (vhost_combined's %v:%p, nginx's $host); more are kept raw.
    if (leading !== undefined) attrs[leading.includes(' ') ? 'prefix' : 'vhost'] = leading;
    attrs.remote_host = host;
    if (ident !== '-') attrs.ident = ident;
    if (user !== '-') attrs.user = user;
    const parts = REQUEST.exec(request ?? '');
    if (parts) {
      attrs.method = parts[1];
      attrs.path = parts[2];
      if (parts[3] !== undefined) attrs.protocol = parts[3];
    }
    if (status !== '-') attrs.status = statusCode;
    attrs.bytes = bytes === '-' ? 0 : Number(bytes);
    setUnlessEmpty(attrs, 'referer', referer);
    setUnlessEmpty(attrs, 'user_agent', userAgent);
    if (rest !== undefined && rest.length > 0 && rest.trim() !== '') readTrailingFields(rest, userAgent !== undefined, attrs);
    return { kind: 'event', event: { ts: isoFromEpochMs(ts), level: levelFromHttpStatus(statusCode), message: request ?? '', attrs, line } };
  },
};

/** Access logs write `-` (or nothing) for a header the request did not send. */
function setUnlessEmpty(attrs: Record<string, unknown>, key: string, value: string | undefined): void {
  if (value !== undefined && value !== '-' && value !== '') attrs[key] = value;
}

interface Field {
  readonly value: string;
  readonly quoted: boolean;
}

/**
 * Fields after the size: the first two quoted ones in a row are referer and user agent when the
 * line has none yet; a quoted address list (or "-") right after the user agent is forwarded_for;
 * every other field is kept, in order and unquoted, in attrs.extra (its meaning depends on the layout).
 */
function readTrailingFields(rest: string, hasUserAgent: boolean, attrs: Record<string, unknown>): void {
  const fields = splitFields(rest);
  let afterUserAgent = hasUserAgent ? 0 : -1;
  if (!hasUserAgent) {
    for (let k = 0; k + 1 < fields.length; k++) {
      if (!fields[k]!.quoted || !fields[k + 1]!.quoted) continue;
      const [referer, userAgent] = fields.splice(k, 2) as [Field, Field];
      setUnlessEmpty(attrs, 'referer', referer.value);
      setUnlessEmpty(attrs, 'user_agent', userAgent.value);
      afterUserAgent = k;
      break;
    }
  }
  const forwarded = afterUserAgent >= 0 ? fields[afterUserAgent] : undefined;
  if (forwarded?.quoted && (forwarded.value === '-' || ADDRESS_LIST.test(forwarded.value))) {
    if (forwarded.value !== '-') attrs.forwarded_for = forwarded.value;
    fields.splice(afterUserAgent, 1);
  }
  if (fields.length > 0) attrs.extra = fields.map((field) => field.value);
}

/** Space-separated fields; a quoted one runs to its closing quote (backslash escapes kept as written). */
function splitFields(text: string): Field[] {
  const fields: Field[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 34) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 34) end += text.charCodeAt(end) === 92 ? 2 : 1;
      fields.push({ value: text.slice(i + 1, Math.min(end, text.length)), quoted: true });
      i = end + 1;
    } else {
      let end = i + 1;
      while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
      fields.push({ value: text.slice(i, end), quoted: false });
      i = end;
    }
  }
  return fields;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13;
