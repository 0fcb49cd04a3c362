import { levelFromHttpStatus } from '../levels.ts';
import { BLANK, reject, type LineParser, type ParseOutcome } from '../normalized-event.ts';
import { parseClfTime } from '../timestamps.ts';

// host ident user [time] "request" status bytes ["referer" "user-agent"]
const CLF = /^(\S+) (\S+) (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?\s*$/;
const REQUEST = /^([A-Z]+) (\S+)(?: (HTTP\/[\d.]+))?$/;

const dash = (value: string | undefined): string | undefined => (value === '-' || value === '' ? undefined : value);

/** Apache/Nginx access logs, Common and Combined Log Format. */
export const clfParser: LineParser = {
  parse(text: string, line: number): ParseOutcome {
    if (text.trim() === '') return BLANK;
    const m = CLF.exec(text);
    if (!m) return reject('not a Common or Combined Log Format line');
    const [, host, ident, user, time, request, status, bytes, referer, userAgent] = m;
    const ts = parseClfTime(time ?? '');
    if (!ts) return reject(`time "${time}" is not dd/Mon/yyyy:hh:mm:ss +zone`);
    const parts = REQUEST.exec(request ?? '');
    const statusCode = Number(status);
    const attrs = Object.fromEntries(
      Object.entries({
        remote_host: host,
        ident: dash(ident),
        user: dash(user),
        method: parts?.[1],
        path: parts?.[2],
        protocol: parts?.[3],
        status: statusCode,
        bytes: bytes === '-' ? 0 : Number(bytes),
        referer: dash(referer),
        user_agent: dash(userAgent),
      }).filter(([, v]) => v !== undefined),
    );
    return { kind: 'event', event: { ts: ts.toISOString(), level: levelFromHttpStatus(statusCode), message: request ?? '', attrs, line } };
  },
};
