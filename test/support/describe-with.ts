import { describe, inject } from 'vitest';
import { hasCommand } from './processes.ts';
import type { TestServers } from './test-servers.ts';

type ServerKey = keyof TestServers['absent'];
export type NeededServers<K extends ServerKey> = { readonly [P in K]: NonNullable<TestServers[P]> };

/** What a suite needs beyond Node: servers found by the global setup, programs on the PATH. */
export interface Needs<K extends ServerKey> {
  readonly servers?: readonly K[];
  readonly programs?: readonly string[];
}

/**
 * `describe` for a suite that needs real servers or programs: the body gets the servers, or
 * the suite is skipped after a loud warning. Under CI a missing need fails the run instead:
 * CI must exercise every real adapter.
 */
export function describeWith<K extends ServerKey>(name: string, needs: Needs<K>, body: (servers: NeededServers<K>) => void): void {
  // Suites that need programs only may run in a project without the global setup (the browser tests).
  const servers: TestServers = needs.servers?.length ? inject('servers') : { absent: {} };
  const missing = [
    ...(needs.servers ?? []).filter((key) => !servers[key]).map((key) => `no ${key} server (${servers.absent[key] ?? 'unknown reason'})`),
    ...(needs.programs ?? []).filter((program) => !hasCommand(program)).map((program) => `no ${program} program on the PATH`),
  ];
  if (missing.length > 0) {
    if (process.env.CI === 'true' || process.env.CI === '1') {
      throw new Error(`${name}: ${missing.join('; ')} in CI; integration suites must not be skipped`);
    }
    console.warn(`\n  !!! SKIPPED ${name}: ${missing.join('; ')}\n`);
  }
  const found = Object.fromEntries((needs.servers ?? []).map((key) => [key, servers[key]])) as NeededServers<K>;
  // A skipped suite is still collected, so its body runs; only its hooks and tests use the servers.
  describe.skipIf(missing.length > 0)(name, () => body(found));
}
