import { configDefaults, defineConfig } from 'vitest/config';

const UNIT = ['test/unit/**/*.test.ts', 'test/architecture/**/*.test.ts'];
// The console in a real browser, against `npm start`: needs Chromium, no test servers.
const BROWSER = ['test/browser/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    // Both cores: most files wait on processes, servers and sockets (the default leaves one idle).
    maxWorkers: 2,
    hookTimeout: 60_000,
    // Unit tests need no server, so they run without the global setup (`npx vitest run test/unit`).
    projects: [
      { test: { name: 'unit', include: UNIT } },
      { test: { name: 'browser', include: BROWSER, testTimeout: 60_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT, ...BROWSER],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
