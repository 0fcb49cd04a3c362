import { createClient, ErrorReply } from 'redis';
import { DependencyUnavailableError } from '../../application/errors.ts';

const newClient = (url: string) =>
  createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 3_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });

export type RedisConnection = ReturnType<typeof newClient>;

/**
 * A client that connects in the background and keeps reconnecting. The offline queue is
 * off, so a command while Redis is down fails at once (503) instead of hanging; when
 * Redis comes back, commands work again without a restart.
 */
export function connectRedis(url: string, onError: (error: Error) => void = () => {}): RedisConnection {
  const client = newClient(url);
  // Without a listener, a connection error would crash the process.
  client.on('error', onError);
  client.connect().catch(onError);
  return client;
}

/** Resolves once the client can take commands; DependencyUnavailableError after `timeoutMs`. */
export function whenReady(client: RedisConnection, timeoutMs: number): Promise<void> {
  if (client.isReady) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new DependencyUnavailableError('queue', { cause: new Error(`Redis not ready within ${timeoutMs} ms`) }));
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}

/** Runs a Redis call; anything but a command error from the server means Redis is unavailable. */
export async function redisCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ErrorReply) throw error;
    throw new DependencyUnavailableError('queue', { cause: error });
  }
}
