import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { LogFormat } from '../src/domain/upload/log-format.ts';

const LEVELS = ['info', 'info', 'info', 'debug', 'warn', 'error'] as const;
const PATHS = ['/api/jobs', '/api/users/42', '/health', '/ingest/files/init', '/static/app.js'];
const START = Date.parse('2026-01-05T00:00:00Z');

/** One realistic line of `format` for event number `i`. */
export function sampleLine(format: LogFormat, i: number): string {
  const level = LEVELS[i % LEVELS.length]!;
  const time = new Date(START + i * 37);
  const path = PATHS[i % PATHS.length]!;
  switch (format) {
    case 'json':
      return JSON.stringify({ level: 30 + (i % 3) * 10, time: time.getTime(), pid: 4242, hostname: 'api-7f9c', reqId: `req-${i}`, msg: `request completed ${path}`, responseTime: i % 250, statusCode: 200 });
    case 'logfmt':
      return `time=${time.toISOString()} level=${level} msg="request completed" path=${path} duration_ms=${i % 250} request_id=req-${i}`;
    case 'syslog':
      return i % 2 === 0
        ? `<${8 * 3 + (i % 8)}>1 ${time.toISOString()} web-${i % 9} nginx ${1000 + (i % 50)} ACCESS - request completed ${path} in ${i % 250} ms`
        : `<${8 * 3 + (i % 8)}>Jan  5 ${time.toISOString().slice(11, 19)} web-${i % 9} sshd[${1000 + (i % 50)}]: Accepted publickey for deploy from 10.0.${i % 255}.${i % 200}`;
    case 'clf':
      return `10.0.${i % 255}.${i % 200} - - [05/Jan/2026:${time.toISOString().slice(11, 19)} +0000] "GET ${path}?page=${i % 10} HTTP/1.1" ${[200, 200, 304, 404, 500][i % 5]} ${i % 9000} "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64)"`;
    case 'text':
      return i % 50 === 49
        ? `${time.toISOString().replace('T', ' ').slice(0, 23)} ERROR [worker-${i % 4}] c.e.Ingest - failed to process batch ${i}\n\tat com.example.Ingest.run(Ingest.java:42)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)`
        : `${time.toISOString().replace('T', ' ').slice(0, 23)} ${level.toUpperCase().padEnd(5)} [worker-${i % 4}] c.e.Ingest - processed batch ${i} in ${i % 250} ms`;
    case 'custom':
      throw new Error('A custom format reads a layout of its own: there are no generated lines for it');
  }
}

/** Writes a file of about `bytes` bytes of `format` lines; returns the number of lines. */
export async function generateLogFile(path: string, format: LogFormat, bytes: number): Promise<number> {
  // Flushed to disk before it closes, so the kernel's writeback of the new file does not run
  // during the first measured run.
  const out = createWriteStream(path, { flush: true });
  let written = 0;
  let lines = 0;
  while (written < bytes) {
    let chunk = '';
    for (let j = 0; j < 2_000 && written + chunk.length < bytes; j++) chunk += `${sampleLine(format, lines++)}\n`;
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return lines;
}
