import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { ServerType } from '@hono/node-server';

/** What Node's HTTP parser refuses before the app sees a request, as status and error code. */
const REFUSALS: Record<string, [status: number, reason: string, code: string, detail: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'Request headers are too large'],
};
const MALFORMED: [number, string, string, string] = [400, 'Bad Request', 'BAD_REQUEST', 'Malformed HTTP request'];

/**
 * Answers requests Node's HTTP parser refuses (oversized headers, malformed requests) with
 * the API's standard error body instead of Node's empty one.
 */
export function answerClientErrors(server: ServerType): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, reason, code, detail] = REFUSALS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ detail, error_code: code, request_id: randomUUID(), timestamp: new Date().toISOString() });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
