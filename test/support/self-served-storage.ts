import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from '../../src/adapters/http/app-env.ts';
import { handleError } from '../../src/adapters/http/error-response.ts';
import { storageRoutes } from '../../src/adapters/http/routes/storage-routes.ts';
import type { SelfServedObjectStore } from '../../src/adapters/signed-urls/self-served-store.ts';
import type { ObjectStoreSubject } from '../contracts/object-store.contract.ts';

/** A self-served store with its storage route mounted, reached the way a client reaches it. */
export function selfServedSubject(store: SelfServedObjectStore): ObjectStoreSubject {
  const app = new Hono<AppEnv>().use(requestId()).route('/storage', storageRoutes(store));
  app.onError((error, c) => handleError(error, c));
  return { store, send: async (url, init) => app.request(url, init), leavesPartialWrites: store.storageType === 'local' };
}
