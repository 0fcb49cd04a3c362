import { createServer, request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PresetHeadersResponse } from '../../../../src/adapters/http/preset-headers-response.ts';

/** The raw head Node sends when `answer` handles a request, header names as sent. */
async function rawHeadersOf(answer: (res: PresetHeadersResponse) => void): Promise<{ status: number; raw: string[]; headers: IncomingHttpHeaders }> {
  const server = createServer({ ServerResponse: PresetHeadersResponse }, (_req, res: ServerResponse) => answer(res as PresetHeadersResponse));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise((resolve, reject) => {
      request({ port: (server.address() as AddressInfo).port, host: '127.0.0.1' }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, raw: res.rawHeaders, headers: res.headers }));
      })
        .on('error', reject)
        .end();
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const namesOf = (raw: string[]) => raw.filter((_, i) => i % 2 === 0);

describe('PresetHeadersResponse', () => {
  it('writes preset headers with the handler’s own in one head, the last preset value of a name winning', async () => {
    const { status, raw, headers } = await rawHeadersOf((res) => {
      res.presetHeader('X-Request-ID', 'first');
      res.presetHeader('Cache-Control', 'no-store');
      res.presetHeader('x-request-id', 'second');
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
    expect(status).toBe(201);
    expect(headers['x-request-id']).toBe('second');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['content-type']).toBe('application/json');
    expect(namesOf(raw)).toEqual(expect.arrayContaining(['Content-Type', 'X-Request-ID', 'Cache-Control']));
    expect(namesOf(raw).filter((name) => name.toLowerCase() === 'x-request-id')).toHaveLength(1);
  });

  it('lets the handler’s header win over a preset one of the same name in any case, sent once', async () => {
    const { raw, headers } = await rawHeadersOf((res) => {
      res.presetHeader('Cache-Control', 'no-store');
      res.writeHead(200, 'Fine', { 'cache-control': 'no-cache' });
      res.end();
    });
    expect(headers['cache-control']).toBe('no-cache');
    expect(namesOf(raw).filter((name) => name.toLowerCase() === 'cache-control')).toHaveLength(1);
  });

  it('merges through Node when the handler passes a list or has used setHeader, its own headers still winning', async () => {
    const listed = await rawHeadersOf((res) => {
      res.presetHeader('Cache-Control', 'no-store');
      res.presetHeader('X-Frame-Options', 'DENY');
      res.writeHead(200, ['cache-control', 'no-cache', 'X-Own', '1'] as never);
      res.end();
    });
    expect([listed.headers['cache-control'], listed.headers['x-frame-options'], listed.headers['x-own']]).toEqual(['no-cache', 'DENY', '1']);

    const mixed = await rawHeadersOf((res) => {
      res.presetHeader('X-Frame-Options', 'DENY');
      res.presetHeader('X-Set', 'preset');
      res.setHeader('X-Set', 'own');
      res.writeHead(204);
      res.end();
    });
    expect([mixed.status, mixed.headers['x-frame-options'], mixed.headers['x-set']]).toEqual([204, 'DENY', 'own']);
  });

  it('sends preset headers on an answer that never calls writeHead itself', async () => {
    const { headers } = await rawHeadersOf((res) => {
      res.presetHeader('X-Content-Type-Options', 'nosniff');
      res.end('implicit head');
    });
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
});
