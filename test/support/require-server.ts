import { inject } from 'vitest';
import type { TestServers } from './test-servers.ts';

type ServerKey = keyof TestServers['absent'];

/**
 * The server an integration suite needs, or undefined after a loud warning (the suite is
 * then skipped with `describe.skipIf`). Under CI a missing server fails the run instead:
 * CI must exercise every real adapter.
 */
export function requireServer<K extends ServerKey>(key: K, suite: string): NonNullable<TestServers[K]> | undefined {
  const servers = inject('servers');
  const server = servers[key];
  if (server) return server as NonNullable<TestServers[K]>;
  const reason = servers.absent[key] ?? 'unknown reason';
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${suite}: no ${key} server in CI (${reason}); integration suites must not be skipped`);
  }
  console.warn(`\n  !!! SKIPPED ${suite}: no ${key} server: ${reason}\n`);
  return undefined;
}
