import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '../../src/adapters/system/free-port.ts';

/**
 * A TCP proxy on 127.0.0.1 in front of a real server: `cut` makes the server unreachable
 * (open connections reset, new ones refused), `restore` brings it back on the same port.
 * A network outage for one client, without stopping a server other tests share.
 */
export async function outageProxy(target: { host: string; port: number }) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const proxy = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      proxy.once('error', reject);
      proxy.listen(port, '127.0.0.1', () => {
        server = proxy;
        resolve();
      });
    });

  await listen();
  return {
    port,
    url: (scheme = 'http') => `${scheme}://127.0.0.1:${port}`,
    async cut(): Promise<void> {
      const closing = server;
      server = null;
      for (const socket of sockets) socket.resetAndDestroy();
      sockets.clear();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    async restore(): Promise<void> {
      if (!server) await listen();
    },
  };
}

export type OutageProxy = Awaited<ReturnType<typeof outageProxy>>;
